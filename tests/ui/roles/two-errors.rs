use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid")]
    Invalid {
        #[api(errors)]
        errors: api_error::FieldErrors,
        #[api(errors)]
        more: api_error::FieldErrors,
    },
}

fn main() {}

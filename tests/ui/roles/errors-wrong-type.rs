use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid")]
    Invalid {
        #[api(errors)]
        errors: Vec<String>,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid")]
    Invalid {
        #[api(field)]
        name: String,
        #[api(field)]
        other: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(format = "flat", decode)]
enum Error {
    #[api(status = 401, code = "invalid_key", message = "Invalid API key")]
    InvalidKey,
    #[api(status = 401, code = "unknown_key", message = "Invalid API key")]
    UnknownKey,
}

fn main() {}

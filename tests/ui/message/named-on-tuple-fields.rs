use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "{resource} not found")]
    NotFound(String),
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "{0} {1} not found")]
    NotFound(String),
}

fn main() {}

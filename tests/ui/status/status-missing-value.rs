use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status, message = "Not found")]
    NotFound,
}

fn main() {}

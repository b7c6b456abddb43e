use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api]
    NotFound,
}

fn main() {}

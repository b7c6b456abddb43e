use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "{id} not found")]
    NotFound,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, code = "not_found")]
    #[api(message = "Not found", code = "missing")]
    NotFound,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = not_found)]
    NotFound,
}

fn main() {}

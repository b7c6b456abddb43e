use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", axum = false)]
    NotFound,
}

fn main() {}

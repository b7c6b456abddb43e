use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", severity = "high")]
    NotFound,
}

fn main() {}

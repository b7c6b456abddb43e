use api_error::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum Error {
    #[error("not found")]
    #[api(status = 404, code = "Not Found")]
    NotFound,
}

fn main() {
    let err = Error::NotFound;
    let _ = err.status();
    let _ = err.to_string();
}

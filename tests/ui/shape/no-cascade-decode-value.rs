use api_error::client::decode;
use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(decode = "yes")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {
    let body = br#"{"error":{"code":"not_found","message":"Not found"}}"#;
    let _ = decode::<Error>(http::StatusCode::NOT_FOUND, &http::HeaderMap::new(), body);
}

use api_error::client::{decode, decode_status, ClientError};
use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(decode)]
enum Error {
    #[api(status = 200, message = "Found")]
    Found,
}

fn main() {
    let body = br#"{"error":{"code":"found","message":"Found"}}"#;
    let headers = http::HeaderMap::new();
    match decode::<Error>(http::StatusCode::OK, &headers, body) {
        ClientError::Api(Error::Found, _) => {}
        _ => {}
    }
    let _ = decode_status::<Error>(&tonic::Status::not_found("Found"));
}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 4040, message = "Not found")]
    NotFound,
}

fn main() {
    let err = Error::NotFound;
    let _ = err.status();
    let _ = err.to_json(api_error::Format::Envelope);
    let _ = serde_json::to_string(&err);
    let _ = err.to_string();
    let _: &dyn std::error::Error = &err;
}

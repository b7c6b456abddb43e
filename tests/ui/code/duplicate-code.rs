use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 409, code = "conflict", message = "Invoice has already been sent")]
    AlreadySent,
    #[api(status = 409, code = "conflict", message = "Invoice is void")]
    Void,
}

fn main() {}

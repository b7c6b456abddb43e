use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 409, message = "Invoice has already been sent", grpc = "failed_precondtion")]
    AlreadySent,
}

fn main() {}

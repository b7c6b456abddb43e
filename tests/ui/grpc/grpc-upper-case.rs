use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 409, message = "Order changed", grpc = "ABORTED")]
    Stale,
}

fn main() {}

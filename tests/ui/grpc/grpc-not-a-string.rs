use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", grpc = 5)]
    NotFound,
}

fn main() {}

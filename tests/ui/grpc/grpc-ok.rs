use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", grpc = "ok")]
    NotFound,
}

fn main() {}

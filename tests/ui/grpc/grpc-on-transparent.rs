use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Inner {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

#[derive(Debug, ApiError)]
enum Outer {
    #[api(transparent, grpc = "not_found")]
    Inner(Inner),
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(transparent, status = 500, code = "inner")]
    Inner(Inner),
}

#[derive(Debug, ApiError)]
enum Inner {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

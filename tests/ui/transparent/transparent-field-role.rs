use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(transparent)]
    Inner(#[api(extra = "inner")] Inner),
}

#[derive(Debug, ApiError)]
enum Inner {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

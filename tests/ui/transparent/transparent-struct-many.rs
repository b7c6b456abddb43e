use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(transparent)]
struct Error {
    inner: Inner,
    context: String,
}

#[derive(Debug, ApiError)]
enum Inner {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

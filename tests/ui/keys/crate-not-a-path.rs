use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(crate = "not a path")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

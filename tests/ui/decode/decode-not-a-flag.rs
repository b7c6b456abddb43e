use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(decode = "yes")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(format = "flat", format = "problem")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

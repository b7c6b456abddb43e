use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(crate = "Self::api_error")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

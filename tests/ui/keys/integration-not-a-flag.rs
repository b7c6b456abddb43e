use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(tonic = "off")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

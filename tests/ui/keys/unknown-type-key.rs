use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(formatt = "flat")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

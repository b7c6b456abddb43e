use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(crate = "api_error::<u8>")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

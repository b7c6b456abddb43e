use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 600, message = "Beyond")]
    Beyond,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 200, message = "All good")]
    Fine,
}

fn main() {}

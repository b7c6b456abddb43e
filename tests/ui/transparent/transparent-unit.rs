use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(transparent)]
    Nothing,
}

fn main() {}

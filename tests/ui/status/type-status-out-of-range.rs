use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 302)]
enum Error {
    #[api(message = "Moved")]
    Moved,
}

fn main() {}

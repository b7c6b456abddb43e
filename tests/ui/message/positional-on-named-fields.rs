use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "{0} not found")]
    NotFound { resource: String },
}

fn main() {}

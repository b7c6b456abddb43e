use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 400, code = "invalid_request", share_code, message = "Email is required")]
    MissingEmail,
    #[api(status = 422, code = "invalid_request", share_code, message = "Rate must be positive")]
    BadRate,
}

fn main() {}

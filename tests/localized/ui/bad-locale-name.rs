use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/bad-locale-name")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "Not found")]
    NotFound,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/unknown-variable")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "{resource} {id} not found")]
    NotFound { resource: String, id: u64 },
}

fn main() {}

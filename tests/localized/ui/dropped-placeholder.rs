use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/dropped-placeholder")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "{resource} {id} not found")]
    NotFound { resource: String, id: u64 },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/missing-message")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound { resource: String },

    #[api(status = 409, code = "duplicate", message = "Already exists")]
    Duplicate,
}

fn main() {}

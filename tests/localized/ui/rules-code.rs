use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/rules-code")]
pub enum ClientsError {
    #[api(status = 404, code = "not_found", message = "{resource} not found")]
    NotFound { resource: String },

    #[api(status = 422, code = "rules", message = "Rules broken")]
    Rules,
}

fn main() {}

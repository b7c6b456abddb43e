use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(locales = "locales/shared-code")]
pub enum ClientsError {
    #[api(status = 422, code = "invalid_request", message = "{label} is required")]
    #[api(share_code)]
    MissingField { label: String },

    #[api(status = 422, code = "invalid_request", message = "Rate must be positive")]
    #[api(share_code)]
    RateNotPositive,
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(subset(pub CreateError = ))]
enum ClientsError {
    #[api(status = 409, code = "duplicate", message = "Already exists")]
    Duplicate,
    #[api(status = 429, code = "rate_limited", message = "Too many requests")]
    RateLimited,
}

fn main() {}

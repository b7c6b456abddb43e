use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(doc_base = "docs/errors")]
enum Error {
    #[api(status = 200, message = "Not found")]
    NotFound,
    #[api(status = 409, code = "Conflict", message = "{id} conflicts")]
    Conflict,
    #[api(status = 429, mesage = "Slow down")]
    RateLimited,
}

fn main() {}

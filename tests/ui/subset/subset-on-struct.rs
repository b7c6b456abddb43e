use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 404, code = "not_found", message = "Not found")]
#[api(subset(pub Narrow = NotFound))]
struct NotFound;

fn main() {}

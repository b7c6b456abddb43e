use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(subset(#[serde(rename_all = "camelCase")] pub Narrow = NotFound))]
#[api(subset(pub Other: NotFound))]
enum ClientsError {
    #[api(status = 404, code = "not_found", message = "Not found")]
    NotFound,
}

fn main() {}

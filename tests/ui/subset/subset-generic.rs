use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(subset(pub Narrow = Failed))]
enum StoreError<E: std::error::Error + 'static> {
    #[api(status = 500, code = "store_failed", message = "The store failed")]
    Failed(#[api(source)] E),
    #[api(status = 404, code = "not_found", message = "Not found")]
    NotFound,
}

fn main() {}

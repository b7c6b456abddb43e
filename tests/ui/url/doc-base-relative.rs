use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(doc_base = "/docs/errors")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

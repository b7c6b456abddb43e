use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", doc_url = "ftp://docs.example.com/errors")]
    NotFound,
}

fn main() {}

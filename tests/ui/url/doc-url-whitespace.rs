use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", doc_url = "https://docs.example.com/not found")]
    NotFound,
}

fn main() {}

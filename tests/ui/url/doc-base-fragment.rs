use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/errors#top")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

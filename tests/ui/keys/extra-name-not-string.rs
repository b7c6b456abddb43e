use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound {
        #[api(extra = 5)]
        id: String,
    },
}

fn main() {}

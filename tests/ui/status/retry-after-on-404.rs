use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound {
        #[api(retry_after)]
        secs: u64,
    },
}

fn main() {}

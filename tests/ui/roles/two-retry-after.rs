use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 429, message = "Slow down")]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
        #[api(retry_after)]
        again: u64,
    },
}

fn main() {}

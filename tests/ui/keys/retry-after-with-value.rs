use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 429, message = "Slow down")]
    RateLimited {
        #[api(retry_after = 30)]
        secs: u64,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 429, message = "Slow down")]
    RateLimited {
        #[api(retry_after)]
        when: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 500, message = "An unexpected error occurred")]
    Internal {
        #[api(source)]
        cause: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 500, message = "An unexpected error occurred")]
    Internal {
        #[api(source)]
        io: std::io::Error,
        #[api(source)]
        fmt: std::fmt::Error,
    },
}

fn main() {}

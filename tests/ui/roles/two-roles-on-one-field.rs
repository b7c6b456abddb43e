use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid")]
    Invalid {
        #[api(extra, debug)]
        value: i64,
    },
}

fn main() {}

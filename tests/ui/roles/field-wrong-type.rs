use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid")]
    Invalid {
        #[api(field)]
        index: usize,
    },
}

fn main() {}

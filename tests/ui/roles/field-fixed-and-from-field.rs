use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, message = "Invalid", field = "email")]
    Invalid {
        #[api(field)]
        name: String,
    },
}

fn main() {}

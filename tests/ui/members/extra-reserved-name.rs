use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 409, message = "Already exists")]
    Duplicate {
        #[api(extra)]
        code: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 422, code = "unprocessable", message = "The export cannot run")]
    Unprocessable {
        #[api(extra)]
        details: Vec<String>,
    },
}

fn main() {}

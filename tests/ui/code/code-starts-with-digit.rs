use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 409, code = "409_conflict", message = "Already exists")]
    Duplicate,
}

fn main() {}

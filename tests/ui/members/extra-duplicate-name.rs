use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound {
        #[api(extra)]
        id: String,
        #[api(extra = "id")]
        other_id: String,
    },
}

fn main() {}

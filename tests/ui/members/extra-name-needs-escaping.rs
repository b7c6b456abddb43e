use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound {
        #[api(extra = "say \"id\"")]
        id: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "{resouce} not found")]
    NotFound {
        #[api(extra)]
        resource: String,
    },
}

fn main() {}

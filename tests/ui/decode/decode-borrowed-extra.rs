use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(decode)]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound {
        #[api(extra)]
        resource: &'static str,
    },
}

fn main() {}

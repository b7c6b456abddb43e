use api_error::ApiError;

#[derive(Debug)]
struct Secret;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 400, message = "Bad request")]
    Bad {
        #[api(extra)]
        secret: Secret,
    },
}

fn main() {}

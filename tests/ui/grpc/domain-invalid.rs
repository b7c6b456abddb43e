use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(domain = "clients example com")]
enum Error {
    #[api(status = 404, message = "Not found")]
    NotFound,
}

fn main() {}

use api_error::ApiError;
use utoipa::OpenApi;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 200, message = "Found")]
    Found,
}

#[utoipa::path(
    get,
    path = "/",
    responses((status = 200, description = "The page", body = String), Error)
)]
#[allow(dead_code)]
async fn handler() -> Result<String, Error> {
    Err(Error::Found)
}

#[derive(OpenApi)]
#[openapi(paths(handler))]
struct ApiDoc;

fn main() {
    let _ = ApiDoc::openapi();
    let _ = <Error as utoipa::IntoResponses>::responses();
}

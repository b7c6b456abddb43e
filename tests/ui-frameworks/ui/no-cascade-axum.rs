use api_error::ApiError;
use axum::routing::get;
use axum::Router;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 200, message = "Found")]
    Found,
}

async fn handler() -> Result<&'static str, Error> {
    Err(Error::Found)
}

fn main() {
    let _app: Router = Router::new().route("/", get(handler));
}

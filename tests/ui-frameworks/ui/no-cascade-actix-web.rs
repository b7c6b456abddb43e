use actix_web::{web, App};
use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 200, message = "Found")]
    Found,
}

async fn handler() -> Result<&'static str, Error> {
    Err(Error::Found)
}

fn main() {
    let _app = App::new().route("/", web::get().to(handler));
}

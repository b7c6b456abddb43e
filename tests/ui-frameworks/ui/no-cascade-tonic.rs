use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Not found", grpc = "not_fund")]
    NotFound,
}

fn handler() -> Result<(), tonic::Status> {
    Err(Error::NotFound)?;
    let status: tonic::Status = Error::NotFound.into();
    let _ = status;
    Ok(())
}

fn main() {
    let _ = handler();
    let _ = Error::NotFound.grpc_code();
}

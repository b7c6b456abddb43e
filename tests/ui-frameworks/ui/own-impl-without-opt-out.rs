use api_error::ApiError;

#[derive(Debug, ApiError)]
enum ExportError {
    #[api(status = 503, code = "busy", message = "Exports are busy")]
    Busy,
}

impl From<ExportError> for tonic::Status {
    fn from(_: ExportError) -> Self {
        tonic::Status::unavailable("own")
    }
}

fn main() {}

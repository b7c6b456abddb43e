use api_error::ApiError;

#[derive(Debug, ApiError)]
enum ClientsError {
    #[api(status = 410, code = "not_found", message = "Client deleted")]
    Deleted,
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(transparent)]
    Clients(ClientsError),

    #[api(status = 404, code = "not_found", message = "Page not found")]
    NoPage,
}

api_error::assert_unique_codes!(AppError);

fn main() {}

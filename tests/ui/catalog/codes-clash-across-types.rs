use api_error::ApiError;

#[derive(Debug, ApiError)]
enum ClientsError {
    #[api(status = 404, code = "not_found", message = "Client not found")]
    NotFound,
}

#[derive(Debug, ApiError)]
enum InvoicesError {
    #[api(status = 410, code = "not_found", message = "Invoice deleted")]
    Deleted,
}

api_error::assert_unique_codes!(ClientsError, InvoicesError);

fn main() {}

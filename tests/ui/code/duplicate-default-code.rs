use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404, message = "Client not found")]
    NotFound,
    #[api(status = 404, code = "not_found", message = "Invoice not found")]
    InvoiceNotFound,
}

fn main() {}

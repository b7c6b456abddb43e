use api_error::ApiError;

#[derive(Debug, ApiError)]
enum ClientsError {
    #[api(
        status = 422,
        code = "invalid_parameter",
        message = "Rate must be positive"
    )]
    BadRate {
        #[api(extra)]
        value: i64,
    },
}

#[derive(Debug, ApiError)]
enum InvoicesError {
    #[api(status = 422, code = "invalid_parameter", message = "Unknown currency")]
    BadCurrency {
        #[api(extra)]
        value: String,
    },
}

api_error::assert_unique_codes!(ClientsError, InvoicesError);

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(message = "Payment required")]
struct PaymentRequired;

fn main() {}

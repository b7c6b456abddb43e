use api_error::ApiError;

#[derive(Debug, ApiError)]
enum SearchError {
    #[api(status = 400, message = "Cannot sort by {column}", location = "query")]
    InvalidSort { column: String },
}

fn main() {}

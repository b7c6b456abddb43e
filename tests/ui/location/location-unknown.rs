use api_error::ApiError;

#[derive(Debug, ApiError)]
enum SearchError {
    #[api(status = 400, message = "Cannot sort by {field}", location = "querystring")]
    InvalidSort {
        #[api(field)]
        field: String,
    },

    #[api(status = 400, message = "Missing {field}", location = "Header")]
    MissingHeader {
        #[api(field)]
        field: String,
    },
}

fn main() {}

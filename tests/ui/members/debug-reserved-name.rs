use api_error::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 400, message = "Bad request")]
    Bad {
        #[api(debug)]
        source_chain: String,
    },
}

fn main() {}

use api_error::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 400, code = "bad_sort", message = "Bad sort")]
struct BadSort;

#[derive(Debug, ApiError)]
enum SearchError {
    #[api(transparent, location = "query")]
    Sort(BadSort),
}

fn main() {}

use api_error::ApiError;

#[derive(Debug)]
struct Point;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 400, message = "Bad point {point}")]
    BadPoint { point: Point },
}

fn main() {}

use api_error::ApiError;

#[derive(ApiError)]
union Error {
    code: u16,
    other: u32,
}

fn main() {}

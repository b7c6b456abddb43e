//! One request to an example server, and what the tests read of its answer.

use reqwest::header::HeaderMap;

/// Status, headers and body of one response.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    pub fn request_id(&self) -> &str {
        self.header("x-request-id")
            .expect("every response has an X-Request-Id")
    }

    /// An error response: status, JSON content type, request id, body.
    pub fn assert_error(&self, status: u16, body: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.header("content-type"), Some("application/json"));
        assert!(
            self.request_id().starts_with("req_"),
            "{}",
            self.request_id()
        );
        assert_eq!(self.body, body);
    }

    /// The body carries none of the server's internals: its type names
    /// (`types`), source paths, panic locations.
    pub fn assert_no_leak(&self, types: &[&str]) {
        let always = ["struct ", "app.rs", "examples/", "src/", "panicked at"];
        for internal in types.iter().chain(&always) {
            assert!(
                !self.body.contains(internal),
                "{internal} leaked: {}",
                self.body
            );
        }
    }
}

/// Sends `method path` with exactly these headers and body.
pub async fn send(
    http: &reqwest::Client,
    url: String,
    method: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> Reply {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = http.request(method, url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request.body(body);
    }
    let response = request.send().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

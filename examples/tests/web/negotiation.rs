//! A library API that answers errors in the format the client's `Accept`
//! asks for, over real HTTP on axum and actix-web: RFC 9457 for
//! `application/problem+json`, JSON:API for `application/vnd.api+json`,
//! the envelope otherwise, each with `Vary: Accept`; the frameworks' own
//! errors (an unmatched route, a body that is not JSON) included.

use api_error::client::ErrorBody;
use api_error::{ApiError, Format, StatusCode};
use serde_json::Value;

#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.example.com/library")]
pub enum LibraryError {
    #[api(
        status = 404,
        code = "book_not_found",
        message = "Book {isbn} not found"
    )]
    BookNotFound {
        #[api(extra)]
        isbn: String,
    },
}

const OFFERED: [Format; 2] = [Format::Problem, Format::JsonApi];

async fn start_axum() -> String {
    use api_error::axum::ApiErrorLayer;
    use axum::extract::Path;
    use axum::routing::{get, post};

    async fn book(Path(isbn): Path<String>) -> Result<String, LibraryError> {
        Err(LibraryError::BookNotFound { isbn })
    }
    let router = axum::Router::new()
        .route("/books/{isbn}", get(book))
        .route(
            "/loans",
            post(
                |api_error::axum::Json(loan): api_error::axum::Json<Value>| async move {
                    loan.to_string()
                },
            ),
        )
        .layer(ApiErrorLayer::new().negotiate(OFFERED));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

fn start_actix() -> String {
    use actix_web::{web, App, HttpServer};
    use api_error::actix::{configure, ApiErrorMiddleware, Json};

    async fn book(isbn: web::Path<String>) -> Result<String, LibraryError> {
        Err(LibraryError::BookNotFound {
            isbn: isbn.into_inner(),
        })
    }
    async fn loan(Json(loan): Json<Value>) -> String {
        loan.to_string()
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(|| {
        App::new()
            .configure(configure)
            .wrap(ApiErrorMiddleware::new().negotiate(OFFERED))
            .route("/books/{isbn}", web::get().to(book))
            .route("/loans", web::post().to(loan))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    base
}

/// What each `Accept` gets.
const CASES: &[(Option<&str>, Format)] = &[
    (None, Format::Envelope),
    (Some("application/json"), Format::Envelope),
    (Some("*/*"), Format::Envelope),
    (Some("application/problem+json"), Format::Problem),
    (Some("application/vnd.api+json"), Format::JsonApi),
    (
        Some("application/vnd.api+json;q=0.4, application/problem+json;q=0.8"),
        Format::Problem,
    ),
    (
        Some("application/json, application/problem+json;q=0.9"),
        Format::Envelope,
    ),
    (Some("application/problem+json;q=0"), Format::Envelope),
    (
        Some("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        Format::Envelope,
    ),
];

async fn check(base: &str) {
    let http = reqwest::Client::new();
    for (accept, expected) in CASES {
        for (method, path, body, status, code) in [
            ("GET", "/books/978-0", None, 404, "book_not_found"),
            ("GET", "/shelves", None, 404, "route_not_found"),
            ("POST", "/loans", Some("{"), 400, "invalid_json"),
        ] {
            let mut request = match method {
                "GET" => http.get(format!("{base}{path}")),
                _ => http
                    .post(format!("{base}{path}"))
                    .header("content-type", "application/json")
                    .body(body.unwrap_or_default()),
            };
            if let Some(accept) = accept {
                request = request.header("accept", *accept);
            }
            let response = request.send().await.unwrap();
            let at = format!("{base} {method} {path} with Accept {accept:?}");
            assert_eq!(response.status(), status, "{at}");
            let headers = response.headers().clone();
            assert_eq!(headers["content-type"], expected.content_type(), "{at}");
            assert!(
                headers.get_all("vary").iter().any(|vary| vary
                    .to_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains("accept")),
                "{at}: {headers:?}"
            );
            let text = response.text().await.unwrap();
            let read = ErrorBody::parse(
                StatusCode::from_u16(status).unwrap(),
                &headers,
                text.as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{at}: {e:?}"));
            assert_eq!(read.format, Some(*expected), "{at}: {text}");
            assert_eq!(read.code.as_deref(), Some(code), "{at}: {text}");
            if code == "book_not_found" {
                assert_eq!(read.members["isbn"], "978-0", "{at}: {text}");
                let json: Value = serde_json::from_str(&text).unwrap();
                match expected {
                    Format::JsonApi => assert_eq!(json["errors"][0]["meta"]["isbn"], "978-0"),
                    Format::Problem => assert_eq!(json["isbn"], "978-0"),
                    _ => assert_eq!(json["error"]["isbn"], "978-0"),
                }
            }
        }
    }
}

#[tokio::test]
async fn axum_answers_in_the_format_accept_asks_for() {
    check(&start_axum().await).await;
}

#[tokio::test]
async fn actix_answers_in_the_format_accept_asks_for() {
    check(&start_actix()).await;
}

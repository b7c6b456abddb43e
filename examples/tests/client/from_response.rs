//! `client::from_response` against a real server: success bodies, typed
//! errors, unknown and malformed responses.

use api_error::axum::ApiErrorLayer;
use api_error::client::{from_response, ClientError};
use api_error::ApiError;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

#[derive(Debug, PartialEq, ApiError)]
#[api(decode)]
enum InvoiceError {
    #[api(
        status = 409,
        code = "conflict",
        message = "Invoice has already been sent"
    )]
    AlreadySent {
        #[api(extra)]
        invoice_id: String,
    },
    #[api(
        status = 429,
        code = "rate_limit_exceeded",
        message = "Rate limit exceeded. Retry after {secs} seconds."
    )]
    RateLimited {
        #[api(retry_after)]
        secs: u64,
    },
}

#[derive(Debug, PartialEq, ApiError)]
#[api(decode)]
enum Other {
    #[api(status = 410, code = "gone", message = "Gone for good")]
    Gone,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Invoice {
    id: String,
}

async fn server() -> String {
    let router = Router::new()
        .route(
            "/ok",
            get(|| async { Json(serde_json::json!({ "id": "inv_1" })) }),
        )
        .route(
            "/sent",
            get(|| async {
                Err::<(), _>(InvoiceError::AlreadySent {
                    invoice_id: "inv_1".into(),
                })
            }),
        )
        .route(
            "/slow",
            get(|| async { Err::<(), _>(InvoiceError::RateLimited { secs: 30 }) }),
        )
        .route("/gone", get(|| async { Err::<(), _>(Other::Gone) }))
        .layer(ApiErrorLayer::new())
        // A proxy in front of the API answers on its own, in HTML.
        .route(
            "/proxy",
            get(|| async { (StatusCode::BAD_GATEWAY, "<html>Bad Gateway</html>") }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

async fn get_invoice(base: &str, path: &str) -> Result<Invoice, ClientError<InvoiceError>> {
    let response = reqwest::get(format!("{base}{path}"))
        .await
        .map_err(ClientError::Transport)?;
    from_response(response).await
}

#[tokio::test]
async fn responses_are_read_into_typed_results() {
    let base = server().await;
    assert_eq!(
        get_invoice(&base, "/ok").await.unwrap(),
        Invoice { id: "inv_1".into() }
    );
    assert_eq!(
        get_invoice(&base, "/sent").await.unwrap_err(),
        ClientError::Api(
            InvoiceError::AlreadySent {
                invoice_id: "inv_1".into()
            },
            None
        )
    );
    let slow = get_invoice(&base, "/slow").await.unwrap_err();
    assert_eq!(
        slow,
        ClientError::Api(
            InvoiceError::RateLimited { secs: 30 },
            Some(std::time::Duration::from_secs(30))
        )
    );
    assert_eq!(slow.retry_after(), Some(std::time::Duration::from_secs(30)));

    match get_invoice(&base, "/gone").await.unwrap_err() {
        ClientError::Unknown(body) => {
            assert_eq!(body.code.as_deref(), Some("gone"));
            assert!(body
                .request_id
                .as_deref()
                .is_some_and(|id| id.starts_with("req_")));
        }
        other => panic!("{other:?}"),
    }
    match get_invoice(&base, "/proxy").await.unwrap_err() {
        ClientError::Malformed(response) => {
            assert_eq!(response.status, 502);
            assert_eq!(response.raw, "<html>Bad Gateway</html>");
        }
        other => panic!("{other:?}"),
    }
    // A success body that is not the expected type is a transport error, not a panic.
    let response = reqwest::get(format!("{base}/sent")).await.unwrap();
    assert!(from_response::<Invoice, Other>(response).await.is_err());
    let response = reqwest::get(format!("{base}/proxy")).await.unwrap();
    let text_instead: Result<Vec<u8>, ClientError<Other>> = from_response(response).await;
    assert!(matches!(text_instead, Err(ClientError::Malformed(_))));
}

#[tokio::test]
async fn transport_failures_are_kept() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = get_invoice(&base, "/ok").await.unwrap_err();
    assert!(matches!(error, ClientError::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
}

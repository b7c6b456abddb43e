//! A room-bookings API with a `doc_base`, whose request errors come in
//! through a `transparent` variant: every answer, its own errors', a panic's,
//! an unmatched route's, a bad body's, links to the API's documentation, in
//! each format, and its catalog says the same.

use crate::http::send;
use api_error::axum::{ApiErrorLayer, Json, PanicResponse, Path};
use api_error::catalog::Catalog;
use api_error::client::ErrorBody;
use api_error::{ApiError, Format, Mode, RequestError, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::Value;
use tonic_types::StatusExt;
use tower_http::catch_panic::CatchPanicLayer;

const DOC_BASE: &str = "https://docs.bookings.example/errors";

/// The bookings API's errors.
#[derive(Debug, ApiError)]
#[api(doc_base = "https://docs.bookings.example/errors")]
enum BookingsError {
    /// No room of that name.
    #[api(
        status = 404,
        code = "room_not_found",
        message = "Room {room} not found"
    )]
    RoomNotFound {
        #[api(extra)]
        room: String,
    },

    /// The calendar could not be read.
    #[api(
        status = 500,
        code = "internal_error",
        message = "An unexpected error occurred"
    )]
    Internal(#[api(source)] std::io::Error),

    /// The request itself is wrong, or the handler panicked.
    #[api(transparent)]
    Request(RequestError),
}

impl From<RequestError> for BookingsError {
    fn from(error: RequestError) -> Self {
        BookingsError::Request(error)
    }
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct NewBooking {
    room: String,
    hours: u8,
}

async fn room(Path(room): Path<String>) -> Result<&'static str, BookingsError> {
    Err(BookingsError::RoomNotFound { room })
}

async fn book(Json(_booking): Json<NewBooking>) -> &'static str {
    "booked"
}

async fn calendar() -> Result<&'static str, BookingsError> {
    Err(BookingsError::Internal(std::io::Error::other(
        "calendar.db is locked",
    )))
}

#[allow(clippy::unused_async)]
async fn boom() -> &'static str {
    panic!("the booking index is corrupt")
}

async fn forbidden() -> StatusCode {
    StatusCode::FORBIDDEN
}

async fn server(format: Format) -> String {
    let app = Router::new()
        .route("/v1/rooms/{room}", get(room))
        .route("/v1/bookings", post(book))
        .route("/v1/calendar", get(calendar))
        .route("/v1/boom", get(boom))
        .route("/v1/admin", get(forbidden))
        .layer(CatchPanicLayer::custom(PanicResponse))
        .layer(
            ApiErrorLayer::new()
                .format(format)
                .mode(Mode::Test)
                .map_request_errors(BookingsError::from),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

/// A request, and the status and code it is answered with.
struct Case {
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    status: u16,
    code: &'static str,
}

const CASES: &[Case] = &[
    Case {
        method: "GET",
        path: "/v1/rooms/orion",
        body: None,
        status: 404,
        code: "room_not_found",
    },
    Case {
        method: "GET",
        path: "/v1/calendar",
        body: None,
        status: 500,
        code: "internal_error",
    },
    Case {
        method: "GET",
        path: "/v1/boom",
        body: None,
        status: 500,
        code: "internal_error",
    },
    Case {
        method: "GET",
        path: "/v1/nowhere",
        body: None,
        status: 404,
        code: "route_not_found",
    },
    Case {
        method: "DELETE",
        path: "/v1/calendar",
        body: None,
        status: 405,
        code: "method_not_allowed",
    },
    Case {
        method: "POST",
        path: "/v1/bookings",
        body: Some(r#"{"room":"#),
        status: 400,
        code: "invalid_json",
    },
    Case {
        method: "POST",
        path: "/v1/bookings",
        body: Some(r#"{"room":"orion"}"#),
        status: 422,
        code: "invalid_request",
    },
    Case {
        method: "GET",
        path: "/v1/admin",
        body: None,
        status: 403,
        code: "forbidden",
    },
];

fn doc_url(code: &str) -> String {
    format!("{DOC_BASE}#{code}")
}

#[tokio::test]
async fn every_answer_links_to_the_apis_documentation() {
    let http = reqwest::Client::new();
    for format in Format::ALL {
        let base = server(format).await;
        for case in CASES {
            // The constant bodies, and the rendered ones of a debug request.
            for query in ["", "?debug=true"] {
                let url = format!("{base}{}{query}", case.path);
                let body = case.body.map(|body| body.as_bytes().to_vec());
                let headers: &[(&str, &str)] = match body {
                    Some(_) => &[("content-type", "application/json")],
                    None => &[],
                };
                let reply = send(&http, url.clone(), case.method, headers, body).await;
                let at = format!("{format:?} {} {url}: {}", case.method, reply.body);
                assert_eq!(reply.status, case.status, "{at}");
                let json: Value = serde_json::from_str(&reply.body).unwrap();
                let expected = doc_url(case.code);
                match format {
                    Format::Envelope => {
                        assert_eq!(json["error"]["code"], case.code, "{at}");
                        assert_eq!(json["error"]["doc_url"], expected.as_str(), "{at}");
                    }
                    Format::Flat => assert_eq!(json["doc_url"], expected.as_str(), "{at}"),
                    Format::Problem => {
                        assert_eq!(json["code"], case.code, "{at}");
                        assert_eq!(json["type"], expected.as_str(), "{at}");
                    }
                    Format::JsonApi => {
                        let error = &json["errors"][0];
                        assert_eq!(error["code"], case.code, "{at}");
                        assert_eq!(error["links"]["about"], expected.as_str(), "{at}");
                    }
                    Format::Google => {
                        let details = json["error"]["details"].as_array().unwrap();
                        assert_eq!(details[0]["reason"], case.code.to_ascii_uppercase(), "{at}");
                        let help = details
                            .iter()
                            .find(|detail| detail["@type"] == "type.googleapis.com/google.rpc.Help")
                            .unwrap();
                        assert_eq!(help["links"][0]["url"], expected.as_str(), "{at}");
                    }
                    Format::Microsoft => {
                        assert_eq!(json["error"]["code"], case.code, "{at}");
                        assert_eq!(
                            json["error"]["innererror"]["doc_url"],
                            expected.as_str(),
                            "{at}"
                        );
                    }
                }
                // What a client reads of it.
                let status = StatusCode::from_u16(reply.status).unwrap();
                let read = ErrorBody::parse(status, &reply.headers, reply.body.as_bytes()).unwrap();
                assert_eq!(read.doc_url.as_deref(), Some(expected.as_str()), "{at}");
            }
        }
    }
}

#[test]
fn the_catalog_and_the_values_agree() {
    let entries: Vec<_> = BookingsError::catalog().entries().collect();
    assert!(entries.len() > 10, "the request errors are listed");
    for entry in &entries {
        assert_eq!(
            entry.doc_url,
            Some(doc_url(entry.code).as_str()),
            "{}::{}",
            entry.type_name,
            entry.variant
        );
    }
    // Both `internal_error` entries, the API's own and the panic's.
    let internal: Vec<_> = entries
        .iter()
        .filter(|entry| entry.code == "internal_error")
        .map(|entry| (entry.type_name, entry.doc_url))
        .collect();
    let url = doc_url("internal_error");
    assert_eq!(
        internal,
        [
            ("BookingsError", Some(url.as_str())),
            ("RequestError", Some(url.as_str()))
        ]
    );
    // The other renderings of the catalog read the same entries.
    let json: Value = serde_json::from_str(&BookingsError::catalog().to_json()).unwrap();
    let text = json.to_string();
    assert!(text.contains(&doc_url("route_not_found")), "{text}");
    let markdown = BookingsError::catalog().to_markdown();
    assert!(markdown.contains(&doc_url("invalid_json")), "{markdown}");

    // RequestError alone has no doc_base, and keeps none.
    let catalog = RequestError::catalog();
    assert!(catalog.entries().all(|entry| entry.doc_url.is_none()));
    assert_eq!(RequestError::RouteNotFound.doc_url(), None);

    // The values say what the catalog says, over gRPC too.
    let error = BookingsError::Request(RequestError::RouteNotFound);
    let url = doc_url("route_not_found");
    assert_eq!(error.doc_url(), Some(url.as_str()));
    let status = tonic::Status::from(error);
    let help = status.get_details_help().expect("a Help link");
    assert_eq!(help.links[0].url, url);
}

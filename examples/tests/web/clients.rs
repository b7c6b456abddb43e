//! The clients and invoices API example server, driven over HTTP: every error
//! its guide shows, with status, headers and exact body.

use crate::clients_api::{app, errors};
use crate::http::{send, Reply};
use crate::logs::logs;
use api_error::axum::ApiErrorLayer;
use api_error::{Format, Mode};
use axum::routing::get;
use axum::Router;
use std::time::Duration;

/// A running server.
struct Server {
    base: String,
    http: reqwest::Client,
}

async fn start(router: Router) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Server {
        base,
        http: reqwest::Client::new(),
    }
}

async fn start_app(config: app::Config) -> Server {
    start(app::app(config)).await
}

impl Server {
    async fn send(&self, method: &str, path: &str, key: Option<&str>, body: Option<&str>) -> Reply {
        let authorization = key.map(|key| format!("Bearer {key}"));
        let mut headers = Vec::new();
        if let Some(authorization) = &authorization {
            headers.push(("authorization", authorization.as_str()));
        }
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        let body = body.map(|body| body.as_bytes().to_vec());
        send(
            &self.http,
            format!("{}{path}", self.base),
            method,
            &headers,
            body,
        )
        .await
    }

    async fn create_client(&self, key: &str, email: &str) -> String {
        let body = format!(r#"{{"name":"Ada","email":"{email}","rate":120}}"#);
        let reply = self
            .send("POST", "/v1/clients", Some(key), Some(&body))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let created: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        created["id"].as_str().unwrap().to_owned()
    }
}

const FULL: Option<&str> = Some(app::FULL_ACCESS_KEY);

#[tokio::test]
async fn unauthorized_401() {
    let server = start_app(app::Config::default()).await;
    let expected = r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#;
    server
        .send("GET", "/v1/clients/cli_00001", None, None)
        .await
        .assert_error(401, expected);
    server
        .send("GET", "/v1/clients/cli_00001", Some("sk_test_nope"), None)
        .await
        .assert_error(401, expected);
}

#[tokio::test]
async fn forbidden_403() {
    let server = start_app(app::Config::default()).await;
    let id = server
        .create_client(app::FULL_ACCESS_KEY, "ada@example.com")
        .await;
    let reply = server
        .send(
            "GET",
            &format!("/v1/clients/{id}"),
            Some(app::LIMITED_KEY),
            None,
        )
        .await;
    reply.assert_error(
        403,
        r#"{"error":{"code":"forbidden","message":"You do not have access to this client"}}"#,
    );
    // The limited key sees the clients it created.
    let own = server
        .create_client(app::LIMITED_KEY, "bob@example.com")
        .await;
    let reply = server
        .send(
            "GET",
            &format!("/v1/clients/{own}"),
            Some(app::LIMITED_KEY),
            None,
        )
        .await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn not_found_404() {
    let server = start_app(app::Config::default()).await;
    server
        .send("GET", "/v1/clients/cli_xxxxx", FULL, None)
        .await
        .assert_error(404, r#"{"error":{"code":"not_found","message":"Client not found","resource":"client","id":"cli_xxxxx"}}"#);
    server
        .send("POST", "/v1/invoices/inv_xxxxx/send", FULL, None)
        .await
        .assert_error(404, r#"{"error":{"code":"not_found","message":"Invoice not found","resource":"invoice","id":"inv_xxxxx"}}"#);
}

#[tokio::test]
async fn validation_422() {
    let server = start_app(app::Config::default()).await;
    server
        .send("POST", "/v1/clients", FULL, Some(r#"{"name":"Ada"}"#))
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#,
        );
    server
        .send("POST", "/v1/clients", FULL, Some(r#"{"email":"ada@example.com","rate":-50}"#))
        .await
        .assert_error(422, r#"{"error":{"code":"invalid_parameter","message":"Rate must be a positive number","field":"rate","value":-50}}"#);
    server
        .send("POST", "/v1/clients", FULL, Some(r#"{"email":"ada","rate":-5}"#))
        .await
        .assert_error(422, r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format"},{"field":"rate","message":"Must be positive"}]}}"#);
}

#[tokio::test]
async fn conflicts_409() {
    let server = start_app(app::Config::default()).await;
    let id = server
        .create_client(app::FULL_ACCESS_KEY, "ada@example.com")
        .await;
    let body = r#"{"name":"Ada again","email":"ada@example.com"}"#;
    server.send("POST", "/v1/clients", FULL, Some(body)).await.assert_error(
        409,
        &format!(r#"{{"error":{{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"{id}"}}}}"#),
    );

    let body = format!(r#"{{"client_id":"{id}","amount":5000}}"#);
    let reply = server.send("POST", "/v1/invoices", FULL, Some(&body)).await;
    assert_eq!(reply.status, 201);
    let invoice: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let send = format!("/v1/invoices/{}/send", invoice["id"].as_str().unwrap());
    assert_eq!(server.send("POST", &send, FULL, None).await.status, 200);
    server.send("POST", &send, FULL, None).await.assert_error(
        409,
        r#"{"error":{"code":"conflict","message":"Invoice has already been sent"}}"#,
    );
}

#[tokio::test]
async fn rate_limited_429_with_retry_after() {
    let server = start_app(app::Config {
        rate_limit: 2,
        cooldown: Duration::from_secs(30),
        ..app::Config::default()
    })
    .await;
    for _ in 0..2 {
        assert_eq!(
            server
                .send("GET", "/v1/clients/cli_1", FULL, None)
                .await
                .status,
            404
        );
    }
    let reply = server.send("GET", "/v1/clients/cli_1", FULL, None).await;
    reply.assert_error(429, r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Retry after 30 seconds."}}"#);
    assert_eq!(reply.header("retry-after"), Some("30"));
    // Still limited: the wait shrinks, never grows.
    let again = server.send("GET", "/v1/clients/cli_1", FULL, None).await;
    assert_eq!(again.status, 429);
    let wait: u64 = again.header("retry-after").unwrap().parse().unwrap();
    assert!((29..=30).contains(&wait), "{wait}");
    // Other errors carry no Retry-After.
    let other = server
        .send("GET", "/v1/clients/cli_1", Some(app::LIMITED_KEY), None)
        .await;
    assert_eq!(other.header("retry-after"), None);
}

#[tokio::test]
async fn internal_error_500_has_the_request_id_and_logs_the_chain() {
    let logs = logs();
    let server = start_app(app::Config {
        export_dir: "/nonexistent/exports".into(),
        ..app::Config::default()
    })
    .await;
    let reply = server.send("POST", "/v1/exports", FULL, None).await;
    let id = reply.request_id().to_owned();
    reply.assert_error(
        500,
        &format!(r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"{id}"}}}}"#),
    );
    assert!(
        !reply.body.contains("nonexistent"),
        "the cause never reaches the client"
    );
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("no log line with {id} in:\n{logged}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("code=\"internal_error\""), "{line}");
    assert!(
        line.contains("exporting 0 clients to /nonexistent/exports/clients.json"),
        "{line}"
    );
    assert!(line.contains("No such file or directory"), "{line}");
}

#[tokio::test]
async fn request_ids_are_kept_when_valid_and_replaced_otherwise() {
    let server = start_app(app::Config::default()).await;
    let get = |id: &'static str| {
        server
            .http
            .get(format!("{}/v1/clients/cli_1", server.base))
            .header("x-request-id", id)
            .send()
    };
    let kept = get("client-chosen-42").await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "client-chosen-42");
    let too_long: &'static str = Box::leak("x".repeat(200).into_boxed_str());
    for bad in [too_long, "has spaces", "quote\"d"] {
        let replaced = get(bad).await.unwrap();
        let id = replaced.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(id.starts_with("req_") && id.len() == 20, "{bad:?} -> {id}");
    }
    // Successful responses carry one too, and ids differ per request.
    let a = server
        .create_client(app::FULL_ACCESS_KEY, "a@example.com")
        .await;
    let first = server
        .send("GET", &format!("/v1/clients/{a}"), FULL, None)
        .await;
    let second = server
        .send("GET", &format!("/v1/clients/{a}"), FULL, None)
        .await;
    assert_eq!(first.status, 200);
    assert_ne!(first.request_id(), second.request_id());
}

#[tokio::test]
async fn debug_block_only_in_test_mode_and_on_request() {
    let body = Some(r#"{"rate":-50}"#);
    let with_debug = r#"{"error":{"code":"invalid_request","message":"Rate must be positive","debug":{"received_value":-50,"expected_type":"positive_integer"}}}"#;
    let without = r#"{"error":{"code":"invalid_request","message":"Rate must be positive"}}"#;

    let test = start_app(app::Config::default()).await;
    let id = test
        .create_client(app::FULL_ACCESS_KEY, "ada@example.com")
        .await;
    let path = format!("/v1/clients/{id}");
    test.send("PATCH", &format!("{path}?debug=true"), FULL, body)
        .await
        .assert_error(422, with_debug);
    test.send("PATCH", &path, FULL, body)
        .await
        .assert_error(422, without);
    test.send("PATCH", &format!("{path}?debug=false"), FULL, body)
        .await
        .assert_error(422, without);

    let production = start_app(app::Config {
        mode: Mode::Production,
        ..app::Config::default()
    })
    .await;
    let id = production
        .create_client(app::FULL_ACCESS_KEY, "ada@example.com")
        .await;
    let path = format!("/v1/clients/{id}?debug=true");
    production
        .send("PATCH", &path, FULL, body)
        .await
        .assert_error(422, without);

    // A 5xx in test mode shows its cause only when asked.
    let failing = start_app(app::Config {
        export_dir: "/nonexistent/exports".into(),
        ..app::Config::default()
    })
    .await;
    let reply = failing
        .send("POST", "/v1/exports?debug=true", FULL, None)
        .await;
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        body["error"]["debug"]["source_chain"][0],
        "exporting 0 clients to /nonexistent/exports/clients.json"
    );
}

#[tokio::test]
async fn the_format_is_chosen_per_router() {
    async fn missing() -> Result<&'static str, errors::ClientsError> {
        Err(errors::ClientsError::NotFound {
            resource: errors::Resource::Client,
            id: "cli_1".to_owned(),
        })
    }
    let v1 = Router::new()
        .route("/clients", get(missing))
        .layer(ApiErrorLayer::new().format(Format::Flat));
    let v2 = Router::new()
        .route("/clients", get(missing))
        .layer(ApiErrorLayer::new());
    let v3 = Router::new()
        .route("/clients", get(missing))
        .layer(ApiErrorLayer::new().format(Format::Problem));
    let server = start(
        Router::new()
            .nest("/v1", v1)
            .nest("/v2", v2)
            .nest("/v3", v3),
    )
    .await;

    let flat = server.send("GET", "/v1/clients", None, None).await;
    flat.assert_error(
        404,
        r#"{"error":"Not Found","message":"Client not found","resource":"client","id":"cli_1"}"#,
    );
    let envelope = server.send("GET", "/v2/clients", None, None).await;
    envelope.assert_error(404, r#"{"error":{"code":"not_found","message":"Client not found","resource":"client","id":"cli_1"}}"#);
    let problem = server.send("GET", "/v3/clients", None, None).await;
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(
        problem.body,
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Client not found","code":"not_found","resource":"client","id":"cli_1"}"#
    );
}

#[tokio::test]
async fn without_the_layer_errors_still_render() {
    async fn missing() -> Result<&'static str, errors::ClientsError> {
        Err(errors::ClientsError::Unauthorized)
    }
    let server = start(Router::new().route("/", get(missing))).await;
    let reply = server.send("GET", "/", None, None).await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("x-request-id"), None);
    assert_eq!(
        reply.body,
        r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#
    );
}

#[tokio::test]
async fn works_with_tower_http_request_ids() {
    use api_error::axum::MakeApiRequestId;
    use axum::Extension;
    use tower_http::request_id::{RequestId, SetRequestIdLayer};

    async fn echo(Extension(id): Extension<RequestId>) -> Result<String, errors::ClientsError> {
        Ok(id.header_value().to_str().unwrap().to_owned())
    }
    async fn fail() -> Result<String, errors::ClientsError> {
        Err(errors::ClientsError::Internal("upstream timed out".into()))
    }
    let router = Router::new()
        .route("/echo", get(echo))
        .route("/fail", get(fail))
        .layer(ApiErrorLayer::new())
        .layer(SetRequestIdLayer::x_request_id(MakeApiRequestId));
    let server = start(router).await;

    // tower-http sets the id first; the error layer keeps it and hands it on.
    let echoed = server.send("GET", "/echo", None, None).await;
    assert_eq!(echoed.status, 200);
    assert!(echoed.body.starts_with("req_"), "{}", echoed.body);
    assert_eq!(echoed.request_id(), echoed.body);

    let failed = server.send("GET", "/fail", None, None).await;
    let id = failed.request_id().to_owned();
    failed.assert_error(
        500,
        &format!(r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"{id}"}}}}"#),
    );
}

/// What a response body must never carry: the server's type names, source
/// paths, panic locations.
fn assert_no_leak(reply: &Reply) {
    reply.assert_no_leak(&["NewClient", "ClientUpdate", "NewInvoice"]);
}

impl Server {
    /// A request with exactly these headers and body bytes, and the full key.
    async fn send_raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let authorization = format!("Bearer {}", app::FULL_ACCESS_KEY);
        let mut all = vec![("authorization", authorization.as_str())];
        all.extend_from_slice(headers);
        send(
            &self.http,
            format!("{}{path}", self.base),
            method,
            &all,
            Some(body),
        )
        .await
    }
}

const JSON: &[(&str, &str)] = &[("content-type", "application/json")];

#[tokio::test]
async fn unmatched_routes_and_wrong_methods_answer_in_the_envelope() {
    let server = start_app(app::Config::default()).await;
    server
        .send("GET", "/v1/nothing", FULL, None)
        .await
        .assert_error(
            404,
            r#"{"error":{"code":"route_not_found","message":"No route matches the request"}}"#,
        );
    server.send("GET", "/", None, None).await.assert_error(
        404,
        r#"{"error":{"code":"route_not_found","message":"No route matches the request"}}"#,
    );
    let reply = server.send("DELETE", "/v1/clients", FULL, None).await;
    reply.assert_error(
        405,
        r#"{"error":{"code":"method_not_allowed","message":"Method not allowed"}}"#,
    );
    assert_eq!(reply.header("allow"), Some("POST,GET,HEAD"));
    let reply = server
        .send("PUT", "/v1/invoices/inv_1/send", FULL, None)
        .await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("POST"));
}

#[tokio::test]
async fn bodies_that_do_not_fit_name_the_member() {
    let server = start_app(app::Config::default()).await;
    // A wrong type is an error, never a default.
    server
        .send("POST", "/v1/clients", FULL, Some(r#"{"email":"w1@b.co","rate":"high"}"#))
        .await
        .assert_error(422, r#"{"error":{"code":"invalid_parameter","message":"Rate must be an integer","field":"rate"}}"#);
    let list = server.send("GET", "/v1/clients", FULL, None).await;
    assert_eq!(list.body, "[]", "nothing was stored");
    server
        .send(
            "POST",
            "/v1/clients",
            FULL,
            Some(r#"{"email":"w1@b.co","rate":12"#),
        )
        .await
        .assert_error(
            400,
            r#"{"error":{"code":"invalid_json","message":"Request body is not valid JSON"}}"#,
        );
    server
        .send("POST", "/v1/invoices", FULL, Some(r#"{"amount":5000}"#))
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Client is required","field":"client_id"}}"#,
        );
    server
        .send("POST", "/v1/clients", FULL, Some("[]"))
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_parameter","message":"Request body must be an object"}}"#,
        );
    // Authentication comes before the body.
    server
        .send("POST", "/v1/clients", None, Some("not json"))
        .await
        .assert_error(
            401,
            r#"{"error":{"code":"unauthorized","message":"Invalid API key provided"}}"#,
        );
}

#[tokio::test]
async fn content_type_and_size_415_413() {
    let lenient = start_app(app::Config::default()).await;
    let created = lenient
        .send_raw(
            "POST",
            "/v1/clients",
            &[("content-type", "text/plain;charset=UTF-8")],
            br#"{"email":"ada@example.com"}"#.to_vec(),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);

    let server = start_app(app::Config {
        require_json_content_type: true,
        ..app::Config::default()
    })
    .await;
    let body = br#"{"email":"ada@example.com"}"#.to_vec();
    let expected = r#"{"error":{"code":"unsupported_media_type","message":"Content-Type must be application/json"}}"#;
    server
        .send_raw("POST", "/v1/clients", &[], body.clone())
        .await
        .assert_error(415, expected);
    server
        .send_raw(
            "POST",
            "/v1/clients",
            &[("content-type", "text/plain")],
            body,
        )
        .await
        .assert_error(415, expected);

    let too_large =
        r#"{"error":{"code":"payload_too_large","message":"Request body is too large"}}"#;
    let mut huge = br#"{"email":"ada@example.com","name":""#.to_vec();
    huge.resize(5 * 1024 * 1024, b'a');
    huge.extend_from_slice(br#""}"#);
    server
        .send_raw("POST", "/v1/clients", JSON, huge.clone())
        .await
        .assert_error(413, too_large);
    // Without a Content-Length the limit stops the stream.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        huge.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let response = server
        .http
        .post(format!("{}/v1/clients", server.base))
        .header("authorization", format!("Bearer {}", app::FULL_ACCESS_KEY))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_stream(chunks)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(response.text().await.unwrap(), too_large);
}

/// A stream of ready chunks, for a body without a Content-Length.
fn futures_stream(
    chunks: Vec<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    struct Chunks(std::vec::IntoIter<Result<Vec<u8>, std::io::Error>>);
    impl futures_core::Stream for Chunks {
        type Item = Result<Vec<u8>, std::io::Error>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }
    Chunks(chunks.into_iter())
}

#[tokio::test]
async fn query_and_path_parameters_400() {
    let server = start(app::app_with(
        app::Config::default(),
        Router::new().route(
            "/v1/orders/{number}",
            get(
                |api_error::axum::Path(number): api_error::axum::Path<u32>| async move {
                    number.to_string()
                },
            ),
        ),
    ))
    .await;
    server
        .send("GET", "/v1/clients?limit=ten", FULL, None)
        .await
        .assert_error(400, r#"{"error":{"code":"invalid_query_parameter","message":"Query parameter 'limit' must be an integer","field":"limit"}}"#);
    server
        .send("GET", "/v1/orders/first", FULL, None)
        .await
        .assert_error(400, r#"{"error":{"code":"invalid_path_parameter","message":"Path parameter 'number' must be an integer","field":"number"}}"#);
    let reply = server.send("GET", "/v1/orders/42", FULL, None).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "42"));
}

#[tokio::test]
async fn bare_statuses_and_foreign_rejections_get_the_format_json_bodies_stay() {
    use axum::http::StatusCode;
    let extra = Router::new()
        .route("/v1/admin", get(|| async { StatusCode::FORBIDDEN }))
        .route(
            "/v1/teapot",
            get(|| async { (StatusCode::IM_A_TEAPOT, "short and stout") }),
        )
        .route(
            "/v1/legacy",
            axum::routing::post(
                |axum::Json(value): axum::Json<serde_json::Value>| async move { value.to_string() },
            ),
        )
        .route(
            "/v1/custom",
            get(|| async {
                (
                    StatusCode::CONFLICT,
                    [("content-type", "application/problem+json")],
                    r#"{"title":"Conflict","status":409}"#,
                )
            }),
        );
    let server = start(app::app_with(app::Config::default(), extra)).await;
    server
        .send("GET", "/v1/admin", FULL, None)
        .await
        .assert_error(
            403,
            r#"{"error":{"code":"forbidden","message":"Forbidden"}}"#,
        );
    server
        .send("GET", "/v1/teapot", FULL, None)
        .await
        .assert_error(
            418,
            r#"{"error":{"code":"im_a_teapot","message":"I'm a teapot"}}"#,
        );
    // axum's own Json extractor answers in plain text; the layer formats it
    // and keeps none of its text.
    let reply = server
        .send("POST", "/v1/legacy", FULL, Some("{not json"))
        .await;
    reply.assert_error(
        400,
        r#"{"error":{"code":"bad_request","message":"Bad Request"}}"#,
    );
    let reply = server.send("GET", "/v1/custom", FULL, None).await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.body, r#"{"title":"Conflict","status":409}"#);
    assert!(reply.header("x-request-id").is_some());
}

#[tokio::test]
async fn a_timeout_is_408_in_the_format_and_logged_with_the_request_id() {
    let logs = logs();
    let server = start(app::app_with(
        app::Config {
            request_timeout: Duration::from_millis(100),
            ..app::Config::default()
        },
        Router::new().route(
            "/v1/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        ),
    ))
    .await;
    let reply = server.send("GET", "/v1/slow", FULL, None).await;
    reply.assert_error(
        408,
        r#"{"error":{"code":"request_timeout","message":"The request took too long"}}"#,
    );
    let id = reply.request_id().to_owned();
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("no log line with {id} in:\n{logged}"));
    assert!(
        line.contains("WARN") && line.contains("request timed out"),
        "{line}"
    );
    assert!(line.contains("elapsed_ms="), "{line}");

    let reply = server.send("GET", "/v1/slow?debug=true", FULL, None).await;
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let elapsed = body["error"]["debug"]["elapsed_ms"].as_u64().unwrap();
    assert!((100..5_000).contains(&elapsed), "{elapsed}");
}

fn panicking_routes() -> Router {
    Router::new().route(
        "/v1/boom",
        get(|| async {
            let limits: Vec<u32> = Vec::new();
            if limits.is_empty() {
                panic!("plan limits table is empty");
            }
            "unreachable"
        }),
    )
}

#[tokio::test]
async fn a_panic_is_a_500_with_the_request_id_and_its_payload_only_in_logs_and_debug() {
    let logs = logs();
    let server = start(app::app_with(app::Config::default(), panicking_routes())).await;
    let reply = server.send("GET", "/v1/boom", FULL, None).await;
    let id = reply.request_id().to_owned();
    reply.assert_error(
        500,
        &format!(r#"{{"error":{{"code":"internal_error","message":"An unexpected error occurred","request_id":"{id}"}}}}"#),
    );
    assert_no_leak(&reply);
    assert!(!reply.body.contains("plan limits"));
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let line = logged
        .lines()
        .find(|line| line.contains(&id) && line.contains("ERROR"))
        .unwrap_or_else(|| panic!("no log line with {id} in:\n{logged}"));
    assert!(line.contains("plan limits table is empty"), "{line}");

    let reply = server.send("GET", "/v1/boom?debug=true", FULL, None).await;
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        body["error"]["debug"]["source_chain"][0],
        "handler panicked: plan limits table is empty"
    );

    let production = start(app::app_with(
        app::Config {
            mode: Mode::Production,
            ..app::Config::default()
        },
        panicking_routes(),
    ))
    .await;
    let reply = production
        .send("GET", "/v1/boom?debug=true", FULL, None)
        .await;
    assert_eq!(reply.status, 500);
    assert!(!reply.body.contains("debug") && !reply.body.contains("plan limits"));
    // The server keeps serving.
    assert_eq!(
        production
            .send("GET", "/v1/clients", FULL, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn hostile_requests_are_answered_in_the_format_and_leak_nothing() {
    let server = start_app(app::Config::default()).await;
    let check = |reply: &Reply, status: u16, code: &str| {
        assert_eq!(reply.status, status, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert!(reply.header("x-request-id").is_some());
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["error"]["code"], code, "{}", reply.body);
        assert!(reply.body.len() < 1024, "{} bytes", reply.body.len());
        assert_no_leak(reply);
    };
    let deep = format!(
        r#"{{"email":"a@b.co","name":{}1{}}}"#,
        "[".repeat(100),
        "]".repeat(100)
    );
    let reply = server.send("POST", "/v1/clients", FULL, Some(&deep)).await;
    check(&reply, 422, "invalid_parameter");
    assert!(reply.body.contains(r#""field":"name""#), "{}", reply.body);

    let deeper = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let reply = server
        .send("POST", "/v1/clients", FULL, Some(&deeper))
        .await;
    check(&reply, 400, "invalid_json");

    let long_value = "x".repeat(1_000_000);
    let reply = server
        .send(
            "POST",
            "/v1/clients",
            FULL,
            Some(&format!(r#"{{"email":"a@b.co","rate":"{long_value}"}}"#)),
        )
        .await;
    check(&reply, 422, "invalid_parameter");

    let long_key = format!(
        r#"{{"email":"a@b.co","{}":1,"rate":"x"}}"#,
        "k".repeat(1_000_000)
    );
    let reply = server
        .send("POST", "/v1/clients", FULL, Some(&long_key))
        .await;
    check(&reply, 422, "invalid_parameter");

    let reply = server
        .send_raw(
            "POST",
            "/v1/clients",
            JSON,
            b"{\"email\":\"\xff\xfe@b.co\"}".to_vec(),
        )
        .await;
    check(&reply, 400, "invalid_json");

    let reply = server
        .send(
            "POST",
            "/v1/clients",
            FULL,
            Some(r#"{"email":"a@b.co","email":"c@d.co"}"#),
        )
        .await;
    check(&reply, 422, "invalid_parameter");
    assert!(reply.body.contains("Email is given more than once"));

    let segment = "s".repeat(10_000);
    let reply = server
        .send("GET", &format!("/v1/clients/{segment}"), FULL, None)
        .await;
    assert_eq!(reply.status, 404);
    assert_no_leak(&reply);
    let reply = server
        .send("GET", &format!("/v1/{segment}/x"), FULL, None)
        .await;
    check(&reply, 404, "route_not_found");
}

#[test]
fn the_catalog_lists_the_request_errors() {
    use api_error::Catalog;
    let catalog = errors::ClientsError::catalog();
    let statuses: std::collections::BTreeSet<u16> = catalog
        .entries()
        .map(|entry| entry.status.as_u16())
        .collect();
    for status in [400, 404, 405, 413, 415, 422] {
        assert!(statuses.contains(&status), "{status}: {statuses:?}");
    }
    let markdown = catalog.to_markdown();
    for code in [
        "route_not_found",
        "method_not_allowed",
        "payload_too_large",
        "unsupported_media_type",
        "invalid_json",
    ] {
        assert!(markdown.contains(code), "{code}");
    }
}

#[tokio::test]
async fn axums_body_limit_and_form_bodies() {
    use api_error::axum::{Form, Json};
    #[derive(serde::Deserialize)]
    struct Note {
        text: String,
        priority: u8,
    }
    let extra = Router::new()
        .route(
            "/v1/notes",
            axum::routing::post(|Json(note): Json<Note>| async move { note.text })
                .layer(axum::extract::DefaultBodyLimit::max(64)),
        )
        .route(
            "/v1/forms",
            axum::routing::post(|Form(note): Form<Note>| async move {
                format!("{} {}", note.text, note.priority)
            }),
        );
    let server = start(app::app_with(
        app::Config {
            require_json_content_type: true,
            ..app::Config::default()
        },
        extra,
    ))
    .await;
    let big = format!(r#"{{"text":"{}","priority":1}}"#, "x".repeat(100));
    server
        .send_raw("POST", "/v1/notes", JSON, big.into_bytes())
        .await
        .assert_error(
            413,
            r#"{"error":{"code":"payload_too_large","message":"Request body is too large"}}"#,
        );
    let form = &[("content-type", "application/x-www-form-urlencoded")];
    let reply = server
        .send_raw("POST", "/v1/forms", form, b"text=hi&priority=2".to_vec())
        .await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "hi 2"));
    server
        .send_raw("POST", "/v1/forms", form, b"text=hi&priority=high".to_vec())
        .await
        .assert_error(422, r#"{"error":{"code":"invalid_parameter","message":"Priority must be an integer","field":"priority"}}"#);
    server
        .send_raw("POST", "/v1/forms", form, b"priority=1".to_vec())
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Text is required","field":"text"}}"#,
        );
    server
        .send_raw("POST", "/v1/forms", JSON, b"{}".to_vec())
        .await
        .assert_error(415, r#"{"error":{"code":"unsupported_media_type","message":"Content-Type must be application/x-www-form-urlencoded"}}"#);
}

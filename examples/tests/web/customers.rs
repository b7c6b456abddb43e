//! The customers API example server, driven over HTTP: every error its guide
//! shows, with status, headers and exact body.

use crate::customers_api::{app, errors};
use crate::http::{send, Reply};
use std::time::Duration;

struct Server {
    base: String,
    http: reqwest::Client,
    shared: app::Shared,
}

fn start(config: app::Config) -> Server {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = app::Shared::new(config);
    let server = app::server(listener, shared.clone()).unwrap();
    tokio::spawn(server);
    Server {
        base,
        http: reqwest::Client::new(),
        shared,
    }
}

/// How a request carries its key.
#[derive(Clone, Copy)]
enum Auth {
    None,
    ApiKey(&'static str),
    Bearer(&'static str),
}

const LIVE: Auth = Auth::ApiKey(app::LIVE_KEY);

impl Server {
    async fn send(&self, method: &str, path: &str, auth: Auth, body: Option<&str>) -> Reply {
        let bearer;
        let mut headers = Vec::new();
        match auth {
            Auth::None => {}
            Auth::ApiKey(key) => headers.push(("x-api-key", key)),
            Auth::Bearer(key) => {
                bearer = format!("Bearer {key}");
                headers.push(("authorization", bearer.as_str()));
            }
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

    async fn create(&self, auth: Auth, email: &str) -> Reply {
        let body = format!(r#"{{"name":"Ada","email":"{email}"}}"#);
        self.send("POST", "/api/customers", auth, Some(&body)).await
    }
}

#[tokio::test]
async fn authentication_errors_401() {
    let server = start(app::Config::default());
    let body = Some(r#"{"email":"ada@example.com"}"#);
    server.send("POST", "/api/customers", Auth::None, body).await.assert_error(
        401,
        r#"{"error":"Unauthorized","message":"API key is required. Provide it via X-API-Key header or Authorization Bearer token."}"#,
    );
    server
        .send(
            "POST",
            "/api/customers",
            Auth::ApiKey("sk_live_wrong"),
            body,
        )
        .await
        .assert_error(
            401,
            r#"{"error":"Unauthorized","message":"Invalid API key"}"#,
        );
    server
        .send(
            "POST",
            "/api/customers",
            Auth::Bearer(app::REVOKED_KEY),
            body,
        )
        .await
        .assert_error(
            401,
            r#"{"error":"Unauthorized","message":"API key has been revoked"}"#,
        );
    server
        .send(
            "POST",
            "/api/customers",
            Auth::ApiKey(app::EXPIRED_KEY),
            body,
        )
        .await
        .assert_error(
            401,
            r#"{"error":"Unauthorized","message":"API key has expired"}"#,
        );
}

#[tokio::test]
async fn both_ways_of_giving_the_key_work() {
    let server = start(app::Config::default());
    assert_eq!(server.create(LIVE, "a@example.com").await.status, 201);
    assert_eq!(
        server
            .create(Auth::Bearer(app::LIVE_KEY), "b@example.com")
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn plan_limit_403() {
    let server = start(app::Config::default());
    for i in 0..10 {
        assert_eq!(
            server
                .create(LIVE, &format!("c{i}@example.com"))
                .await
                .status,
            201
        );
    }
    server.create(LIVE, "eleven@example.com").await.assert_error(
        403,
        r#"{"error":"Forbidden","message":"Customer limit reached. Your plan allows 10 customers."}"#,
    );
    // Another account has its own limit.
    assert_eq!(
        server
            .create(Auth::ApiKey(app::OTHER_ACCOUNT_KEY), "x@example.com")
            .await
            .status,
        201
    );
    // Removing a customer makes room.
    let list = server.send("GET", "/api/customers", LIVE, None).await;
    let customers: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let first = customers[0]["id"].as_str().unwrap().to_owned();
    let deleted = server
        .send("DELETE", &format!("/api/customers/{first}"), LIVE, None)
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(server.create(LIVE, "eleven@example.com").await.status, 201);
}

#[tokio::test]
async fn duplicate_email_409() {
    let server = start(app::Config::default());
    assert_eq!(server.create(LIVE, "ada@example.com").await.status, 201);
    server.create(LIVE, "ada@example.com").await.assert_error(
        409,
        r#"{"error":"Conflict","message":"A customer with this email already exists"}"#,
    );
}

#[tokio::test]
async fn not_found_404_with_debug_in_test_mode() {
    let server = start(app::Config::default());
    server
        .send("GET", "/api/customers/cus_404", LIVE, None)
        .await
        .assert_error(
            404,
            r#"{"error":"Not Found","message":"Customer not found"}"#,
        );
    server.send("GET", "/api/customers/cus_404?debug=true", LIVE, None).await.assert_error(
        404,
        r#"{"error":"Not Found","message":"Customer not found","debug":{"customer_id":"cus_404"}}"#,
    );
    let production = start(app::Config {
        mode: api_error::Mode::Production,
        ..app::Config::default()
    });
    production
        .send("GET", "/api/customers/cus_404?debug=true", LIVE, None)
        .await
        .assert_error(
            404,
            r#"{"error":"Not Found","message":"Customer not found"}"#,
        );
}

#[tokio::test]
async fn rate_limited_429_with_retry_after() {
    let server = start(app::Config {
        rate_limit: 3,
        ..app::Config::default()
    });
    for _ in 0..3 {
        assert_eq!(
            server
                .send("GET", "/api/customers", LIVE, None)
                .await
                .status,
            200
        );
    }
    let reply = server.send("GET", "/api/customers", LIVE, None).await;
    reply.assert_error(
        429,
        r#"{"error":"Too Many Requests","message":"Rate limit exceeded. Retry after 60 seconds."}"#,
    );
    assert_eq!(reply.header("retry-after"), Some("60"));
}

#[tokio::test]
async fn internal_error_500_carries_the_request_id() {
    let server = start(app::Config {
        export_dir: "/nonexistent/exports".into(),
        ..app::Config::default()
    });
    let reply = server
        .http
        .post(format!("{}/api/customers/export", server.base))
        .header("x-api-key", app::LIVE_KEY)
        .header("x-request-id", "support-ticket-7")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 500);
    assert_eq!(reply.headers()["x-request-id"], "support-ticket-7");
    assert_eq!(
        reply.text().await.unwrap(),
        r#"{"error":"Internal Server Error","message":"Something went wrong on our end","request_id":"support-ticket-7"}"#
    );
}

#[tokio::test]
async fn maintenance_503_with_retry_after() {
    let server = start(app::Config::default());
    server.shared.start_maintenance(Duration::from_secs(120));
    let reply = server.send("GET", "/api/customers", LIVE, None).await;
    let id = reply.header("x-request-id").unwrap().to_owned();
    reply.assert_error(
        503,
        &format!(r#"{{"error":"Service Unavailable","message":"API temporarily unavailable","request_id":"{id}"}}"#),
    );
    let wait: u64 = reply.header("retry-after").unwrap().parse().unwrap();
    assert!((119..=120).contains(&wait), "{wait}");
}

#[tokio::test]
async fn the_format_is_chosen_per_scope() {
    use actix_web::{web, App, HttpServer};
    use api_error::actix::ApiErrorMiddleware;
    use api_error::Format;

    async fn duplicate() -> Result<&'static str, errors::CustomersError> {
        Err(errors::CustomersError::DuplicateEmail)
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(|| {
        App::new()
            .service(
                web::scope("/v1")
                    .wrap(ApiErrorMiddleware::new())
                    .route("/customers", web::post().to(duplicate)),
            )
            .service(
                web::scope("/v2")
                    .wrap(ApiErrorMiddleware::new().format(Format::Envelope))
                    .route("/customers", web::post().to(duplicate)),
            )
            .service(
                web::scope("/v3")
                    .wrap(ApiErrorMiddleware::new().format(Format::Problem))
                    .route("/customers", web::post().to(duplicate)),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    let http = reqwest::Client::new();
    let post = |version: &str| http.post(format!("{base}/{version}/customers")).send();

    let flat = post("v1").await.unwrap();
    assert_eq!(flat.headers()["content-type"], "application/json");
    assert_eq!(
        flat.text().await.unwrap(),
        r#"{"error":"Conflict","message":"A customer with this email already exists"}"#
    );
    let envelope = post("v2").await.unwrap();
    assert_eq!(
        envelope.text().await.unwrap(),
        r#"{"error":{"code":"duplicate_email","message":"A customer with this email already exists"}}"#
    );
    let problem = post("v3").await.unwrap();
    assert_eq!(problem.status(), 409);
    assert_eq!(
        problem.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(
        problem.text().await.unwrap(),
        r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"A customer with this email already exists","code":"duplicate_email"}"#
    );
}

fn start_with(config: app::Config, extra: fn(&mut actix_web::web::ServiceConfig)) -> Server {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = app::Shared::new(config);
    tokio::spawn(app::server_with(listener, shared.clone(), extra).unwrap());
    Server {
        base,
        http: reqwest::Client::new(),
        shared,
    }
}

impl Server {
    /// A request with exactly these headers and body bytes, and the live key.
    async fn send_raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let mut all = vec![("x-api-key", app::LIVE_KEY)];
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

/// What a response body must never carry: the server's type names, source
/// paths, panic locations.
fn assert_no_leak(reply: &Reply) {
    reply.assert_no_leak(&["NewCustomer", "NotAnEmail"]);
}

#[tokio::test]
async fn the_flat_guides_400s_come_from_the_extractor() {
    let server = start(app::Config::default());
    server
        .send("POST", "/api/customers", LIVE, Some(r#"{"name":"Ada"}"#))
        .await
        .assert_error(
            400,
            r#"{"error":"Bad Request","message":"body must have required property 'email'"}"#,
        );
    server
        .send(
            "POST",
            "/api/customers",
            LIVE,
            Some(r#"{"email":"not-an-email"}"#),
        )
        .await
        .assert_error(
            400,
            r#"{"error":"Bad Request","message":"body/email must match format \"email\""}"#,
        );
    server
        .send("POST", "/api/customers", LIVE, Some(r#"{"email":42}"#))
        .await
        .assert_error(
            400,
            r#"{"error":"Bad Request","message":"body/email must be string"}"#,
        );
    server
        .send("POST", "/api/customers", LIVE, Some(r#"{"email":"#))
        .await
        .assert_error(
            400,
            r#"{"error":"Bad Request","message":"body must be valid JSON"}"#,
        );
    server
        .send("POST", "/api/customers", LIVE, Some("[1,2]"))
        .await
        .assert_error(
            400,
            r#"{"error":"Bad Request","message":"body must be object"}"#,
        );
}

#[tokio::test]
async fn unmatched_routes_and_wrong_methods() {
    let server = start(app::Config::default());
    let not_found = r#"{"error":"Not Found","message":"No route matches the request"}"#;
    for path in ["/api/nothing", "/nothing", "/"] {
        server
            .send("GET", path, LIVE, None)
            .await
            .assert_error(404, not_found);
    }
    let reply = server.send("DELETE", "/api/customers", LIVE, None).await;
    reply.assert_error(
        405,
        r#"{"error":"Method Not Allowed","message":"Method not allowed"}"#,
    );
    assert_eq!(reply.header("allow"), Some("POST, GET"));
    let reply = server.send("PUT", "/api/customers/cus_1", LIVE, None).await;
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("GET, DELETE"));
}

#[tokio::test]
async fn content_type_400_and_size_413() {
    let server = start(app::Config::default());
    let body = br#"{"email":"ada@example.com"}"#.to_vec();
    // The guide answers every invalid request format with 400.
    let expected =
        r#"{"error":"Bad Request","message":"headers/content-type must be application/json"}"#;
    server
        .send_raw("POST", "/api/customers", &[], body.clone())
        .await
        .assert_error(400, expected);
    server
        .send_raw(
            "POST",
            "/api/customers",
            &[("content-type", "text/plain")],
            body,
        )
        .await
        .assert_error(400, expected);
    let mut huge = br#"{"email":"ada@example.com","name":""#.to_vec();
    huge.resize(5 * 1024 * 1024, b'a');
    huge.extend_from_slice(br#""}"#);
    server
        .send_raw(
            "POST",
            "/api/customers",
            &[("content-type", "application/json")],
            huge,
        )
        .await
        .assert_error(
            413,
            r#"{"error":"Payload Too Large","message":"Request body is too large"}"#,
        );
}

fn extra_routes(config: &mut actix_web::web::ServiceConfig) {
    use actix_web::{web, HttpResponse};
    config
        .route(
            "/boom",
            web::get().to(|| async {
                let limits: Vec<u32> = Vec::new();
                if limits.is_empty() {
                    panic!("plan limits table is empty");
                }
                HttpResponse::Ok().finish()
            }),
        )
        .route(
            "/admin",
            web::get().to(|| async { HttpResponse::Forbidden().finish() }),
        )
        .route(
            "/legacy/{n}",
            web::get().to(|n: web::Path<u32>| async move { n.to_string() }),
        )
        .route(
            "/kept",
            web::get().to(|| async {
                HttpResponse::Conflict()
                    .content_type("application/problem+json")
                    .body(r#"{"title":"Conflict","status":409}"#)
            }),
        );
}

#[tokio::test]
async fn a_panicking_handler_is_a_500_with_the_request_id() {
    let server = start_with(app::Config::default(), extra_routes);
    let reply = server.send("GET", "/api/boom", LIVE, None).await;
    let id = reply.header("x-request-id").unwrap().to_owned();
    reply.assert_error(
        500,
        &format!(r#"{{"error":"Internal Server Error","message":"An unexpected error occurred","request_id":"{id}"}}"#),
    );
    assert_no_leak(&reply);
    let reply = server.send("GET", "/api/boom?debug=true", LIVE, None).await;
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        body["debug"]["source_chain"][0],
        "handler panicked: plan limits table is empty"
    );
    // The worker keeps serving.
    for _ in 0..4 {
        assert_eq!(
            server
                .send("GET", "/api/customers", LIVE, None)
                .await
                .status,
            200
        );
    }

    let production = start_with(
        app::Config {
            mode: api_error::Mode::Production,
            ..app::Config::default()
        },
        extra_routes,
    );
    let reply = production
        .send("GET", "/api/boom?debug=true", LIVE, None)
        .await;
    assert_eq!(reply.status, 500);
    assert!(!reply.body.contains("plan limits") && !reply.body.contains("debug"));
}

#[tokio::test]
async fn bare_statuses_and_actix_rejections_get_the_format_json_bodies_stay() {
    let server = start_with(app::Config::default(), extra_routes);
    server
        .send("GET", "/api/admin", LIVE, None)
        .await
        .assert_error(403, r#"{"error":"Forbidden","message":"Forbidden"}"#);
    // actix-web's own Path extractor, through `configure`'s error handler.
    server
        .send("GET", "/api/legacy/x", LIVE, None)
        .await
        .assert_error(400, r#"{"error":"Bad Request","message":"Bad Request"}"#);
    let reply = server.send("GET", "/api/kept", LIVE, None).await;
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.body, r#"{"title":"Conflict","status":409}"#);
    assert!(reply.header("x-request-id").is_some());
}

#[tokio::test]
async fn hostile_requests_are_answered_in_the_format_and_leak_nothing() {
    let server = start(app::Config::default());
    let json = &[("content-type", "application/json")];
    let check = |reply: &Reply, status: u16, error: &str| {
        assert_eq!(reply.status, status, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert!(reply.header("x-request-id").is_some());
        let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        assert_eq!(body["error"], error, "{}", reply.body);
        assert!(reply.body.len() < 1024, "{} bytes", reply.body.len());
        assert_no_leak(reply);
    };
    let deep = format!(r#"{{"email":{}1{}}}"#, "[".repeat(100), "]".repeat(100));
    check(
        &server
            .send_raw("POST", "/api/customers", json, deep.into_bytes())
            .await,
        400,
        "Bad Request",
    );
    let deeper = format!("{}{}", "[".repeat(200), "]".repeat(200));
    check(
        &server
            .send_raw("POST", "/api/customers", json, deeper.into_bytes())
            .await,
        400,
        "Bad Request",
    );
    let long = format!(r#"{{"email":"{}"}}"#, "x".repeat(200_000));
    check(
        &server
            .send_raw("POST", "/api/customers", json, long.into_bytes())
            .await,
        400,
        "Bad Request",
    );
    check(
        &server
            .send_raw(
                "POST",
                "/api/customers",
                json,
                b"{\"email\":\"\xff@b.co\"}".to_vec(),
            )
            .await,
        400,
        "Bad Request",
    );
    let reply = server
        .send_raw(
            "POST",
            "/api/customers",
            json,
            br#"{"email":"a@b.co","email":"c@d.co"}"#.to_vec(),
        )
        .await;
    check(&reply, 400, "Bad Request");
    assert!(
        reply
            .body
            .contains("body must NOT have duplicate property 'email'"),
        "{}",
        reply.body
    );
    let segment = "s".repeat(10_000);
    let reply = server
        .send(
            "GET",
            &format!("/api/customers/{segment}?debug=true"),
            LIVE,
            None,
        )
        .await;
    assert_eq!(reply.status, 404);
    assert!(reply.body.len() < 1024, "{} bytes", reply.body.len());
    check(
        &server
            .send("GET", &format!("/api/{segment}/x"), LIVE, None)
            .await,
        404,
        "Not Found",
    );
}

//! A hotel-bookings API of its own, over real HTTP, in the envelope format
//! (axum) and the flat format (actix-web): members named in words
//! (`check_in` and `checkIn` read "Check in"), every body error of a flat API
//! that words them as JSON Schema validators do a 400, and the values of a
//! map (`labels`) named by their key or by the map, the same on every
//! request.

use crate::customers_api::app as customers;
use crate::http::{send, Reply};
use api_error::request::SchemaError;
use api_error::{ApiError, Format, RequestError};
use serde::Deserialize;
use std::collections::HashMap;

/// The bookings API's types, read by both servers.
pub mod domain {
    use super::*;
    // validator's derive calls `validate` on the map.
    use validator::Validate as _;

    /// `POST /bookings`: members in snake_case, validated with validator.
    #[derive(Debug, Deserialize, validator::Validate)]
    pub struct NewBooking {
        pub check_in: String,
        pub room_id: String,
        #[serde(default)]
        pub room_type: Option<RoomType>,
        #[serde(default)]
        pub guests: Vec<String>,
        #[serde(default)]
        #[validate(nested)]
        pub labels: HashMap<String, Label>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RoomType {
        Single,
        Double,
        Suite,
    }

    /// A label a front desk puts on a booking, by name.
    #[derive(Debug, Deserialize, validator::Validate)]
    pub struct Label {
        #[validate(length(min = 1, max = 12, message = "Label text has 1 to 12 characters"))]
        pub text: String,
        #[validate(range(max = 5, message = "Priority is at most 5"))]
        pub priority: u8,
    }

    /// `POST /stays`: members in camelCase.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct NewStay {
        pub check_in: String,
        pub check_out: String,
        pub room_id: String,
    }

    /// `POST /guests`: the envelope guide's own member.
    #[derive(Debug, Deserialize)]
    pub struct NewGuest {
        pub email: String,
    }

    /// `POST /bookings/garde`: the same labels, validated with garde.
    #[derive(Debug, Deserialize, garde::Validate)]
    pub struct GardeBooking {
        #[garde(skip)]
        pub check_in: String,
        #[garde(dive)]
        pub labels: HashMap<String, GardeLabel>,
    }

    #[derive(Debug, Deserialize, garde::Validate)]
    pub struct GardeLabel {
        #[garde(length(min = 1, max = 12))]
        pub text: String,
    }

    /// The flat API's errors: request errors as JSON Schema validators word
    /// them, every error of the request's format a 400.
    #[derive(Debug, ApiError)]
    #[api(format = "flat")]
    pub enum BookingsError {
        #[api(
            status = 409,
            code = "room_taken",
            message = "Room {room_id} is already booked"
        )]
        RoomTaken { room_id: String },

        #[api(transparent)]
        Request(SchemaError),
    }

    impl From<RequestError> for BookingsError {
        fn from(error: RequestError) -> Self {
            BookingsError::Request(SchemaError::from(error))
        }
    }

    /// Room 101 is always taken.
    pub fn book(room_id: &str) -> Result<(), BookingsError> {
        if room_id == "101" {
            return Err(BookingsError::RoomTaken {
                room_id: room_id.to_owned(),
            });
        }
        Ok(())
    }
}

use domain::*;

/// A running server.
struct Server {
    base: String,
    http: reqwest::Client,
}

impl Server {
    async fn post(&self, path: &str, body: &str) -> Reply {
        self.post_as(path, Some("application/json"), body).await
    }

    async fn post_as(&self, path: &str, content_type: Option<&str>, body: &str) -> Reply {
        let headers: Vec<(&str, &str)> = content_type
            .map(|content_type| ("content-type", content_type))
            .into_iter()
            .collect();
        send(
            &self.http,
            format!("{}{path}", self.base),
            "POST",
            &headers,
            Some(body.as_bytes().to_vec()),
        )
        .await
    }
}

/// The envelope API on axum, answering request errors as `RequestError`
/// does, in `format`.
async fn start_axum(format: Format) -> Server {
    use api_error::axum::{ApiErrorLayer, Garde, Json, Valid};
    use axum::http::StatusCode;
    use axum::routing::post;

    let router = axum::Router::new()
        .route(
            "/v1/bookings",
            post(|Valid(Json(booking)): Valid<Json<NewBooking>>| async move {
                (StatusCode::CREATED, booking.room_id)
            }),
        )
        .route(
            "/v1/bookings/garde",
            post(
                |Garde(Json(booking)): Garde<Json<GardeBooking>>| async move {
                    (StatusCode::CREATED, booking.check_in)
                },
            ),
        )
        .route(
            "/v1/stays",
            post(|Json(stay): Json<NewStay>| async move { (StatusCode::CREATED, stay.room_id) }),
        )
        .route(
            "/v1/guests",
            post(|Json(guest): Json<NewGuest>| async move { (StatusCode::CREATED, guest.email) }),
        )
        .layer(ApiErrorLayer::new().format(format));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Server {
        base,
        http: reqwest::Client::new(),
    }
}

/// The flat API on actix-web: `/api` answers its errors as `BookingsError`
/// (JSON Schema's wording), `/plain` as `RequestError` does, in the flat
/// format.
fn start_actix() -> Server {
    use actix_web::{web, App, HttpResponse, HttpServer};
    use api_error::actix::{configure, ApiErrorMiddleware, Garde, Json, Valid};

    async fn create(
        Valid(Json(booking)): Valid<Json<NewBooking>>,
    ) -> Result<HttpResponse, BookingsError> {
        book(&booking.room_id)?;
        Ok(HttpResponse::Created().body(booking.room_id))
    }
    async fn create_garde(Garde(Json(booking)): Garde<Json<GardeBooking>>) -> HttpResponse {
        HttpResponse::Created().body(booking.check_in)
    }
    async fn stay(Json(stay): Json<NewStay>) -> HttpResponse {
        HttpResponse::Created().body(stay.room_id)
    }
    fn routes(config: &mut web::ServiceConfig) {
        config
            .service(web::resource("/bookings").route(web::post().to(create)))
            .route("/bookings/garde", web::post().to(create_garde))
            .route("/stays", web::post().to(stay));
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(|| {
        App::new()
            .configure(configure)
            .service(
                web::scope("/api")
                    .wrap(ApiErrorMiddleware::new().map_request_errors(BookingsError::from))
                    .configure(routes),
            )
            .service(
                web::scope("/plain")
                    .wrap(ApiErrorMiddleware::new().format(Format::Flat))
                    .configure(routes),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    Server {
        base,
        http: reqwest::Client::new(),
    }
}

/// The customers example server of the flat guide.
fn start_customers() -> Server {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = customers::Shared::new(customers::Config::default());
    tokio::spawn(customers::server(listener, shared).unwrap());
    Server {
        base,
        http: reqwest::Client::new(),
    }
}

const STAY: &str = r#""checkOut":"2025-06-03""#;

// 1. Labels read as words.

#[tokio::test]
async fn envelope_messages_name_members_in_words() {
    let server = start_axum(Format::Envelope).await;
    server
        .post("/v1/bookings", r#"{"room_id":"204"}"#)
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Check in is required","field":"check_in"}}"#,
        );
    server
        .post("/v1/bookings", r#"{"check_in":"2025-06-01","room_id":204}"#)
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_parameter","message":"Room id must be a string","field":"room_id"}}"#,
        );
    server
        .post(
            "/v1/bookings",
            r#"{"check_in":"2025-06-01","room_id":"204","guests":["Ada",7]}"#,
        )
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_parameter","message":"Guests[1] must be a string","field":"guests[1]"}}"#,
        );
    server
        .post(
            "/v1/bookings",
            r#"{"check_in":"2025-06-01","room_id":"204","room_type":"penthouse"}"#,
        )
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_parameter","message":"Room type must be one of: single, double, suite","field":"room_type"}}"#,
        );
    // camelCase members read the same words; `field` keeps the request's name.
    server
        .post("/v1/stays", &format!(r#"{{"roomId":"204",{STAY}}}"#))
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Check in is required","field":"checkIn"}}"#,
        );
    server
        .post(
            "/v1/stays",
            &format!(r#"{{"checkIn":"2025-06-01","roomId":204,{STAY}}}"#),
        )
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_parameter","message":"Room id must be a string","field":"roomId"}}"#,
        );
    // The guide's own sample, byte for byte.
    server
        .post("/v1/guests", r#"{"name":"Ada"}"#)
        .await
        .assert_error(
            422,
            r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#,
        );
}

#[tokio::test]
async fn flat_messages_name_members_in_words() {
    let server = start_actix();
    server
        .post("/plain/bookings", r#"{"room_id":"204"}"#)
        .await
        .assert_error(
            422,
            r#"{"error":"Unprocessable Entity","message":"Check in is required","field":"check_in"}"#,
        );
    server
        .post("/plain/stays", &format!(r#"{{"roomId":"204",{STAY}}}"#))
        .await
        .assert_error(
            422,
            r#"{"error":"Unprocessable Entity","message":"Check in is required","field":"checkIn"}"#,
        );
    server
        .post(
            "/plain/stays",
            &format!(r#"{{"checkIn":"2025-06-01","roomId":false,{STAY}}}"#),
        )
        .await
        .assert_error(
            422,
            r#"{"error":"Unprocessable Entity","message":"Room id must be a string","field":"roomId"}"#,
        );
    server
        .post(
            "/plain/bookings",
            r#"{"check_in":"2025-06-01","room_id":"204","guests":[1]}"#,
        )
        .await
        .assert_error(
            422,
            r#"{"error":"Unprocessable Entity","message":"Guests[0] must be a string","field":"guests[0]"}"#,
        );
}

// 2. A flat API that words its errors as JSON Schema validators do answers
//    every body error with 400.

/// A 400 in the flat format with exactly this message.
fn assert_bad_request(reply: &Reply, message: &str) {
    let body = serde_json::json!({ "error": "Bad Request", "message": message }).to_string();
    reply.assert_error(400, &body);
}

#[tokio::test]
async fn every_body_error_of_the_flat_bookings_api_is_a_400_in_its_words() {
    let server = start_actix();
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":"#,
            "body must be valid JSON",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            "",
            "body must be valid JSON",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            "[1]",
            "body must be object",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#""a booking""#,
            "body must be object",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"room_id":"204"}"#,
            "body must have required property 'check_in'",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":204}"#,
            "body/room_id must be string",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":"204","guests":["Ada",7]}"#,
            "body/guests/1 must be string",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":"204","room_type":"penthouse"}"#,
            "body/room_type must be equal to one of the allowed values: single, double, suite",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":"204","labels":{"vip":{"text":"VIP","priority":"high"}}}"#,
            "body/labels/vip/priority must be integer",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","room_id":"204","labels":{"vip":{"text":"VIP","priority":-1}}}"#,
            "body/labels/vip/priority must be valid",
        ),
        (
            "/api/bookings",
            Some("application/json"),
            r#"{"check_in":"2025-06-01","check_in":"2025-06-02","room_id":"204"}"#,
            "body must NOT have duplicate property 'check_in'",
        ),
        (
            "/api/stays",
            Some("application/json"),
            &format!(r#"{{"roomId":"204",{STAY}}}"#),
            "body must have required property 'checkIn'",
        ),
        (
            "/api/stays",
            Some("application/json"),
            &format!(r#"{{"checkIn":20250601,"roomId":"204",{STAY}}}"#),
            "body/checkIn must be string",
        ),
        (
            "/api/bookings",
            None,
            r#"{"check_in":"2025-06-01","room_id":"204"}"#,
            "headers/content-type must be application/json",
        ),
        (
            "/api/bookings",
            Some("text/plain"),
            r#"{"check_in":"2025-06-01","room_id":"204"}"#,
            "headers/content-type must be application/json",
        ),
    ];
    for (path, content_type, body, message) in cases {
        let reply = server.post_as(path, *content_type, body).await;
        assert_bad_request(&reply, message);
    }
    // A validation failure is a 400 too, with its list.
    let reply = server
        .post(
            "/api/bookings",
            r#"{"check_in":"2025-06-01","room_id":"204","labels":{"vip":{"text":"","priority":1}}}"#,
        )
        .await;
    reply.assert_error(
        400,
        r#"{"error":"Bad Request","message":"Request validation failed","errors":[{"field":"labels.vip.text","message":"Label text has 1 to 12 characters","code":"length"}]}"#,
    );
    // The API's own errors and the rest keep their statuses.
    server
        .post(
            "/api/bookings",
            r#"{"check_in":"2025-06-01","room_id":"101"}"#,
        )
        .await
        .assert_error(
            409,
            r#"{"error":"Conflict","message":"Room 101 is already booked"}"#,
        );
    let reply = send(
        &server.http,
        format!("{}/api/bookings", server.base),
        "DELETE",
        &[],
        None,
    )
    .await;
    reply.assert_error(
        405,
        r#"{"error":"Method Not Allowed","message":"Method not allowed"}"#,
    );
    let created = server
        .post(
            "/api/bookings",
            r#"{"check_in":"2025-06-01","room_id":"204"}"#,
        )
        .await;
    assert_eq!((created.status, created.body.as_str()), (201, "204"));
}

#[tokio::test]
async fn every_body_error_of_the_customers_example_is_a_400_in_its_words() {
    let server = start_customers();
    let post = |content_type: Option<&'static str>, body: String| {
        let mut headers = vec![("x-api-key", customers::LIVE_KEY)];
        headers.extend(content_type.map(|value| ("content-type", value)));
        let (http, url) = (
            server.http.clone(),
            format!("{}/api/customers", server.base),
        );
        async move { send(&http, url, "POST", &headers, Some(body.into_bytes())).await }
    };
    let json = Some("application/json");
    let cases = [
        (json, r#"{"email":"#.to_owned(), "body must be valid JSON"),
        (
            json,
            r#"{"email":42}"#.to_owned(),
            "body/email must be string",
        ),
        (
            json,
            r#"{"email":null}"#.to_owned(),
            "body/email must be string",
        ),
        (
            json,
            r#"{"email":"ada@example.com","name":7}"#.to_owned(),
            "body/name must be string",
        ),
        (
            json,
            r#"{"name":"Ada"}"#.to_owned(),
            "body must have required property 'email'",
        ),
        (
            json,
            r#"{"email":"not-an-email"}"#.to_owned(),
            r#"body/email must match format "email""#,
        ),
        (json, "[1,2]".to_owned(), "body must be object"),
        (json, "42".to_owned(), "body must be object"),
        (
            json,
            r#"{"email":"a@b.co","email":"c@d.co"}"#.to_owned(),
            "body must NOT have duplicate property 'email'",
        ),
        (
            None,
            r#"{"email":"ada@example.com"}"#.to_owned(),
            "headers/content-type must be application/json",
        ),
        (
            Some("text/plain"),
            r#"{"email":"ada@example.com"}"#.to_owned(),
            "headers/content-type must be application/json",
        ),
    ];
    for (content_type, body, message) in cases {
        let reply = post(content_type, body).await;
        assert_bad_request(&reply, message);
        assert!(reply.header("x-request-id").is_some());
    }
}

// 3. The values of a map named by key, or by the map: never by position.

/// A booking whose labels `a`, `b` and `e` are too long or empty, and `c`
/// has too high a priority.
const MANY_LABELS: &str = r#"{"check_in":"2025-06-01","room_id":"204","labels":{"a":{"text":"late checkout","priority":1},"b":{"text":"","priority":1},"c":{"text":"quiet","priority":9},"d":{"text":"ok","priority":2},"e":{"text":"","priority":0}}}"#;

/// Sends `body` `times` times; every reply must be the first.
async fn same_every_time(server: &Server, path: &str, body: &str, times: usize) -> Reply {
    let first = server.post(path, body).await;
    for _ in 1..times {
        let again = server.post(path, body).await;
        assert_eq!(
            (again.status, &again.body),
            (first.status, &first.body),
            "the same request, another report"
        );
    }
    first
}

#[tokio::test]
async fn validator_map_values_are_named_by_the_map_the_same_every_time_envelope() {
    let server = start_axum(Format::Envelope).await;
    let reply = same_every_time(&server, "/v1/bookings", MANY_LABELS, 20).await;
    reply.assert_error(
        422,
        r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"labels","message":"Label text has 1 to 12 characters","code":"length"},{"field":"labels","message":"Priority is at most 5","code":"range"}]}}"#,
    );
    // One entry: its key is known.
    let one = r#"{"check_in":"2025-06-01","room_id":"204","labels":{"late checkout":{"text":"","priority":1}}}"#;
    server.post("/v1/bookings", one).await.assert_error(
        422,
        r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"labels[\"late checkout\"].text","message":"Label text has 1 to 12 characters","code":"length"}]}}"#,
    );

    let problem = start_axum(Format::Problem).await;
    let reply = same_every_time(&problem, "/v1/bookings", MANY_LABELS, 10).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.body,
        r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Label text has 1 to 12 characters","pointer":"#/labels","code":"length"},{"detail":"Priority is at most 5","pointer":"#/labels","code":"range"}]}"##
    );
    let reply = problem.post("/v1/bookings", one).await;
    assert!(
        reply
            .body
            .contains(r##""pointer":"#/labels/late%20checkout/text""##),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn validator_map_values_are_named_by_the_map_the_same_every_time_flat() {
    let server = start_actix();
    let reply = same_every_time(&server, "/plain/bookings", MANY_LABELS, 20).await;
    reply.assert_error(
        422,
        r#"{"error":"Unprocessable Entity","message":"Request validation failed","errors":[{"field":"labels","message":"Label text has 1 to 12 characters","code":"length"},{"field":"labels","message":"Priority is at most 5","code":"range"}]}"#,
    );
    let reply = same_every_time(&server, "/api/bookings", MANY_LABELS, 20).await;
    reply.assert_error(
        400,
        r#"{"error":"Bad Request","message":"Request validation failed","errors":[{"field":"labels","message":"Label text has 1 to 12 characters","code":"length"},{"field":"labels","message":"Priority is at most 5","code":"range"}]}"#,
    );
}

#[tokio::test]
async fn garde_names_map_values_by_key_in_both_formats() {
    let body = r#"{"check_in":"2025-06-01","labels":{"a":{"text":"late checkout"},"b":{"text":""},"c.d":{"text":"ok"},"e":{"text":"much too long"}}}"#;
    let envelope = start_axum(Format::Envelope).await;
    let reply = same_every_time(&envelope, "/v1/bookings/garde", body, 10).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let fields: Vec<&str> = value["error"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["labels.a.text", "labels.b.text", "labels.e.text"]);

    let flat = start_actix();
    let reply = same_every_time(&flat, "/api/bookings/garde", body, 10).await;
    assert_eq!(reply.status, 400, "{}", reply.body);
    let value: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let fields: Vec<&str> = value["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["labels.a.text", "labels.b.text", "labels.e.text"]);
}

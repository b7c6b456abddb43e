//! Validation reports of validator and garde as field errors: paths in the
//! one notation, stable order, RFC 9457's shape in the problem format, a
//! bounded body for huge reports, and validated extractors over HTTP.

use api_error::client::{decode, ClientError};
use api_error::{ApiError, ErrorContext, FieldError, FieldErrors, Format, RenderOptions};
use proptest::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, api_error::ApiError, PartialEq)]
#[api(decode)]
enum FormError {
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),
}

#[derive(Debug, api_error::ApiError, PartialEq)]
#[api(format = "problem", decode)]
enum ProblemError {
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Invalid(#[api(errors)] FieldErrors),
}

mod with_validator {
    use super::*;
    use validator::Validate;

    #[derive(Deserialize, Validate)]
    pub struct Order {
        #[validate(email(message = "Invalid email format"))]
        pub email: String,
        #[validate(range(min = 1, message = "Must be positive"))]
        pub quantity: i64,
        #[validate(nested)]
        pub address: Address,
        #[validate(nested)]
        pub items: Vec<Item>,
        #[validate(length(min = 1), custom(function = "no_spaces"))]
        pub reference: String,
    }

    #[derive(Deserialize, Validate)]
    pub struct Address {
        #[validate(length(min = 5, message = "Zip has 5 digits"))]
        pub zip: String,
    }

    #[derive(Deserialize, Validate)]
    pub struct Item {
        #[validate(length(min = 1, code = "sku_missing", message = "SKU is required"))]
        pub sku: String,
    }

    fn no_spaces(value: &str) -> Result<(), validator::ValidationError> {
        if value.contains(' ') {
            return Err(validator::ValidationError::new("no_spaces"));
        }
        Ok(())
    }

    pub fn bad_order() -> Order {
        Order {
            email: "ada".into(),
            quantity: -5,
            address: Address { zip: "123".into() },
            items: (0..12)
                .map(|i| Item {
                    sku: if i % 5 == 2 {
                        String::new()
                    } else {
                        format!("s{i}")
                    },
                })
                .collect(),
            reference: "a b".into(),
        }
    }

    #[test]
    fn nested_structs_and_lists_in_path_order() {
        let errors = FieldErrors::from(bad_order().validate().unwrap_err());
        let fields: Vec<&str> = errors.iter().map(|e| &*e.field).collect();
        assert_eq!(
            fields,
            [
                "address.zip",
                "email",
                "items[2].sku",
                "items[7].sku",
                "quantity",
                "reference"
            ]
        );
        let by_field = |field: &str| errors.iter().find(|e| e.field == field).unwrap();
        assert_eq!(by_field("address.zip").message, "Zip has 5 digits");
        assert_eq!(by_field("address.zip").code.as_deref(), Some("length"));
        assert_eq!(
            by_field("items[7].sku").code.as_deref(),
            Some("sku_missing")
        );
        // A rule without a message says its code.
        assert_eq!(by_field("reference").message, "no_spaces");
        assert_eq!(by_field("quantity").value, Some(serde_json::json!(-5)));
        // The value stays on the server.
        let body = FormError::Invalid(errors.clone()).to_json(Format::Envelope);
        assert!(
            !body.contains("-5") && !body.contains("\"value\""),
            "{body}"
        );
    }

    #[test]
    fn the_order_does_not_depend_on_the_hash_map() {
        let first = FieldErrors::from(bad_order().validate().unwrap_err());
        for _ in 0..20 {
            assert_eq!(
                FieldErrors::from(bad_order().validate().unwrap_err()),
                first
            );
        }
    }
}

mod with_garde {
    use super::*;
    use garde::Validate;

    #[derive(Deserialize, Validate)]
    pub struct Order {
        #[garde(email)]
        pub email: String,
        #[garde(range(min = 1))]
        pub quantity: i64,
        #[garde(dive)]
        pub address: Address,
        #[garde(dive)]
        pub items: Vec<Item>,
        #[garde(dive)]
        pub labels: HashMap<String, Label>,
    }

    #[derive(Deserialize, Validate)]
    pub struct Address {
        #[garde(length(min = 5))]
        pub zip: String,
    }

    #[derive(Deserialize, Validate)]
    pub struct Item {
        #[garde(length(min = 1))]
        pub sku: String,
    }

    #[derive(Deserialize, Validate)]
    pub struct Label {
        #[garde(length(max = 3))]
        pub text: String,
    }

    #[test]
    fn nested_structs_lists_and_maps_in_path_order() {
        let order = Order {
            email: "ada".into(),
            quantity: 0,
            address: Address { zip: "1".into() },
            items: vec![Item { sku: "a".into() }, Item { sku: String::new() }],
            labels: HashMap::from([(
                "a.b".to_owned(),
                Label {
                    text: "long".into(),
                },
            )]),
        };
        let errors = FieldErrors::from(order.validate().unwrap_err());
        let fields: Vec<&str> = errors.iter().map(|e| &*e.field).collect();
        assert_eq!(
            fields,
            [
                "address.zip",
                "email",
                "items[1].sku",
                r#"labels["a.b"].text"#,
                "quantity"
            ]
        );
        assert!(errors
            .iter()
            .all(|e| e.code.is_none() && !e.message.is_empty()));
        assert_eq!(
            errors[3].pointer(),
            "#/labels/a.b/text",
            "a dot in a key is part of the key, not a step"
        );
    }
}

#[test]
fn the_problem_format_lists_errors_as_rfc_9457_does() {
    let errors = FieldErrors::new()
        .with("address.zip", "Zip has 5 digits")
        .with(r#"tags["a/b~c"]"#, "Too long")
        .with("items[2].sku", "SKU is required");
    let error = ProblemError::Invalid(errors.clone());
    let expected = r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Zip has 5 digits","pointer":"#/address/zip"},{"detail":"Too long","pointer":"#/tags/a~1b~0c"},{"detail":"SKU is required","pointer":"#/items/2/sku"}]}"##;
    assert_eq!(error.to_json(Format::Problem), expected);
    // The serde path writes the same bytes.
    assert_eq!(serde_json::to_string(&error).unwrap(), expected);
    // The envelope and flat formats keep field and message.
    assert_eq!(
        FormError::Invalid(errors).to_json(Format::Envelope),
        r#"{"error":{"code":"validation_error","message":"Request validation failed","errors":[{"field":"address.zip","message":"Zip has 5 digits"},{"field":"tags[\"a/b~c\"]","message":"Too long"},{"field":"items[2].sku","message":"SKU is required"}]}}"#
    );
}

#[test]
fn a_huge_report_renders_a_bounded_body() {
    let errors: FieldErrors = (0..10_000)
        .map(|i| FieldError::new(format!("items[{i}].sku"), "SKU is required"))
        .collect();
    let error = FormError::Invalid(errors);
    for format in Format::ALL {
        let body = error.to_json(format);
        let value: serde_json::Value = serde_json::from_str(&body).unwrap();
        // Where each format lists the field errors, and says how many it
        // left out; Google's, as gRPC's, does not.
        let (listed, omitted) = match format {
            Format::Envelope => (&value["error"]["errors"], &value["error"]["errors_omitted"]),
            Format::Flat | Format::Problem => (&value["errors"], &value["errors_omitted"]),
            Format::JsonApi => (
                &value["errors"],
                &value["errors"][0]["meta"]["errors_omitted"],
            ),
            Format::Google => (
                &value["error"]["details"][1]["fieldViolations"],
                &serde_json::Value::Null,
            ),
            Format::Microsoft => (
                &value["error"]["details"],
                &value["error"]["innererror"]["errors_omitted"],
            ),
        };
        // JSON:API lists the error itself first.
        let own = usize::from(format == Format::JsonApi);
        assert_eq!(
            listed.as_array().unwrap().len(),
            own + api_error::MAX_FIELD_ERRORS,
            "{format:?}"
        );
        if format != Format::Google {
            assert_eq!(*omitted, 9_900, "{format:?}");
        }
        // A JSON:API or Microsoft error object stands alone: each field
        // error repeats the status and title, or the code.
        let bound = match format {
            Format::JsonApi | Format::Microsoft => 16 * 1024,
            _ => 8 * 1024,
        };
        assert!(body.len() < bound, "{format:?}: {} bytes", body.len());
        let mut serde_body = Vec::new();
        api_error::__private::serialize_body(
            &error,
            &error,
            format,
            &RenderOptions::new(),
            &mut serde_json::Serializer::new(&mut serde_body),
        )
        .unwrap();
        assert_eq!(String::from_utf8(serde_body).unwrap(), body, "{format:?}");
    }
}

#[test]
fn a_deep_path_is_bounded() {
    use validator::Validate;

    #[derive(Deserialize, Validate)]
    struct Node {
        #[validate(nested)]
        next: Option<Box<Node>>,
        #[validate(length(max = 0))]
        name: String,
    }
    let mut node = Node {
        next: None,
        name: "leaf".into(),
    };
    for _ in 0..100 {
        node = Node {
            next: Some(Box::new(node)),
            name: String::new(),
        };
    }
    let errors = FieldErrors::from(node.validate().unwrap_err());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].field.len() <= api_error::request::MAX_FIELD_LEN);
    assert!(errors[0].field.ends_with('…'));
}

#[test]
fn both_shapes_decode_back() {
    let errors = FieldErrors::new()
        .with("address.zip", "Zip has 5 digits")
        .with("items[2].sku", "SKU is required")
        .with(r#"tags["a/b~c d"]"#, "Too long");
    for format in Format::ALL {
        let sent = FormError::Invalid(errors.clone());
        let response = ErrorContext::new().with_format(format).response(&sent);
        let back = decode::<FormError>(response.status(), response.headers(), response.body());
        assert_eq!(back, ClientError::Api(sent, None), "{format:?}");
    }
}

fn key() -> impl Strategy<Value = String> {
    // Keys that are not all digits: a pointer cannot tell `/0` the key from
    // `/0` the index, and reads digits as an index.
    prop_oneof![
        "[a-z_][a-z0-9_]{0,8}",
        "[a-z]{0,3}[/~%# .\\[\\]\"\\\\]{1,3}[a-z]{0,3}",
        "\\PC{1,6}",
    ]
    .prop_filter("not all digits", |k| {
        k.is_empty() || !k.bytes().all(|b| b.is_ascii_digit())
    })
}

fn path() -> impl Strategy<Value = api_error::FieldPath> {
    prop::collection::vec(
        prop_oneof![key().prop_map(Some), (0usize..50).prop_map(|_| None)],
        2..6,
    )
    .prop_flat_map(|steps| {
        let len = steps.len();
        (Just(steps), prop::collection::vec(0usize..1000, len))
    })
    .prop_map(|(steps, indices)| {
        let mut path = api_error::FieldPath::root();
        for (step, index) in steps.into_iter().zip(indices) {
            path = match step {
                Some(key) => path.key(key),
                None => path.index(index),
            };
        }
        path
    })
}

proptest! {
    /// A one-step pointer reads back as the member's name as it stands.
    #[test]
    fn a_one_step_pointer_reads_back_as_the_name(name in "\\PC{0,12}") {
        let parsed = api_error::FieldPath::parse(&name);
        prop_assume!(parsed.as_ref().is_none_or(|p| p.segments().len() < 2));
        let pointer = FieldError::new(name.clone(), "bad").pointer();
        let field = match parsed.as_ref().map(api_error::FieldPath::segments) {
            Some([api_error::request::PathSegment::Key(key)]) => key.clone(),
            Some([api_error::request::PathSegment::Index(index)]) => index.to_string(),
            _ => name.clone(),
        };
        prop_assert_eq!(api_error::request::field_from_pointer(&pointer), Some(field));
    }

    /// Paths of several steps read back as written.
    #[test]
    fn pointers_read_back_to_the_same_field(paths in prop::collection::vec(path(), 1..5)) {
        let errors: FieldErrors = paths
            .iter()
            .map(|p| FieldError::new(p.to_string(), "bad"))
            .collect();
        let sent = ProblemError::Invalid(errors);
        let response = ErrorContext::new().response(&sent);
        let body = std::str::from_utf8(response.body()).unwrap();
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        for item in value["errors"].as_array().unwrap() {
            let pointer = item["pointer"].as_str().unwrap();
            prop_assert!(pointer.starts_with("#/"));
            prop_assert!(pointer.bytes().all(|b| b.is_ascii_graphic()), "{}", pointer);
        }
        let back = decode::<ProblemError>(response.status(), response.headers(), response.body());
        prop_assert_eq!(back, ClientError::Api(sent, None));
    }
}

mod over_http {
    use super::*;

    async fn post(base: &str, path: &str, body: &str) -> (u16, String) {
        let response = reqwest::Client::new()
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body.to_owned())
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    #[tokio::test]
    async fn axum_with_garde_and_validator() {
        use api_error::axum::{ApiErrorLayer, Garde, Json, Valid};
        use axum::routing::post as route_post;
        let app = axum::Router::new()
            .route(
                "/garde",
                route_post(|Garde(Json(order)): Garde<Json<with_garde::Order>>| async move {
                    order.email
                }),
            )
            .route(
                "/validator",
                route_post(
                    |Valid(Json(order)): Valid<Json<with_validator::Order>>| async move {
                        order.email
                    },
                ),
            )
            .layer(ApiErrorLayer::new().format(Format::Problem));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

        let body = r#"{"email":"ada","quantity":0,"address":{"zip":"1"},"items":[{"sku":""}],"labels":{}}"#;
        let (status, text) = post(&base, "/garde", body).await;
        assert_eq!(status, 422);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["code"], "validation_error");
        let pointers: Vec<&str> = value["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["pointer"].as_str().unwrap())
            .collect();
        assert_eq!(
            pointers,
            ["#/address/zip", "#/email", "#/items/0/sku", "#/quantity"]
        );

        // A body that does not parse is answered before validation.
        let (status, text) = post(&base, "/garde", r#"{"email":"a@b.co"}"#).await;
        assert_eq!(status, 422);
        assert!(text.contains(r#""code":"invalid_request""#), "{text}");

        let body =
            r#"{"email":"ada","quantity":1,"address":{"zip":"12345"},"items":[],"reference":"x"}"#;
        let (status, text) = post(&base, "/validator", body).await;
        assert_eq!(status, 422);
        assert_eq!(
            text,
            r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Request validation failed","code":"validation_error","errors":[{"detail":"Invalid email format","pointer":"#/email","code":"email"}]}"##
        );
        let good = r#"{"email":"ada@example.com","quantity":1,"address":{"zip":"12345"},"items":[],"reference":"x"}"#;
        assert_eq!(
            post(&base, "/validator", good).await,
            (200, "ada@example.com".to_owned())
        );
    }

    #[actix_web::test]
    async fn actix_with_validator_and_garde() {
        use actix_web::{web, App, HttpResponse, HttpServer};
        use api_error::actix::{ApiErrorMiddleware, Garde, Json, Valid};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = HttpServer::new(|| {
            App::new()
                .wrap(ApiErrorMiddleware::new().format(Format::Flat))
                .route(
                    "/validator",
                    web::post().to(
                        |Valid(Json(order)): Valid<Json<with_validator::Order>>| async move {
                            HttpResponse::Ok().body(order.email)
                        },
                    ),
                )
                .route(
                    "/garde",
                    web::post().to(
                        |Garde(Json(order)): Garde<Json<with_garde::Order>>| async move {
                            HttpResponse::Ok().body(order.email)
                        },
                    ),
                )
        })
        .workers(1)
        .listen(listener)
        .unwrap()
        .run();
        actix_web::rt::spawn(server);

        let body = r#"{"email":"ada","quantity":-1,"address":{"zip":"12345"},"items":[{"sku":""}],"reference":"x"}"#;
        let (status, text) = post(&base, "/validator", body).await;
        assert_eq!(status, 422);
        assert_eq!(
            text,
            r#"{"error":"Unprocessable Entity","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format","code":"email"},{"field":"items[0].sku","message":"SKU is required","code":"sku_missing"},{"field":"quantity","message":"Must be positive","code":"range"}]}"#
        );
        let body = r#"{"email":"a@b.co","quantity":1,"address":{"zip":"12345"},"items":[],"labels":{"x":{"text":"long"}}}"#;
        let (status, text) = post(&base, "/garde", body).await;
        assert_eq!(status, 422);
        assert!(text.contains(r#"{"field":"labels.x.text","#), "{text}");
    }
}

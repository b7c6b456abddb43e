//! Request bodies, queries and path parameters that do not fit their type:
//! each failure is one `RequestError` naming the field in the one notation,
//! with a bounded message that quotes nothing of the server's types.

use api_error::request::{from_form, from_json, from_params, from_query, RequestError};
use api_error::{ApiError, Format, RenderOptions};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct NewClient {
    email: String,
    rate: Option<i64>,
    #[serde(default)]
    address: Option<PostalAddress>,
    #[serde(default)]
    items: Vec<LineItem>,
    #[serde(default)]
    status: Option<ClientStatus>,
    #[serde(default)]
    tier: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct PostalAddress {
    zip: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct LineItem {
    sku: String,
    qty: u32,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ClientStatus {
    Active,
    Paused,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Strict {
    name: String,
}

fn json_err<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> RequestError {
    from_json::<T>(body.as_bytes()).expect_err(body)
}

/// The envelope body, with the debug block so nothing is hidden from the
/// checks that the server's type names stay out.
fn envelope(err: &RequestError) -> String {
    err.to_json(Format::Envelope)
}

fn debug_envelope(err: &RequestError) -> String {
    err.to_json_with(Format::Envelope, &RenderOptions::new().debug(true))
}

#[test]
fn a_missing_member_is_the_envelope_guides_invalid_request() {
    let err = json_err::<NewClient>(r#"{"rate": 5}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_request","message":"Email is required","field":"email"}}"#
    );
    assert_eq!(err.status(), 422);
    assert!(matches!(err, RequestError::MissingField { ref field, .. } if field == "email"));
}

#[test]
fn nested_members_are_named_by_their_path() {
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","address":{}}"#);
    assert_eq!(err.field(), Some("address.zip"));
    assert_eq!(err.message(), "Zip is required");

    let err = json_err::<NewClient>(
        r#"{"email":"a@b.co","items":[{"sku":"a","qty":1},{"sku":"b","qty":2},{"qty":3}]}"#,
    );
    assert_eq!(err.field(), Some("items[2].sku"));

    let err = json_err::<NewClient>(
        r#"{"email":"a@b.co","items":[{"sku":"a","qty":1},{"sku":"b","qty":"two"}]}"#,
    );
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Qty must be an integer","field":"items[1].qty"}}"#
    );
}

#[test]
fn a_wrong_type_says_what_the_member_must_be() {
    let err = json_err::<NewClient>(r#"{"email":"w1@b.co","rate":"high"}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Rate must be an integer","field":"rate"}}"#
    );
    let err = json_err::<NewClient>(r#"{"email":"w1@b.co","rate":1.5}"#);
    assert_eq!(err.message(), "Rate must be an integer");
    let err = json_err::<NewClient>(r#"{"email":42}"#);
    assert_eq!(err.message(), "Email must be a string");
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","address":"Paris"}"#);
    assert_eq!(err.message(), "Address must be an object");
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","items":{}}"#);
    assert_eq!(err.message(), "Items must be an array");
}

#[test]
fn the_body_itself_has_no_field() {
    for body in ["[]", "42", r#""text""#, "null"] {
        let err = json_err::<NewClient>(body);
        assert_eq!(err.field(), None, "{body}");
        assert_eq!(err.message(), "Request body must be an object", "{body}");
    }
}

#[test]
fn an_unknown_variant_lists_the_accepted_names() {
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","status":"archived"}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Status must be one of: active, paused","field":"status"}}"#
    );
}

#[test]
fn out_of_range_values_are_invalid_with_the_reason_in_debug_only() {
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","tier":300}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Tier is invalid","field":"tier"}}"#
    );
    let debug = debug_envelope(&err);
    assert!(
        debug.contains(r#""debug":{"reason":"invalid value: integer `300`"}"#),
        "{debug}"
    );
}

#[test]
fn unknown_and_duplicate_members() {
    let err = json_err::<Strict>(r#"{"name":"a","nickname":"b"}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Nickname is not allowed","field":"nickname"}}"#
    );
    let err = json_err::<NewClient>(r#"{"email":"a@b.co","email":"c@d.co"}"#);
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_parameter","message":"Email is given more than once","field":"email"}}"#
    );
}

#[test]
fn syntax_errors_are_invalid_json() {
    for body in [r#"{"email":"#, "{email}", "", "{\"email\":\"a\"} trailing"] {
        let err = json_err::<NewClient>(body);
        assert_eq!(err.code(), "invalid_json", "{body}");
        assert_eq!(err.status(), 400);
        assert_eq!(
            envelope(&err),
            r#"{"error":{"code":"invalid_json","message":"Request body is not valid JSON"}}"#
        );
    }
    let err = from_json::<NewClient>(b"{\"email\":\"\xff\xfe\"}").unwrap_err();
    assert_eq!(err.code(), "invalid_json");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let err = json_err::<NewClient>(&deep);
    assert_eq!(err.message(), "Request body must be an object");
    let member = format!(r#"{{"email":{}{}}}"#, "[".repeat(100), "]".repeat(100));
    assert_eq!(
        json_err::<NewClient>(&member).message(),
        "Email must be a string"
    );
    let deeper = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(json_err::<NewClient>(&deeper).code(), "invalid_json");
    let map = format!("{}1{}", r#"{"a":"#.repeat(100), "}".repeat(100));
    let err = from_json::<BTreeMap<String, BTreeMap<String, String>>>(map.as_bytes()).unwrap_err();
    assert_eq!(err.field(), Some("a.a"));
}

#[test]
fn client_text_in_messages_is_bounded() {
    let huge = "x".repeat(1 << 20);
    let err = json_err::<NewClient>(&format!(r#"{{"email":"a@b.co","status":"{huge}"}}"#));
    assert!(envelope(&err).len() < 300, "{}", envelope(&err).len());
    assert!(debug_envelope(&err).len() < 600);

    let err = json_err::<Strict>(&format!(r#"{{"name":"a","{huge}":1}}"#));
    let body = debug_envelope(&err);
    assert!(body.len() < 700, "{}", body.len());
    assert!(err.field().unwrap().ends_with('…'));
    assert!(err.field().unwrap().len() <= api_error::request::MAX_FIELD_LEN);
}

#[test]
fn no_server_type_name_reaches_a_body() {
    let bodies = [
        "[]",
        r#"{"email":1}"#,
        r#"{"email":"a","address":[]}"#,
        r#"{"email":"a","items":[1]}"#,
        r#"{"email":"a","status":{"x":1}}"#,
        r#"{"email":"a","tier":-1}"#,
    ];
    for body in bodies {
        let err = json_err::<NewClient>(body);
        for rendered in Format::ALL.map(|format| {
            err.to_json_with(
                format,
                &RenderOptions::new().debug(true).request_id("req_1"),
            )
        }) {
            for name in [
                "NewClient",
                "PostalAddress",
                "LineItem",
                "ClientStatus",
                "struct ",
                "request_parse",
                "u8",
                "i64",
            ] {
                assert!(!rendered.contains(name), "{body}: {rendered}");
            }
        }
    }
}

#[derive(Debug)]
struct Email(#[allow(dead_code)] String);

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.contains('@') {
            Ok(Email(text))
        } else {
            Err(serde::de::Error::custom("must match format \"email\""))
        }
    }
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Customer {
    email: Email,
}

#[test]
fn a_custom_refusal_names_the_field_and_keeps_its_reason_for_the_debug_block() {
    let err = json_err::<Customer>(r#"{"email":"not-an-email"}"#);
    match &err {
        RequestError::InvalidValue { field, reason, .. } => {
            assert_eq!(field.as_deref(), Some("email"));
            assert_eq!(reason.as_deref(), Some("must match format \"email\""));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.message(), "Email is invalid");
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Page {
    page: u32,
    sort: Option<ClientStatus>,
}

#[test]
fn query_strings() {
    assert_eq!(from_query::<Page>("page=2&sort=active").unwrap().page, 2);
    let err = from_query::<Page>("sort=active").unwrap_err();
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_query_parameter","message":"Query parameter 'page' is required","field":"page"}}"#
    );
    assert_eq!(err.status(), 400);
    let err = from_query::<Page>("page=two").unwrap_err();
    assert_eq!(err.message(), "Query parameter 'page' must be an integer");
    let err = from_query::<Page>("page=1&sort=up").unwrap_err();
    assert_eq!(
        err.message(),
        "Query parameter 'sort' must be one of: active, paused"
    );
    let err = from_query::<Page>("page=1&page=2").unwrap_err();
    assert_eq!(
        err.message(),
        "Query parameter 'page' must be given only once"
    );
}

#[test]
fn form_bodies_are_bodies() {
    let err = from_form::<Page>(b"sort=active").unwrap_err();
    assert_eq!(err.message(), "Page is required");
    assert_eq!(err.status(), 422);
    let err = from_form::<Page>(b"page=x%20y").unwrap_err();
    assert_eq!(err.message(), "Page must be an integer");
}

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn path_parameters() {
    assert_eq!(from_params::<u32>(&params(&[("id", "7")])).unwrap(), 7);
    let err = from_params::<u32>(&params(&[("id", "seven")])).unwrap_err();
    assert_eq!(
        envelope(&err),
        r#"{"error":{"code":"invalid_path_parameter","message":"Path parameter 'id' must be an integer","field":"id"}}"#
    );
    let err = from_params::<(String, u32)>(&params(&[("client", "c"), ("n", "x")])).unwrap_err();
    assert_eq!(err.field(), Some("n"));

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Ids {
        client: String,
        invoice: u64,
    }
    let err = from_params::<Ids>(&params(&[("client", "c"), ("invoice", "-1")])).unwrap_err();
    assert_eq!(err.message(), "Path parameter 'invoice' must be an integer");

    let long = "9".repeat(10_000);
    let err = from_params::<u32>(&params(&[("id", &long)])).unwrap_err();
    assert!(envelope(&err).len() < 200);
}

#[test]
fn request_errors_decode_back() {
    use api_error::client::{decode, ClientError};
    use api_error::ErrorContext;
    let errors = [
        json_err::<NewClient>(r#"{"rate":1}"#),
        json_err::<NewClient>(r#"{"email":"a","rate":"x"}"#),
        json_err::<NewClient>(r#"{"email":"a","status":"x"}"#),
        json_err::<Strict>(r#"{"name":"a","b":1}"#),
        json_err::<NewClient>("{"),
        from_query::<Page>("").unwrap_err(),
        RequestError::RouteNotFound,
        RequestError::MethodNotAllowed,
        RequestError::PayloadTooLarge,
    ];
    for err in errors {
        for format in Format::ALL {
            let response = ErrorContext::new().with_format(format).response(&err);
            let decoded =
                decode::<RequestError>(response.status(), response.headers(), response.body());
            match decoded {
                ClientError::Api(back, _) => {
                    assert_eq!(back.to_json(format), err.to_json(format), "{format:?}")
                }
                other => panic!("{format:?} {err:?}: {other:?}"),
            }
        }
    }
}

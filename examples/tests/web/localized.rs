//! The clients example answers in the request's language: each message in
//! French for a French `Accept-Language` (or `?lang=fr`), in English
//! otherwise, with `Content-Language` and `Vary: Accept-Language`; codes and
//! members never change.

use crate::clients_api::app;
use crate::clients_api::errors::ClientsError;
use crate::http::{send, Reply};
use api_error::client::{decode, ClientError};
use serde_json::Value;

/// Serves the clients API on 127.0.0.1: its base URL.
async fn serve(config: app::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app::app(config)).await });
    base
}

/// Sends `method path` with the full key unless `key` is `None`, a JSON
/// `body`, and `Accept-Language: language` when there is one.
async fn ask(
    base: &str,
    (method, path): (&str, &str),
    key: Option<&str>,
    body: Option<&str>,
    language: Option<&str>,
) -> (Reply, Value) {
    let authorization = key.map(|key| format!("Bearer {key}"));
    let mut headers = vec![("content-type", "application/json")];
    if let Some(authorization) = &authorization {
        headers.push(("authorization", authorization));
    }
    if let Some(language) = language {
        headers.push(("accept-language", language));
    }
    let http = reqwest::Client::new();
    let body = body.map(|body| body.as_bytes().to_vec());
    let reply = send(&http, format!("{base}{path}"), method, &headers, body).await;
    let value = serde_json::from_str(&reply.body).unwrap();
    (reply, value)
}

/// Every header value of `name`, joined.
fn all(reply: &Reply, name: &str) -> String {
    let values: Vec<&str> = reply
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    values.join(", ")
}

/// A request (its method and path, key and body) and the French message of
/// its answer.
type Case = (
    (&'static str, &'static str),
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

#[tokio::test]
async fn every_kind_of_error_answers_in_french_with_the_same_code_and_members() {
    let base = serve(app::Config::default()).await;
    let full = Some(app::FULL_ACCESS_KEY);
    let new_client = r#"{"name":"Ada","email":"ada@example.com"}"#;
    let (created, _) = ask(&base, ("POST", "/v1/clients"), full, Some(new_client), None).await;
    assert_eq!(created.status, 201, "{}", created.body);

    let cases: [Case; 6] = [
        (("GET", "/v1/clients"), None, None, "Clé d'API invalide"),
        (
            ("GET", "/v1/clients/cli_404"),
            full,
            None,
            "Client introuvable",
        ),
        (
            ("GET", "/v1/invoices/inv_404"),
            full,
            None,
            "Facture introuvable",
        ),
        (
            ("POST", "/v1/clients"),
            full,
            Some(new_client),
            "Un client avec cette adresse e-mail existe déjà",
        ),
        (
            ("PATCH", "/v1/clients/cli_00001"),
            full,
            Some(r#"{"rate":-5}"#),
            "Le tarif doit être positif",
        ),
        (
            ("GET", "/v1/clients/cli_404"),
            Some(app::LIMITED_KEY),
            None,
            "Client introuvable",
        ),
    ];
    for (request, key, body, french) in cases {
        let (english, source) = ask(&base, request, key, body, Some("de-CH, en;q=0.5")).await;
        let (reply, translated) = ask(&base, request, key, body, Some("fr-CA, en;q=0.8")).await;
        assert_eq!(reply.status, english.status, "{request:?}");
        assert_eq!(translated["error"]["message"], french, "{request:?}");
        assert_ne!(source["error"]["message"], french, "{request:?}");
        // Only the message changes.
        let mut expected = source.clone();
        expected["error"]["message"] = Value::from(french);
        assert_eq!(translated, expected, "{request:?}");
        assert_eq!(reply.header("content-language"), Some("fr"), "{request:?}");
        // A client decodes either answer to the same variant, fields and all:
        // by its code and members, never by its text.
        let decoded: Vec<String> = [&english, &reply]
            .iter()
            .map(|reply| {
                let status = api_error::StatusCode::from_u16(reply.status).unwrap();
                match decode::<ClientsError>(status, &reply.headers, reply.body.as_bytes()) {
                    ClientError::Api(error, _) => format!("{error:?}"),
                    // A shared code whose variants no member tells apart.
                    ClientError::Unknown(body) => format!("{:?} {:?}", body.code, body.members),
                    other => panic!("{request:?}: {other:?}"),
                }
            })
            .collect();
        assert_eq!(decoded[0], decoded[1], "{request:?}");
        assert_eq!(
            english.header("content-language"),
            Some("en"),
            "{request:?}"
        );
        for reply in [&reply, &english] {
            assert!(
                all(reply, "vary").contains("accept-language"),
                "{request:?}"
            );
        }
    }

    // A key over its limit: plural forms.
    let limited = serve(app::Config {
        rate_limit: 0,
        ..app::Config::default()
    })
    .await;
    let (reply, body) = ask(&limited, ("GET", "/v1/clients"), full, None, Some("fr")).await;
    assert_eq!(reply.status, 429, "{}", reply.body);
    assert_eq!(
        body["error"]["message"],
        "Limite de requêtes atteinte. Réessayez dans 30 secondes."
    );
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    assert_eq!(reply.header("retry-after"), Some("30"));
}

#[tokio::test]
async fn each_failed_field_answers_in_french_by_its_rule() {
    let base = serve(app::Config::default()).await;
    let full = Some(app::FULL_ACCESS_KEY);
    let bad = Some(r#"{"name":"Ada","email":"ada","rate":-5}"#);
    let request = ("POST", "/v1/clients");
    let (_, english) = ask(&base, request, full, bad, Some("en")).await;
    let (reply, french) = ask(&base, request, full, bad, Some("fr")).await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    assert_eq!(reply.header("content-language"), Some("fr"));
    // The guide's "Multiple Errors", in English as the source says it.
    assert_eq!(
        english,
        serde_json::json!({"error": {
            "code": "validation_error",
            "message": "Request validation failed",
            "errors": [
                {"field": "email", "message": "Invalid email format"},
                {"field": "rate", "message": "Must be positive"}
            ]
        }})
    );
    // In French, each item by its rule, the rule's `min` in the text; the
    // fields, their order and the code are the same.
    let mut expected = english.clone();
    expected["error"]["message"] = Value::from("La validation de la requête a échoué");
    expected["error"]["errors"][0]["message"] = Value::from("Format d'adresse e-mail invalide");
    expected["error"]["errors"][1]["message"] = Value::from("Doit être supérieur ou égal à 1");
    assert_eq!(french, expected);
}

#[tokio::test]
async fn the_query_parameter_comes_first_and_an_unknown_language_falls_back() {
    let base = serve(app::Config::default()).await;
    let full = Some(app::FULL_ACCESS_KEY);
    let path = "/v1/clients/cli_404";
    let (reply, body) = ask(
        &base,
        ("GET", &format!("{path}?lang=fr")),
        full,
        None,
        Some("en"),
    )
    .await;
    assert_eq!(body["error"]["message"], "Client introuvable");
    assert_eq!(reply.header("content-language"), Some("fr"));

    for language in [
        None,
        Some("de"),
        Some("*"),
        Some("fr;q=0"),
        Some("x".repeat(300).as_str()),
    ] {
        let (reply, body) = ask(&base, ("GET", path), full, None, language).await;
        assert_eq!(body["error"]["message"], "Client not found", "{language:?}");
        assert_eq!(reply.header("content-language"), None, "{language:?}");
    }
    // English asked for first is English, with its language said.
    let (reply, body) = ask(&base, ("GET", path), full, None, Some("en-GB, fr")).await;
    assert_eq!(body["error"]["message"], "Client not found");
    assert_eq!(reply.header("content-language"), Some("en"));
}

/// A handler that answers in the language its errors answer in: the
/// negotiated locale of `ClientsError`'s catalogs, `-` for none.
fn greeting(locales: &api_error::Locales) -> String {
    let negotiated = locales.negotiate::<ClientsError>().unwrap_or("-");
    format!("{negotiated} {}", locales.as_slice().join(","))
}

async fn serve_greeting_axum() -> String {
    use api_error::axum::ApiErrorLayer;
    use axum::routing::get;

    async fn hello(locales: api_error::Locales) -> String {
        greeting(&locales)
    }
    let router = axum::Router::new().route("/hello", get(hello)).layer(
        ApiErrorLayer::new()
            .localize()
            .locale_query("lang")
            .locale_cookie("lang"),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

fn serve_greeting_actix() -> String {
    use actix_web::{web, App, HttpServer};
    use api_error::actix::ApiErrorMiddleware;

    async fn hello(locales: api_error::Locales) -> String {
        greeting(&locales)
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = HttpServer::new(|| {
        App::new()
            .wrap(
                ApiErrorMiddleware::new()
                    .localize()
                    .locale_query("lang")
                    .locale_cookie("lang"),
            )
            .route("/hello", web::get().to(hello))
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    tokio::spawn(server);
    base
}

#[tokio::test]
async fn a_handler_extracts_the_locales_its_errors_answer_in() {
    let http = reqwest::Client::new();
    for base in [serve_greeting_axum().await, serve_greeting_actix()] {
        for (query, cookie, accept, expected) in [
            ("", None, None, "- "),
            ("", None, Some("fr-CA, en;q=0.5"), "fr fr-CA,en"),
            ("", None, Some("de, en;q=0.1"), "en de,en"),
            ("", None, Some("de"), "- de"),
            ("?lang=fr", None, Some("en"), "fr fr,en"),
            ("", Some("lang=fr"), Some("en-GB"), "fr fr,en-GB"),
            ("?lang=en", Some("lang=fr"), None, "en en,fr"),
        ] {
            let mut request = http.get(format!("{base}/hello{query}"));
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            if let Some(accept) = accept {
                request = request.header("accept-language", accept);
            }
            let reply = request.send().await.unwrap();
            assert_eq!(reply.status(), 200);
            assert_eq!(
                reply.text().await.unwrap(),
                expected,
                "{base} {query} {cookie:?} {accept:?}"
            );
        }
    }
}

#[test]
fn the_clients_catalogs_are_complete_and_their_reference_is_written_in_french() {
    use api_error::{localized, Catalog};

    localized::assert_complete::<ClientsError>();
    let french = localized::markdown::<ClientsError>("fr").unwrap();
    assert!(
        french.contains(r#""message": "Clé d'API invalide""#),
        "{french}"
    );
    assert!(french.contains("<resource> introuvable"), "{french}");
    // The English catalog is the source text.
    assert_eq!(
        localized::markdown::<ClientsError>("en").unwrap(),
        ClientsError::catalog().to_markdown()
    );
}

//! A Rust client of both example APIs that shares their error enums: every
//! error response comes back as the typed variant, with retry advice.
//!
//! `cargo run -p api-error-examples --example client`
//! starts both servers in-process on loopback, then talks to them over HTTP.

#[path = "clients_server"]
pub mod clients_api {
    pub mod app;
    pub mod errors;
}

// The client starts the server but uses only part of it.
#[allow(dead_code)]
#[path = "customers_server"]
pub mod customers_api {
    pub mod app;
    pub mod errors;
}

use api_error::client::{from_response, send_with_retry, ClientError, RetryPolicy};
use api_error::ApiError;
use clients_api::errors::ClientsError;
use customers_api::errors::CustomersError;
use serde_json::{json, Value};
use std::time::Duration;

/// The base URLs of both servers, and the customers server's state.
async fn start_servers() -> std::io::Result<(String, String, customers_api::app::Shared)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let clients = format!("http://{}", listener.local_addr()?);
    let config = clients_api::app::Config {
        rate_limit: 6,
        cooldown: Duration::from_secs(2),
        export_dir: "/nonexistent/exports".into(),
        ..clients_api::app::Config::default()
    };
    tokio::spawn(async move { axum::serve(listener, clients_api::app::app(config)).await });

    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let customers = format!("http://{}", listener.local_addr()?);
    let shared = customers_api::app::Shared::new(customers_api::app::Config::default());
    tokio::spawn(customers_api::app::server(listener, shared.clone())?);
    Ok((clients, customers, shared))
}

/// Prints how a typed error is handled, the way the guides' clients do.
fn handle(error: &ClientError<ClientsError>) {
    match error {
        ClientError::Api(ClientsError::Duplicate { existing_id }, _) => {
            println!("  duplicate: reuse the existing client {existing_id}");
        }
        ClientError::Api(ClientsError::NotFound { resource, id }, _) => {
            println!("  not found: {resource} {id} was deleted");
        }
        ClientError::Api(ClientsError::Validation(errors), _) => {
            println!("  validation failed:");
            for error in errors {
                println!("    {}: {}", error.field, error.message);
            }
        }
        ClientError::Api(ClientsError::MissingField { field, label }, _) => {
            println!("  missing field `{field}` ({label})");
        }
        ClientError::Api(other, _) => println!("  {}: {other}", other.code()),
        ClientError::Unknown(body) => println!(
            "  unknown {} {}: {} (request id {})",
            body.status,
            body.code.as_deref().unwrap_or("-"),
            body.message,
            body.request_id.as_deref().unwrap_or("-"),
        ),
        ClientError::Malformed(response) => println!("  not an error body: {response}"),
        other => println!("  {other}"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    run().await
}

/// Everything the example does; an answer it does not expect is an error.
pub async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let (clients, customers, customers_state) = start_servers().await?;
    let http = reqwest::Client::new();
    let key = format!("Bearer {}", clients_api::app::FULL_ACCESS_KEY);

    println!("Clients API (envelope) at {clients}");
    let create = |body: Value| {
        http.post(format!("{clients}/v1/clients"))
            .header("authorization", &key)
            .json(&body)
            .send()
    };
    let created: Value = from_response::<Value, ClientsError>(
        create(json!({"name": "Ada", "email": "ada@example.com"})).await?,
    )
    .await
    .map_err(|e| e.to_string())?;
    println!("  created {}", created["id"]);

    for body in [
        json!({"name": "Ada again", "email": "ada@example.com"}),
        json!({"name": "No email"}),
        json!({"email": "not-an-email", "rate": -5}),
    ] {
        let result = from_response::<Value, ClientsError>(create(body).await?).await;
        handle(&result.expect_err("the server refuses these"));
    }

    let missing = http
        .get(format!("{clients}/v1/clients/cli_99999"))
        .header("authorization", &key)
        .send()
        .await?;
    handle(
        &from_response::<Value, ClientsError>(missing)
            .await
            .expect_err("no such client"),
    );

    let export = http
        .post(format!("{clients}/v1/exports"))
        .header("authorization", &key)
        .send()
        .await?;
    handle(
        &from_response::<Value, ClientsError>(export)
            .await
            .expect_err("exports fail here"),
    );

    // The key has made its 6 requests: this one is rate limited for 2 s.
    println!("  retrying with the guides' policy:");
    let policy = RetryPolicy::default();
    let mut attempts = 0;
    let started = std::time::Instant::now();
    let client: Value = send_with_retry::<_, ClientsError, _>(&policy, || {
        attempts += 1;
        println!("    attempt {attempts}");
        http.get(format!(
            "{clients}/v1/clients/{}",
            created["id"].as_str().unwrap_or_default()
        ))
        .header("authorization", &key)
    })
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "    got {} after {:.1} s",
        client["email"],
        started.elapsed().as_secs_f64()
    );

    println!("\nCustomers API (flat) at {customers}");
    let post_customer = |key: &'static str, body: Value| {
        http.post(format!("{customers}/api/customers"))
            .header("x-api-key", key)
            .json(&body)
            .send()
    };
    let revoked = post_customer(
        customers_api::app::REVOKED_KEY,
        json!({"email": "x@example.com"}),
    )
    .await?;
    match from_response::<Value, CustomersError>(revoked).await {
        Err(ClientError::Api(CustomersError::RevokedApiKey, _)) => {
            println!("  the key was revoked: generate a new one from the dashboard");
        }
        other => return Err(format!("unexpected: {other:?}").into()),
    }
    for i in 0..11 {
        let body = json!({"email": format!("c{i}@example.com")});
        let result = from_response::<Value, CustomersError>(
            post_customer(customers_api::app::LIVE_KEY, body).await?,
        )
        .await;
        match result {
            Ok(_) if i < 10 => {}
            Err(ClientError::Api(CustomersError::CustomerLimitReached { limit }, _)) if i == 10 => {
                println!(
                    "  customer {}: the plan allows {limit} customers, upgrade to add more",
                    i + 1
                );
            }
            other => return Err(format!("customer {}: unexpected: {other:?}", i + 1).into()),
        }
    }
    let invalid = post_customer(customers_api::app::LIVE_KEY, json!({"email": "nope"})).await?;
    match from_response::<Value, CustomersError>(invalid).await {
        Err(ClientError::Api(CustomersError::InvalidFormat { property, format }, _)) => {
            println!("  `{property}` must be a valid {format}");
        }
        other => return Err(format!("unexpected: {other:?}").into()),
    }
    // The guide's createCustomerWithRetry: the API is down for a second.
    customers_state.start_maintenance(Duration::from_secs(1));
    let started = std::time::Instant::now();
    let customer: Value = send_with_retry::<_, CustomersError, _>(&policy, || {
        http.post(format!("{customers}/api/customers"))
            .header("x-api-key", customers_api::app::OTHER_ACCOUNT_KEY)
            .json(&json!({"email": "after-maintenance@example.com"}))
    })
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "  created {} after the maintenance, {:.1} s later",
        customer["id"],
        started.elapsed().as_secs_f64()
    );
    // A proxy in front of the API answers with a page of its own, which no
    // API wrote: the client keeps it as a malformed error, bounded.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let proxy_address = proxy.local_addr()?;
    tokio::spawn(async move {
        let page = || async {
            (
                axum::http::StatusCode::BAD_GATEWAY,
                axum::response::Html("<html><body><h1>502 Bad Gateway</h1></body></html>"),
            )
        };
        axum::serve(proxy, axum::Router::new().fallback(page)).await
    });
    let not_api = http
        .get(format!("http://{proxy_address}/api/customers"))
        .send()
        .await?;
    match from_response::<Value, CustomersError>(not_api).await {
        Err(ClientError::Malformed(response)) => println!("  not an API error body: {response}"),
        other => return Err(format!("unexpected: {other:?}").into()),
    }
    Ok(())
}

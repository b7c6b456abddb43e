//! The clients and invoices API of the envelope-format error guide.
//!
//! `cargo run -p api-error-examples --example clients_server` serves it
//! on 127.0.0.1:3001 (or `$PORT`), in test mode so `?debug=true` shows debug
//! blocks. `GET /openapi.json` documents each operation's errors.

mod app;
mod errors;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().with_target(false).init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "3001".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let address = listener.local_addr()?;
    println!("clients API on http://{address}");
    println!("  OpenAPI document: http://{address}/openapi.json");
    println!("  Authorization: Bearer {}", app::FULL_ACCESS_KEY);
    axum::serve(listener, app::app(app::Config::default())).await
}

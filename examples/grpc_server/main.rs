//! The clients and invoices API of the envelope-format error guide, over
//! gRPC, answering the same `ClientsError` as the HTTP example.
//!
//! `cargo run -p api-error-examples --example grpc_server` serves it on
//! 127.0.0.1:50051 (or `$PORT`), in test mode so calls with `x-debug: true`
//! metadata get the `DebugInfo` detail. The service is in `clients.proto`.

#[path = "../clients_server/errors.rs"]
mod errors;
mod pb;
mod service;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt().with_target(false).init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "50051".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("clients API (gRPC) on {}", listener.local_addr()?);
    println!("  authorization: Bearer {}", service::FULL_ACCESS_KEY);
    service::serve(listener, service::Config::default()).await?;
    Ok(())
}

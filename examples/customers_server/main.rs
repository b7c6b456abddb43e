//! The customers API of the flat-format error guide.
//!
//! `cargo run -p api-error-examples --example customers_server` serves it on
//! 127.0.0.1:3000 (or `$PORT`), in test mode so `?debug=true` shows debug
//! blocks; `MAINTENANCE_SECS=60` starts it in maintenance.

mod app;
mod errors;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt().with_target(false).init();
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = std::net::TcpListener::bind(format!("127.0.0.1:{port}"))?;
    println!("customers API on http://{}", listener.local_addr()?);
    println!("  X-API-Key: {}", app::LIVE_KEY);
    let shared = app::Shared::new(app::Config::default());
    // MAINTENANCE_SECS=60 starts the API in maintenance: every request gets a 503.
    if let Some(secs) = std::env::var("MAINTENANCE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        shared.start_maintenance(std::time::Duration::from_secs(secs));
    }
    app::server(listener, shared)?.await
}

//! The JavaScript client snippets of both error guides, run unchanged but
//! for the base URL under node against the example servers (tests/js/).

use crate::clients_api::app as clients;
use crate::customers_api::app as customers;
use std::process::Command;
use std::time::Duration;

async fn clients_server(config: clients::Config) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, clients::app(config)).await.unwrap() });
    base
}

fn customers_server(config: customers::Config, maintenance: bool) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let shared = customers::Shared::new(config);
    if maintenance {
        shared.start_maintenance(Duration::from_secs(600));
    }
    tokio::spawn(customers::server(listener, shared).unwrap());
    base
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guide_snippets_take_the_branches_the_guides_describe() {
    let servers = serde_json::json!({
        "customers": customers_server(customers::Config::default(), false),
        "customersOther": customers_server(customers::Config::default(), false),
        "customersDown": customers_server(customers::Config::default(), true),
        "customersLimited": customers_server(
            customers::Config { rate_limit: 0, ..customers::Config::default() },
            false,
        ),
        "clients": clients_server(clients::Config::default()).await,
        "clientsLimited": clients_server(clients::Config {
            rate_limit: 0,
            ..clients::Config::default()
        })
        .await,
        "clientsFailing": clients_server(clients::Config {
            export_dir: "/nonexistent/exports".into(),
            ..clients::Config::default()
        })
        .await,
    });
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/run.mjs"))
            .arg(servers.to_string())
            .output()
            .expect("node (20 or later) runs the guides' JavaScript: `apt-get install nodejs`")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "node failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("16 passed, 0 failed"), "{stdout}");
}

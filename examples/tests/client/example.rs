//! The client example, as `cargo run -p api-error-examples --example client`
//! runs it: against both example servers, it meets only the answers it
//! expects, each error decoded into its variant.

#[test]
fn the_client_example_meets_only_the_answers_it_expects() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime
        .block_on(crate::client_example::run())
        .map_err(|err| err.to_string())
        .unwrap();
}

//! Prints the error reference of both example servers, in Markdown, from
//! their error enums' catalogs.
//!
//! Run with `cargo run --example catalog`.

use api_error::Catalog;

#[path = "clients_server/errors.rs"]
#[allow(dead_code)]
mod clients;
#[path = "customers_server/errors.rs"]
#[allow(dead_code)]
mod customers;

use clients::ClientsError;
use customers::CustomersError;

api_error::assert_unique_codes!(CustomersError, ClientsError);

fn main() {
    println!("{}", CustomersError::catalog().to_markdown());
    println!("{}", ClientsError::catalog().to_markdown());
}

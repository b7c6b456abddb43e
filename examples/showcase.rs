//! The error catalogs of two public API guides, written as `#[derive(ApiError)]`
//! enums, and every response they produce.
//!
//! `CustomersError` mirrors the customers API guide, which answers in the flat
//! format `{"error":"<reason phrase>","message":"..."}`. `ClientsError` mirrors
//! the clients and invoices API guide, which answers in the envelope format
//! `{"error":{"code":...,"message":...}}`. Each error is printed with its
//! status line, its headers and its body in all three formats.
//!
//! Run with `cargo run --example showcase`.

use api_error::{reason_phrase, ApiError, FieldErrors, Format, RenderOptions};

use std::fmt::Debug;
use std::io::{self, Write};
use std::time::Duration;

#[path = "clients_server/errors.rs"]
mod clients;
#[path = "customers_server/errors.rs"]
mod customers;

use clients::{ClientsError, Resource};
use customers::CustomersError;

fn customers_catalog() -> Vec<(&'static str, Vec<CustomersError>)> {
    vec![
        (
            "Authentication errors",
            vec![
                CustomersError::MissingApiKey,
                CustomersError::InvalidApiKey,
                CustomersError::RevokedApiKey,
                CustomersError::ExpiredApiKey,
            ],
        ),
        (
            "Validation errors",
            vec![
                CustomersError::InvalidBody,
                CustomersError::MissingProperty {
                    property: "email".to_owned(),
                },
                CustomersError::InvalidFormat {
                    property: "email".to_owned(),
                    format: "email".to_owned(),
                },
            ],
        ),
        (
            "Business logic errors",
            vec![CustomersError::CustomerLimitReached { limit: 10 }],
        ),
        (
            "Not found errors",
            vec![CustomersError::CustomerNotFound {
                customer_id: Some("cus_8f2k1m".to_owned()),
            }],
        ),
        ("Conflict errors", vec![CustomersError::DuplicateEmail]),
        (
            "Rate limiting",
            vec![CustomersError::RateLimited { retry_after: 60 }],
        ),
        (
            "Server errors",
            vec![
                CustomersError::Internal(std::io::Error::other("connection pool exhausted")),
                CustomersError::Unavailable {
                    retry_after: Duration::from_secs(90),
                },
            ],
        ),
    ]
}

fn clients_catalog() -> Vec<(&'static str, Vec<ClientsError>)> {
    vec![
        ("Authentication errors", vec![ClientsError::Unauthorized]),
        (
            "Permission errors",
            vec![ClientsError::Forbidden {
                resource: "client".to_owned(),
            }],
        ),
        (
            "Not found errors",
            vec![
                ClientsError::NotFound {
                    resource: Resource::Client,
                    id: "cli_xxxxx".to_owned(),
                },
                ClientsError::NotFound {
                    resource: Resource::Invoice,
                    id: "inv_xxxxx".to_owned(),
                },
            ],
        ),
        (
            "Validation errors",
            vec![
                ClientsError::MissingField {
                    field: "email".to_owned(),
                    label: "Email".to_owned(),
                },
                ClientsError::InvalidRate { value: -50 },
                ClientsError::Validation(
                    FieldErrors::new()
                        .with("email", "Invalid email format")
                        .with("rate", "Must be positive"),
                ),
            ],
        ),
        (
            "Conflict errors",
            vec![
                ClientsError::Duplicate {
                    existing_id: "cli_xxxxx".to_owned(),
                },
                ClientsError::InvoiceAlreadySent {
                    invoice_id: "inv_20931".to_owned(),
                },
            ],
        ),
        (
            "Rate limit errors",
            vec![ClientsError::RateLimited { secs: 30 }],
        ),
        (
            "Server errors",
            vec![ClientsError::Internal(
                "connection to db-primary:5432 refused".into(),
            )],
        ),
        (
            "Verbose mode (?debug=true, test mode only)",
            vec![ClientsError::RateNotPositive {
                received_value: -50,
                expected_type: "positive_integer".to_owned(),
            }],
        ),
    ]
}

/// The variant's name, read from its `Debug` output.
fn variant_name(error: &dyn Debug) -> String {
    let debug = format!("{error:?}");
    debug
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// `Retry-After` in whole seconds, rounded up so a client never retries early.
fn retry_after_header(error: &dyn ApiError) -> Option<u64> {
    error
        .retry_after()
        .map(|wait| wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
}

fn print_response<E: ApiError + Debug>(
    out: &mut impl Write,
    type_name: &str,
    error: &E,
    request_id: &str,
) -> io::Result<()> {
    let status = error.status();
    let default = error.default_format();
    writeln!(out)?;
    writeln!(
        out,
        "  {type_name}::{}  (code \"{}\")",
        variant_name(error),
        error.code()
    )?;
    writeln!(
        out,
        "    HTTP/1.1 {} {}",
        status.as_u16(),
        reason_phrase(status)
    )?;
    writeln!(out, "    X-Request-Id: {request_id}")?;
    if let Some(seconds) = retry_after_header(error) {
        writeln!(out, "    Retry-After: {seconds}")?;
    }
    let options = RenderOptions::new().request_id(request_id);
    let formats = std::iter::once(default).chain(Format::ALL.into_iter().filter(|f| *f != default));
    for format in formats {
        let marker = if format == default { " (default)" } else { "" };
        let label = format!("{}{marker}", format.name());
        writeln!(
            out,
            "    {label:<19} Content-Type: {}",
            format.content_type()
        )?;
        writeln!(out, "      {}", error.to_json_with(format, &options))?;
    }
    let debug = error.to_json_with(default, &options.debug(true));
    if debug != error.to_json_with(default, &options) {
        writeln!(out, "    {:<19} with ?debug=true in test mode", "debug")?;
        writeln!(out, "      {debug}")?;
    }
    Ok(())
}

fn print_catalog<E: ApiError + Debug>(
    out: &mut impl Write,
    title: &str,
    type_name: &str,
    catalog: &[(&str, Vec<E>)],
    next_id: &mut u32,
) -> io::Result<()> {
    let rule = "=".repeat(78);
    writeln!(out, "{rule}\n{title}\n{rule}")?;
    for (group, errors) in catalog {
        let dashes = "-".repeat(74usize.saturating_sub(group.len()));
        writeln!(out, "\n-- {group} {dashes}")?;
        for error in errors {
            *next_id += 1;
            let request_id = format!("req_{:08x}", 0x5a17_c0de_u32.wrapping_mul(*next_id));
            print_response(out, type_name, error, &request_id)?;
        }
    }
    writeln!(out)
}

fn main() -> io::Result<()> {
    let mut out = io::stdout().lock();
    let mut next_id = 0;
    let result = print_catalog(
        &mut out,
        "Customers API: flat format, {\"error\":\"<reason phrase>\",\"message\":...}",
        "CustomersError",
        &customers_catalog(),
        &mut next_id,
    )
    .and_then(|()| {
        print_catalog(
            &mut out,
            "Clients API: envelope format, {\"error\":{\"code\":...,\"message\":...}}",
            "ClientsError",
            &clients_catalog(),
            &mut next_id,
        )
    });
    match result {
        // Piped into `head` or a pager that quit early: nothing left to show.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

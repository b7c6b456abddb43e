//! Derive correct HTTP API errors.
//!
//! An API's errors are one enum. `#[derive(ApiError)]` gives every variant its
//! HTTP status, its machine-readable code, its public message and its JSON
//! body, in the wire format the API promises: an envelope, a flat object, RFC
//! 9457 problem details, JSON:API error objects, Google's AIP-193 error or the
//! Microsoft guidelines' error, or a format of its own. Mistakes are compile errors: a status outside
//! 400..=599, a malformed or repeated code, a message placeholder that names
//! no field, a body member named like one the format writes itself, a field
//! type that cannot play its role, and more. All the mistakes of one derive
//! are reported at once, each pointing at the offending token.
//!
//! # Example
//!
//! ```
//! use api_error::{ApiError, FieldErrors, Format, StatusCode};
//! use std::time::Duration;
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = "envelope", doc_base = "https://docs.example.com/errors")]
//! pub enum ClientError {
//!     #[api(status = 401, code = "unauthorized", message = "Invalid API key provided")]
//!     InvalidKey,
//!
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound { #[api(extra)] resource: &'static str, #[api(extra)] id: String },
//!
//!     #[api(status = 422, code = "invalid_parameter",
//!           message = "Rate must be a positive number", field = "rate")]
//!     BadRate { #[api(extra)] value: i64 },
//!
//!     #[api(status = 409, code = "duplicate",
//!           message = "A client with this email already exists", field = "email")]
//!     Duplicate { #[api(extra)] existing_id: String },
//!
//!     #[api(status = 422, code = "validation_error", message = "Request validation failed")]
//!     Invalid(#[api(errors)] api_error::FieldErrors),
//!
//!     #[api(status = 429, code = "rate_limit_exceeded",
//!           message = "Rate limit exceeded. Retry after {secs} seconds.")]
//!     RateLimited { #[api(retry_after)] secs: u64 },
//!
//!     #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
//!     Internal(#[api(source)] Box<dyn std::error::Error + Send + Sync>),
//! }
//!
//! let err = ClientError::Duplicate { existing_id: "cli_xxxxx".into() };
//! assert_eq!(err.status(), StatusCode::CONFLICT);
//! assert_eq!(err.code(), "duplicate");
//! assert_eq!(err.field(), Some("email"));
//! assert_eq!(err.doc_url(), Some("https://docs.example.com/errors#duplicate"));
//!
//! // `Serialize` writes the body in the type's format: this is the response body.
//! assert_eq!(
//!     serde_json::to_string(&err).unwrap(),
//!     r#"{"error":{"code":"duplicate","message":"A client with this email already exists","field":"email","existing_id":"cli_xxxxx","doc_url":"https://docs.example.com/errors#duplicate"}}"#,
//! );
//!
//! let err = ClientError::RateLimited { secs: 30 };
//! assert_eq!(err.message(), "Rate limit exceeded. Retry after 30 seconds.");
//! assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
//! assert!(err.is_retryable());
//!
//! let err = ClientError::Invalid(
//!     FieldErrors::new()
//!         .with("email", "Invalid email format")
//!         .with("rate", "Must be positive"),
//! );
//! assert_eq!(
//!     err.to_json(Format::Flat),
//!     r#"{"error":"Unprocessable Entity","message":"Request validation failed","errors":[{"field":"email","message":"Invalid email format"},{"field":"rate","message":"Must be positive"}],"doc_url":"https://docs.example.com/errors#validation_error"}"#,
//! );
//! ```
//!
//! The derive implements:
//!
//! - [`ApiError`](trait@ApiError): [`status`](ApiError::status),
//!   [`code`](ApiError::code), [`message`](ApiError::message),
//!   [`field`](ApiError::field), [`doc_url`](ApiError::doc_url),
//!   [`retry_after`](ApiError::retry_after),
//!   [`is_retryable`](ApiError::is_retryable) (429 and every 5xx), and the
//!   body writer behind [`to_json`](ApiError::to_json) and
//!   [`to_json_with`](ApiError::to_json_with).
//! - `serde::Serialize`: the body in the type's default format, so
//!   `serde_json::to_string(&err)` is the response body.
//! - `Display` (the public message) and `std::error::Error` (with `source()`),
//!   unless the type takes them from `thiserror`; see
//!   [below](#thiserror-coexistence).
//!
//! # Attributes
//!
//! On the type, an enum or a struct:
//!
//! | key | meaning |
//! |---|---|
//! | `format = "envelope" \| "flat" \| "problem" \| "json_api" \| "google" \| "microsoft"` | the default wire format; envelope when absent |
//! | `doc_base = "https://..."` | every variant's `doc_url` is `{doc_base}#{code}`, and so is that of each error a `transparent` variant wraps (request errors among them) when it has none of its own |
//! | `status = N` | the status of variants that give none |
//! | `crate = "path"` | where generated code finds this crate, for crates that re-export it: a plain path such as `"my_crate::api_error"`, without generic arguments |
//! | `domain = "..."` | over gRPC, the `domain` of every error's `ErrorInfo`: the service that defines the codes, like `"clients.example.com"` (letters, digits, `.`, `-` and `_`) |
//! | `decode` | the type implements [`client::Decode`]: [`client::decode`] and the other readers of the [`client`] module rebuild the variant a server sent from its response. The fields a response carries back must own their data (no references), a `transparent` variant's inner type must be `Decode` too, and in the flat format, which writes no code, two variants may not share a status and a fixed message |
//! | `axum = false`, `actix_web = false`, `utoipa = false`, `tonic = false`, `aide = false` | this type does without what that cargo feature of `api-error` adds to every derived type (`IntoResponse`, `ResponseError`, `IntoResponses`, `From<_> for tonic::Status`, `OperationOutput`), so it can write its own; see [Integrations per type](#integrations-per-type) |
//! | `subset(pub Name = A \| B)` | on an enum, another enum with the variants named, as they are written here; see [Subsets](#subsets) |
//! | `locales = "locales"` | each variant's message translated in the Fluent catalogs of that directory (beside the file, as `include_str!` reads), checked at compile time (the `fluent` feature); see [Localized messages](#localized-messages) |
//!
//! On a variant, or on a struct next to the type keys:
//!
//! | key | meaning |
//! |---|---|
//! | `status = N` | the HTTP status, in 400..=599 |
//! | `code = "..."` | the machine-readable code, matching `^[a-z][a-z0-9_]*$`; by default the variant's name in snake_case |
//! | `message = "..."` | the public message; `{name}` and `{0}` placeholders read fields, format specs such as `{amount:.2}` are allowed, `{{` and `}}` are literal braces |
//! | `field = "..."` | the body's `field` member, when it is fixed |
//! | `doc_url = "https://..."` | this variant's `doc_url`, in place of the one `doc_base` gives |
//! | `transparent` | status, code, message and body all come from the one inner field, itself an `ApiError`; the `doc_url` too, or, when the inner error has none, the one the type's `doc_base` gives its code |
//! | `share_code` | this variant shares its code with another; both must say so, and both must have the same status |
//! | `grpc = "..."` | the gRPC code, in place of the one Google's HTTP mapping gives the status ([`GrpcCode::from_http`]): `"failed_precondition"`, `"aborted"`, ... |
//! | `location = "..."` | where in the request the variant's field (and its `errors`' fields) are: `"body"` (the default), `"query"` or `"header"` ([`FieldLocation`]); JSON:API writes it as `source.pointer`, `source.parameter` or `source.header` |
//!
//! The flags `decode`, `transparent` and `share_code` may also be written
//! `key = true` or `key = false`.
//!
//! On a field:
//!
//! | key | meaning |
//! |---|---|
//! | `extra`, `extra = "name"` | a body member, under the field's name or the one given; any `serde::Serialize` type |
//! | `field` | this field's value (a string, or an `Option` of one) is the body's `field` member |
//! | `retry_after` | whole seconds (an integer) or a `Duration`, or an `Option` of one: the `Retry-After` header and [`retry_after`](ApiError::retry_after); only on 429 and 503 |
//! | `errors` | the body's `errors` list: [`FieldErrors`] or `Vec<FieldError>` |
//! | `debug`, `debug = "name"` | a member of the debug block, written only when debug rendering is on |
//! | `source` | the error's `source()`; thiserror's `#[source]` and `#[from]` count too |
//!
//! **A field with no attribute is never serialized.** Exposure is opt-in: a
//! message template may read any field, but only `extra`, `field` and
//! `errors` fields reach the body.
//!
//! ```
//! use api_error::{ApiError, Format};
//!
//! #[derive(Debug, ApiError)]
//! #[api(status = 403, code = "limit_reached", message = "Your plan allows {limit} customers")]
//! pub struct LimitReached {
//!     limit: u32,
//!     #[api(extra)]
//!     plan: &'static str,
//!     account_email: String,
//! }
//!
//! let err = LimitReached { limit: 10, plan: "starter", account_email: "ada@example.com".into() };
//! let body = err.to_json(Format::Envelope);
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"limit_reached","message":"Your plan allows 10 customers","plan":"starter"}}"#,
//! );
//! assert!(!body.contains(&err.account_email));
//! ```
//!
//! Placeholders take the format specs of `format!`, with widths and
//! precisions read from other fields:
//!
//! ```
//! use api_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! enum PaymentError {
//!     #[api(status = 402, message = "Balance {balance:.2} {currency} is below {minimum:.2}")]
//!     InsufficientFunds { balance: f64, minimum: f64, currency: &'static str },
//!
//!     #[api(status = 422, message = "Card {0:?} was declined ({1:#06x})")]
//!     Declined(String, u16),
//! }
//!
//! let err = PaymentError::InsufficientFunds { balance: 3.5, minimum: 10.0, currency: "EUR" };
//! assert_eq!(err.code(), "insufficient_funds");
//! assert_eq!(err.message(), "Balance 3.50 EUR is below 10.00");
//! assert_eq!(err.to_string(), "Balance 3.50 EUR is below 10.00");
//!
//! let err = PaymentError::Declined("4242".into(), 0x51);
//! assert_eq!(err.message(), r#"Card "4242" was declined (0x0051)"#);
//! ```
//!
//! # Wire formats
//!
//! Every error renders in every format with
//! [`to_json`](ApiError::to_json); [`Format::content_type`] gives the
//! `Content-Type` to serve it with. Members come in a fixed order: `code`,
//! `message`, `field`, extras in declaration order, `errors`, `doc_url`,
//! `request_id`, `debug`. An absent member is omitted, never `null`.
//!
//! - **Envelope** (`application/json`, the default): the members inside an
//!   `error` object.
//! - **Flat** (`application/json`): `error` is the status's reason phrase,
//!   then `message` and the other members; the code is not written.
//! - **Problem** (`application/problem+json`, RFC 9457): `type` (the
//!   `doc_url`, else `about:blank`), `title` (the reason phrase), `status`,
//!   `detail` (the message), then `code` and the other members as extension
//!   members.
//! - **JSON:API** (`application/vnd.api+json`, JSON:API 1.1): an `errors`
//!   array whose first error object is the error (`status` as a string,
//!   `code`, `title`, `detail`, `source` for the `field`: `pointer` in the
//!   body, `parameter` or `header` after `#[api(location = "...")]`;
//!   `links.about` for the `doc_url`, the extras and the rest in `meta`), then
//!   one error object per field error.
//! - **Google** (`application/json`, AIP-193): `{"error":{"code":404,
//!   "message":...,"status":"NOT_FOUND","details":[...]}}`, the details those
//!   of a gRPC status of the same error: `ErrorInfo` (the code upper-cased as
//!   `reason`, the type's `domain`, the extras as string `metadata`),
//!   `BadRequest`, `RetryInfo`, `RequestInfo`, `Help`, `DebugInfo`.
//! - **Microsoft** (`application/json`, the Microsoft REST API guidelines):
//!   `{"error":{"code":...,"message":...,"target":...,"details":[...],
//!   "innererror":{...}}}`: `target` is the `field`, `details` the field
//!   errors, `innererror` the extras and the rest.
//!
//! [`format::WireFormat`] is a format as a value: the six implement it, and
//! so does a format of your own. [`axum::ApiErrorLayer::negotiate`] (and
//! actix-web's) picks a format per request from `Accept`.
//!
//! ```
//! use api_error::{reason_phrase, ApiError, Format};
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = "flat")]
//! enum CustomerError {
//!     #[api(status = 409, code = "duplicate_email",
//!           message = "A customer with this email already exists", field = "email")]
//!     DuplicateEmail,
//! }
//!
//! let err = CustomerError::DuplicateEmail;
//! assert_eq!(err.default_format(), Format::Flat);
//! assert_eq!(reason_phrase(err.status()), "Conflict");
//! assert_eq!(
//!     err.to_json(Format::Envelope),
//!     r#"{"error":{"code":"duplicate_email","message":"A customer with this email already exists","field":"email"}}"#,
//! );
//! assert_eq!(
//!     err.to_json(Format::Flat),
//!     r#"{"error":"Conflict","message":"A customer with this email already exists","field":"email"}"#,
//! );
//! assert_eq!(
//!     err.to_json(Format::Problem),
//!     r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"A customer with this email already exists","code":"duplicate_email","field":"email"}"#,
//! );
//! assert_eq!(Format::Flat.content_type(), "application/json");
//! assert_eq!(Format::Problem.content_type(), "application/problem+json");
//! ```
//!
//! # Server errors are masked
//!
//! A 5xx answers with a message that was written as a `message` template, or
//! with "An unexpected error occurred" ([`MASKED_MESSAGE`]). The error's own
//! text, which may name hosts, queries or file paths, goes to logs through
//! `Display` and to the debug block, never to the client. Only a type whose
//! `Display` comes from `thiserror` can leave a message unwritten, so that is
//! where masking shows:
//!
//! ```
//! use api_error::{ApiError, Format, MASKED_MESSAGE};
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum StoreError {
//!     #[error("customer {0} not found")]
//!     #[api(status = 404)]
//!     NotFound(u64),
//!
//!     #[error("connection to db-primary:5432 refused")]
//!     #[api(status = 500, code = "internal_error")]
//!     Database,
//! }
//!
//! // A 4xx without `message` answers with its Display.
//! assert_eq!(StoreError::NotFound(7).message(), "customer 7 not found");
//!
//! let err = StoreError::Database;
//! assert_eq!(err.message(), MASKED_MESSAGE);
//! assert_eq!(err.to_string(), "connection to db-primary:5432 refused");
//! assert_eq!(
//!     err.to_json(Format::Envelope),
//!     r#"{"error":{"code":"internal_error","message":"An unexpected error occurred"}}"#,
//! );
//! ```
//!
//! # Request ids and the debug block
//!
//! The request id and the debug block come from [`RenderOptions`], not from
//! the error: the code that answers the request knows them. Send the request
//! id as an `X-Request-Id` header on every error response; the body carries it
//! as `request_id` only for 5xx, where a client needs it to report the
//! failure. The `debug` block holds the `debug` fields, the real message of a
//! masked 5xx and the source chain; turn it on only when the server runs in
//! test mode and the request asks for it (`?debug=true`).
//!
//! ```
//! use api_error::{ApiError, Format, RenderOptions};
//!
//! #[derive(Debug, ApiError)]
//! enum InvoiceError {
//!     #[api(status = 422, code = "invalid_request", message = "Rate must be positive")]
//!     NegativeRate {
//!         #[api(debug)] received_value: i64,
//!         #[api(debug)] expected_type: &'static str,
//!     },
//!
//!     #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
//!     Internal(#[api(source)] std::io::Error),
//! }
//!
//! let options = RenderOptions::new().request_id("req_8f14e45f");
//!
//! let err = InvoiceError::NegativeRate { received_value: -50, expected_type: "positive_integer" };
//! assert_eq!(
//!     err.to_json_with(Format::Envelope, &options),
//!     r#"{"error":{"code":"invalid_request","message":"Rate must be positive"}}"#,
//! );
//! assert_eq!(
//!     err.to_json_with(Format::Envelope, &options.debug(true)),
//!     r#"{"error":{"code":"invalid_request","message":"Rate must be positive","debug":{"received_value":-50,"expected_type":"positive_integer"}}}"#,
//! );
//!
//! let err = InvoiceError::Internal(std::io::Error::other("disk full"));
//! assert_eq!(
//!     err.to_json_with(Format::Envelope, &options),
//!     r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","request_id":"req_8f14e45f"}}"#,
//! );
//! assert_eq!(
//!     err.to_json_with(Format::Envelope, &options.debug(true)),
//!     r#"{"error":{"code":"internal_error","message":"An unexpected error occurred","request_id":"req_8f14e45f","debug":{"source_chain":["disk full"]}}}"#,
//! );
//! ```
//!
//! # Frameworks
//!
//! With the `axum` feature, every derived type implements axum's
//! `IntoResponse`; with `actix-web`, actix-web's `ResponseError`. Turning the
//! feature on is all it takes: a handler returns `Result<T, YourError>`.
//! [`axum::ApiErrorLayer`] and [`actix::ApiErrorMiddleware`] fill the
//! per-request [`ErrorContext`]: the `X-Request-Id` (a valid one from the
//! client is kept, else a [`RequestId`] is generated) on every response and in
//! 5xx bodies, the format the API speaks, and [`Mode::Test`] for the debug
//! block. Every 5xx is logged through `tracing` with its source chain and
//! request id. Both modules' documentation shows a complete handler.
//!
//! The errors of the request itself follow the same format: with the layer
//! or middleware and the modules' `Json`, `Query`, `Form` and `Path`
//! extractors, a body that is not JSON or does not fit its type, a missing
//! `Content-Type`, a body over the limit, a path or query that does not
//! parse, an unmatched route, a wrong method, a timeout and a panic each
//! answer with a [`RequestError`], naming the field at fault in one notation
//! ([`FieldPath`]: `address.zip`, `items[2].sku`) and in words in the
//! message (`check_in` and `checkIn` are both "Check in is required"). Any
//! other error response whose body is not JSON is rewritten in the format; a
//! JSON body never is. `map_request_errors` routes them through the API's
//! own enum. An API that words request errors as JSON Schema validators do
//! (the flat guide's `body must have required property 'email'`) routes them
//! through [`request::SchemaError`], which answers every error of the
//! request's format with 400. Other servers parse with
//! [`request::from_json`], [`request::from_query`], [`request::from_form`]
//! and [`request::from_params`].
//!
//! Without a framework, [`ErrorContext::response`] builds the
//! `http::Response`: status, `Content-Type`, `Retry-After` (429 and 503),
//! `X-Request-Id` and the body.
//!
//! With the `tonic` feature, every derived type converts into a
//! `tonic::Status`: its [`grpc_code`](ApiError::grpc_code), its public
//! message, and Google's rich error details (`ErrorInfo`, `BadRequest`,
//! `RetryInfo`, `RequestInfo`, `Help`, and `DebugInfo` in test mode). The
//! `tonic` module's documentation lists them, with the layer that gives each
//! call its request id; [`client::decode_status`](client) reads a status
//! back into the enum.
//!
//! # Validation
//!
//! With the `validator` or `garde` feature, a report of either crate becomes
//! [`FieldErrors`], every field named in [`FieldPath`]'s notation and sorted
//! by path, and the `Valid<...>` (validator) and `Garde<...>` (garde)
//! extractors of `api_error::axum` and `api_error::actix` answer a failed
//! validation with [`RequestError::Validation`]; their documentation shows a
//! complete handler on each framework. A path names only what the request
//! holds: validator reports a map's values by position, so the extractors
//! name them by the map (`labels`), or by their key when the map has one
//! entry; garde's keys are kept. The list is the envelope guide's
//! "Multiple Errors" in the envelope and flat formats, and RFC 9457's own
//! shape in the problem format; a body lists at most [`MAX_FIELD_ERRORS`] of
//! them. The `From<validator::ValidationErrors>` impl of
//! [`FieldErrors`](FieldErrors#impl-From%3CValidationErrors%3E-for-FieldErrors)
//! shows a nested report rendered in the envelope, flat and problem formats.
//!
//! # Security
//!
//! What reaches a client, and what never does:
//!
//! - **Exposure is opt-in.** A body holds what the variant declares (code,
//!   public message, `field`, `doc_url`) and the fields marked `extra`,
//!   `field` or `errors`; nothing else of the error value. A field without an attribute is never serialized, and
//!   `debug` and `source` fields stay out of every body but the debug block.
//!   The public message is the `message` template (or, for a 4xx of a
//!   `thiserror` type without `message`, its `Display`): a template is public
//!   text, so any field it names is shown.
//! - **5xx bodies are masked.** A 5xx whose message was not written as a
//!   `message` template answers [`MASKED_MESSAGE`] ("An unexpected error
//!   occurred") in every format. Its own `Display` and source chain go to the
//!   logs (the framework integrations log every 5xx with its request id) and
//!   to the debug block. A 5xx body carries the `request_id`, so a client can
//!   report the failure without learning more.
//! - **The debug block** (`debug` fields, the real message of a masked 5xx,
//!   the source chain, at most 16 deep) is written only when the
//!   [`RenderOptions`] turn `debug` on. The framework layers do so only in
//!   [`Mode::Test`] and only for a request whose query asks for it
//!   (`debug=true`, `debug=1` or `debug`); [`Mode::Production`], the default,
//!   never does, and neither do `Serialize` and [`to_json`](ApiError::to_json).
//! - **Header values** are built from numbers or from sanitized strings.
//!   `Retry-After` is whole seconds, rounded up. [`header_value`] keeps only
//!   visible ASCII and inner spaces (no CR, LF or other control character)
//!   and cuts the value at the bound it is given, such as
//!   [`MAX_HEADER_VALUE_LEN`].
//! - **Request ids are validated.** A client's `X-Request-Id` is kept only
//!   when [`RequestId::parse`] accepts it, 1 to 128 ASCII letters, digits and
//!   `-_.:~`; any other value is replaced by a generated `req_` id. The id
//!   echoed in the header and written in 5xx bodies cannot carry a line
//!   break, a quote or markup.
//! - **Bodies are always valid JSON.** Quotes, backslashes and control
//!   characters in any string are escaped; `</script>`, U+2028 and U+2029 are
//!   valid JSON and written as they are. A non-finite float (NaN, infinity)
//!   in a member is written as `null`. When a member's `Serialize` or the
//!   message's `Display` fails, the body falls back to the members the
//!   [`ApiError`](trait@ApiError) trait gives, then to the masked message:
//!   still valid JSON, never a panic.
//! - **The derive never panics**, whatever its input: a mistake is a compile
//!   error at the offending token.
//! - **The client reads responses as untrusted input.** An error body is read
//!   up to a bound (64 KiB by default, [`client::Reader`]), and past it is
//!   [`client::MalformedReason::TooLarge`], the rest never read. `Retry-After`
//!   is read in both of its forms, and a negative or malformed value is
//!   ignored. A [`client::RetryPolicy`] never waits longer than its
//!   `max_retry_after`: a server asking for longer is not retried. A message
//!   is matched against the templates in time linear in its length. The
//!   [`client`] module's documentation lists these limits.
//!
//! Property tests check these rules on arbitrary strings and numbers
//! (`tests/properties/render.rs`, `tests/properties/headers.rs`), the derive is fuzzed
//! with mutated and generated inputs, and the client's decoder with libFuzzer
//! (`fuzz/`).
//!
//! ```
//! use api_error::{header_value, RequestId, MAX_HEADER_VALUE_LEN};
//!
//! let value = header_value("evil\r\nSet-Cookie: session=1", MAX_HEADER_VALUE_LEN);
//! assert_eq!(value, "evilSet-Cookie: session=1");
//! assert!(RequestId::parse("req_1\r\nSet-Cookie: session=1").is_none());
//! assert!(RequestId::parse("<script>alert(1)</script>").is_none());
//! assert_eq!(RequestId::parse("req_8f14e45f").unwrap().as_str(), "req_8f14e45f");
//! ```
//!
//! # Integrations per type
//!
//! Each framework feature of `api-error` (`axum`, `actix-web`, `utoipa`,
//! `tonic`, `aide`) gives every derived type that framework's impl, so that turning
//! the feature on is all a service does. A type that writes its own impl,
//! or a crate whose types must not get one because another crate in the
//! build turned the feature on, says so on the type, and the feature adds
//! nothing to it:
//!
//! ```
//! use api_error::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api(axum = false, actix_web = false, utoipa = false, tonic = false, aide = false)]
//! enum ExportError {
//!     #[api(status = 503, code = "busy", message = "Exports are busy")]
//!     Busy,
//! }
//!
//! // Free to write `impl From<ExportError> for tonic::Status` by hand, and
//! // the other frameworks' impls, with every feature on.
//! assert_eq!(ExportError::Busy.code(), "busy");
//! ```
//!
//! The impls stay on by default: one enum per API that answers in every
//! framework the service uses is what the features are for, and the rare
//! type that wants its own says so once.
//!
//! # thiserror coexistence
//!
//! `ApiError` derives next to `thiserror::Error`. When the type has
//! `#[error(...)]` attributes, thiserror writes `Display` and
//! `std::error::Error`, and this derive writes only the HTTP side: a variant
//! without `message` answers with its `Display` (masked for a 5xx), and
//! `#[source]` and `#[from]` fields are the source the debug block follows.
//!
//! ```
//! use api_error::{ApiError, StatusCode};
//! use std::error::Error as _;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum ImportError {
//!     #[error("row {row}: {reason}")]
//!     #[api(status = 422, code = "invalid_row", message = "Row {row} is invalid")]
//!     InvalidRow { #[api(extra)] row: usize, reason: String },
//!
//!     #[error("could not read the upload")]
//!     #[api(status = 500, code = "internal_error")]
//!     Io(#[from] std::io::Error),
//! }
//!
//! let err = ImportError::InvalidRow { row: 12, reason: "empty email".into() };
//! assert_eq!(err.to_string(), "row 12: empty email");
//! assert_eq!(err.message(), "Row 12 is invalid");
//!
//! let err = ImportError::from(std::io::Error::other("broken pipe"));
//! assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
//! assert_eq!(err.message(), "An unexpected error occurred");
//! assert_eq!(err.source().unwrap().to_string(), "broken pipe");
//! ```
//!
//! # Transparent variants
//!
//! `#[api(transparent)]` forwards everything (status, code, message, body,
//! source) to the one inner field, itself an `ApiError`. An application error
//! can wrap the errors of its modules this way, and each keeps its own
//! response. An inner error with no `doc_url` of its own (a module's type
//! without `doc_base`, the built-in [`RequestError`]) takes the one the outer
//! type's `doc_base` gives its code, in its bodies and in the catalog: every
//! answer of one API links to that API's documentation.
//!
//! ```
//! use api_error::{ApiError, Format, StatusCode};
//!
//! #[derive(Debug, ApiError)]
//! enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound { #[api(extra)] id: String },
//! }
//!
//! #[derive(Debug, ApiError)]
//! enum AppError {
//!     #[api(transparent)]
//!     Clients(ClientsError),
//!
//!     #[api(status = 503, code = "maintenance", message = "Back in {minutes} minutes")]
//!     Maintenance { minutes: u32 },
//! }
//!
//! let err = AppError::Clients(ClientsError::NotFound { id: "cli_xxxxx".into() });
//! assert_eq!(err.status(), StatusCode::NOT_FOUND);
//! assert_eq!(err.code(), "not_found");
//! assert_eq!(
//!     err.to_json(Format::Envelope),
//!     r#"{"error":{"code":"not_found","message":"Client not found","id":"cli_xxxxx"}}"#,
//! );
//! assert_eq!(AppError::Maintenance { minutes: 5 }.message(), "Back in 5 minutes");
//! ```
//!
//! ```
//! use api_error::catalog::Catalog;
//! use api_error::{ApiError, Format, RequestError};
//!
//! #[derive(Debug, ApiError)]
//! #[api(doc_base = "https://docs.example.com/errors")]
//! enum AppError {
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound,
//!
//!     #[api(transparent)]
//!     Request(RequestError),
//! }
//!
//! let err = AppError::Request(RequestError::RouteNotFound);
//! assert_eq!(err.doc_url(), Some("https://docs.example.com/errors#route_not_found"));
//! assert_eq!(
//!     err.to_json(Format::Problem),
//!     r#"{"type":"https://docs.example.com/errors#route_not_found","title":"Not Found","status":404,"detail":"No route matches the request","code":"route_not_found"}"#,
//! );
//! let entry = AppError::catalog().get("invalid_json").unwrap();
//! assert_eq!(entry.doc_url, Some("https://docs.example.com/errors#invalid_json"));
//! // RequestError on its own documents nothing.
//! assert_eq!(RequestError::RouteNotFound.doc_url(), None);
//! ```
//!
//! # Subsets
//!
//! One enum per API holds every code and message, but one endpoint fails in
//! only a few of those ways. `#[api(subset(pub CreateClientError = Duplicate
//! | Invalid))]` declares that narrower error as a type: an enum with the
//! variants named, their fields and `#[api(...)]` attributes as written, so
//! the same status, code, message, format, catalog entries and decoder. A
//! handler that returns it says in its signature which errors it answers;
//! `?` turns it into the whole enum (`From`), and `TryFrom` takes an error
//! of the enum back when it is one of the subset's. Its `Display` is the
//! enum's (thiserror's too, when the enum derives it), its `#[from]`
//! conversions come along, and its decoder answers `Unknown` for a code
//! outside it rather than a variant it does not have. It derives `Debug`;
//! `#[derive(...)]` inside the declaration adds more, and `#[doc = "..."]`
//! (or `///`) documents it. Naming a variant the enum lacks, or none, is a
//! compile error at that name.
//!
//! ```
//! use api_error::client::{decode, ClientError};
//! use api_error::{ApiError, Format};
//!
//! #[derive(Debug, Clone, PartialEq, ApiError)]
//! #[api(decode)]
//! #[api(subset(
//!     /// What creating a client can answer.
//!     #[derive(Clone, PartialEq)]
//!     pub CreateClientError = Duplicate | Invalid
//! ))]
//! pub enum ClientsError {
//!     #[api(status = 409, code = "duplicate_email", message = "Email {email} is taken")]
//!     Duplicate { #[api(extra)] email: String },
//!
//!     #[api(status = 422, code = "invalid_name", message = "Name is invalid")]
//!     Invalid,
//!
//!     #[api(status = 404, code = "not_found", message = "Client not found")]
//!     NotFound,
//! }
//!
//! fn create(email: &str) -> Result<(), CreateClientError> {
//!     Err(CreateClientError::Duplicate { email: email.to_owned() })
//! }
//!
//! fn handler() -> Result<(), ClientsError> {
//!     create("ada@example.com")?;
//!     Ok(())
//! }
//!
//! let error = handler().unwrap_err();
//! assert_eq!(error.code(), "duplicate_email");
//! let narrow = CreateClientError::try_from(error.clone()).unwrap();
//! assert_eq!(narrow.to_json(Format::Envelope), error.to_json(Format::Envelope));
//! assert!(CreateClientError::try_from(ClientsError::NotFound).is_err());
//!
//! // A client of the endpoint decodes only what the endpoint answers.
//! let response = api_error::ErrorContext::new().response(&ClientsError::NotFound);
//! let decoded = decode::<CreateClientError>(response.status(), response.headers(), response.body());
//! assert!(matches!(decoded, ClientError::Unknown(_)));
//! ```
//!
//! A subset takes an enum without generic parameters. For the OpenAPI
//! document of each endpoint, see [`catalog::ErrorSet`], `utoipa::Responses`
//! (the `utoipa` feature) and the `aide` module (the `aide` feature), which
//! reads an `ApiRouter` handler's errors from its signature;
//! [`catalog::check_document`] checks a whole document against the
//! handlers, and [`request::RequestErrors`] lets an extractor of the API's
//! own name the errors it rejects a request with.
//!
//! # Localized messages
//!
//! With the `fluent` feature, `#[api(locales = "locales")]` translates each
//! variant's message in Fluent catalogs: one directory per locale under
//! `locales` (beside the file the type is in, as `include_str!` reads),
//! each with `.ftl` files. A
//! message's id is the variant's code, its variables are the variant's
//! fields, and variants that share a code each have an attribute named after
//! the variant:
//!
//! ```ftl
//! # locales/fr/errors.ftl
//! not_found = { $resource } introuvable
//! invalid_request =
//!     .MissingField = { $label } est obligatoire
//!     .RateNotPositive = Le tarif doit être positif
//! rate_limit_exceeded = { $secs ->
//!     [one] Limite atteinte. Réessayez dans { $secs } seconde.
//!    *[other] Limite atteinte. Réessayez dans { $secs } secondes.
//! }
//! ```
//!
//! The build fails, at the variant's code, when a locale lacks a message,
//! when a message reads a variable that names no field of its variant, and
//! when a translation leaves out a field its source message (the `message =
//! "..."` template) shows, and when a variant's code is `rules` (the
//! message that translates the items of `errors` lists by rule); a file
//! that does not parse fails it with its path and line. Editing a catalog rebuilds the crate; adding a file to one is
//! seen at the next build of the crate.
//!
//! [`Localized::localized_message`] gives the message in a locale, with
//! RFC 4647's lookup (`fr-CA`, then `fr`); codes, field names and every
//! other member stay as they are. [`ApiError::locale_for`] negotiates the
//! locale an error answers in, and [`RenderOptions::locale`] writes its
//! body in it. A translation of text and fields is compiled with the type,
//! its variant's constant bodies laid out per locale: only a message that
//! needs Fluent at runtime (a selector, a function, a term) is formatted by
//! it.
//!
//! ```
//! # #[cfg(feature = "fluent")]
//! # {
//! use api_error::{ApiError, Localized};
//!
//! #[derive(Debug, ApiError)]
//! // The catalogs of this crate's tests: `en/errors.ftl` and `fr/errors.ftl`.
//! #[api(locales = "../tests/localized/locales")]
//! pub enum ClientsError {
//!     #[api(status = 404, code = "not_found", message = "{resource} not found")]
//!     NotFound { resource: String },
//!     #[api(status = 409, code = "duplicate", message = "A client with this email already exists")]
//!     Duplicate,
//!     #[api(status = 422, code = "invalid_request", message = "{label} is required")]
//!     #[api(share_code)]
//!     MissingField { label: String },
//!     #[api(status = 422, code = "invalid_request", message = "Rate must be positive")]
//!     #[api(share_code)]
//!     RateNotPositive,
//!     #[api(status = 429, code = "rate_limit_exceeded", message = "Rate limit exceeded. Retry after {secs} seconds.")]
//!     RateLimited { #[api(retry_after)] secs: u64 },
//!     #[api(status = 500, code = "internal_error", message = "An unexpected error occurred")]
//!     Internal,
//! }
//!
//! let error = ClientsError::NotFound { resource: "Client".into() };
//! assert_eq!(error.localized_message("fr-CA").as_deref(), Some("Client introuvable"));
//! assert_eq!(error.message(), "Client not found");
//! let limited = ClientsError::RateLimited { secs: 1 };
//! assert_eq!(
//!     limited.localized_message("fr").as_deref(),
//!     Some("Limite atteinte. Réessayez dans 1 seconde.")
//! );
//! assert_eq!(ClientsError::Duplicate.localized_message("de"), None);
//! # }
//! ```
//!
//! Per request, the axum layer's and the actix-web middleware's
//! `localize()` (with `locale_query` and `locale_cookie`) answer each
//! request in the first of its locales the type has, with
//! `Content-Language` and `Vary: Accept-Language`; `ErrorContext::localize`
//! does the same for a response of your own. A handler takes the
//! `api_error::Locales` extractor, whose `negotiate::<E>()` is the locale
//! its errors answer in. The tonic layer's `localize()` keeps
//! `Status.message` in the source language and adds a `LocalizedMessage`
//! detail from the call's `accept-language` metadata. A client decodes by
//! code and members, never by text: a body in any language decodes to the
//! same variant.
//!
//! For the catalogs themselves, `localized::templates` and
//! `localized::markdown` write each message (and the Markdown reference) in
//! one locale, `localized::coverage` lists every variant's message in every
//! locale, and `localized::assert_complete` is the test that every locale
//! has every message.
//!
//! # Error catalog
//!
//! Every derived type implements [`Catalog`]: a constant listing each
//! variant's status, code, message template, `field`, `doc_url`, extra
//! members with their JSON types, headers, retry advice and doc comment, with
//! the errors of `transparent` variants' types in place. [`catalog`] renders
//! it as a Markdown reference page, as JSON and as OpenAPI 3.1 components,
//! and pins it in a snapshot file
//! ([`catalog::assert_snapshot`]); [`assert_unique_codes!`] fails the build
//! when types give one code different statuses, documentation links or
//! member types. With the `utoipa` feature each type is utoipa's
//! `IntoResponses`.
//!
//! ```
//! use api_error::{ApiError, Catalog, StatusCode};
//!
//! #[derive(Debug, ApiError)]
//! #[api(format = "flat")]
//! enum CustomersError {
//!     /// Each customer must have a unique email address.
//!     #[api(status = 409, code = "duplicate_email",
//!           message = "A customer with this email already exists")]
//!     DuplicateEmail,
//!
//!     /// Too many requests.
//!     #[api(status = 429, code = "rate_limited",
//!           message = "Rate limit exceeded. Retry after {secs} seconds.")]
//!     RateLimited { #[api(retry_after)] secs: u64 },
//! }
//!
//! let catalog = CustomersError::catalog();
//! let entry = catalog.get("rate_limited").unwrap();
//! assert_eq!(entry.status, StatusCode::TOO_MANY_REQUESTS);
//! assert_eq!(entry.description, "Too many requests.");
//! assert_eq!(entry.headers(), ["Content-Type", "Retry-After", "X-Request-Id"]);
//!
//! let markdown = catalog.to_markdown();
//! assert!(markdown.contains("| `409` | Conflict | [`duplicate_email`](#duplicate_email) |"));
//! assert!(markdown.contains(
//!     "- **Retry:** yes, after the number of seconds in the `Retry-After` header."
//! ));
//!
//! let openapi = catalog.openapi_components();
//! assert!(openapi["responses"]["CustomersError.429"]["headers"]["Retry-After"].is_object());
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use api_error_core::{
    header_value, reason_phrase, retry_after_secs, ApiError, ErrorChain, ErrorContext, FieldError,
    FieldErrors, FieldLocation, FieldPath, Format, GrpcCode, Mode, RenderOptions, RequestError,
    RequestId, StatusCode, MASKED_MESSAGE, MAX_FIELD_ERRORS, MAX_HEADER_VALUE_LEN, MAX_LOCALES,
    X_REQUEST_ID,
};

pub use api_error_core::{client, format, http, model, request, roles};

#[cfg(feature = "axum")]
pub use api_error_core::axum;

#[cfg(feature = "actix-web")]
pub use api_error_core::actix;

#[cfg(feature = "tonic")]
pub use api_error_core::tonic;

#[cfg(feature = "utoipa")]
pub use api_error_core::utoipa;

#[cfg(feature = "aide")]
pub use api_error_core::aide;

pub use api_error_core::{assert_unique_codes, catalog, Catalog};
#[cfg(feature = "fluent")]
pub use api_error_core::{localized, Locales, Localized};
pub use api_error_derive::ApiError;

#[doc(hidden)]
pub mod __private {
    pub use api_error_core::__private::*;
}

//! The clients and invoices API of the envelope-format error guide, on axum.
//!
//! Every error a handler returns is a `ClientsError`, or the subset of it
//! the handler can answer. The router's error stack answers everything
//! else in the same format: `ApiErrorLayer` gives each response its request
//! id and turns the errors of the request itself (a body that does not fit
//! its type, an unmatched route, a wrong method, a body over the limit, a
//! timeout, a panic) into `ClientsError`s too.
//!
//! The routes are aide's, so `GET /openapi.json` documents each operation's
//! errors as its handler's signature says: the subset it returns, those of
//! its extractors (authentication's among them) and the layer's.

use super::errors::{
    AuthError, ClientsError, CreateClientError, ExportError, ReadError, Resource, SendInvoiceError,
    UpdateClientError,
};
use aide::axum::routing::{get_with, post_with};
use aide::axum::ApiRouter;
use aide::generate::GenContext;
use aide::openapi::{Info, OpenApi, Operation, Response};
use aide::transform::TransformOperation;
use api_error::axum::{ApiErrorLayer, Json, PanicResponse, Path, Query, Valid};
use api_error::catalog::ErrorSet;
use api_error::request::RequestErrors;
use api_error::Mode;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::Router;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use validator::Validate;

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// `Mode::Test` shows debug blocks to `?debug=true` requests.
    pub mode: Mode,
    /// Requests a key may make before it is rate limited.
    pub rate_limit: u32,
    /// How long a rate-limited key waits.
    pub cooldown: Duration,
    /// Where `POST /v1/exports` writes.
    pub export_dir: PathBuf,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// How long a request may take before it is answered with a timeout.
    pub request_timeout: Duration,
    /// Whether a JSON body must say so in its `Content-Type`. The guide's
    /// own client code (`fetch` with a string body) sends `text/plain`.
    pub require_json_content_type: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Test,
            rate_limit: 1_000,
            cooldown: Duration::from_secs(30),
            export_dir: std::env::temp_dir().join("clients-api-exports"),
            body_limit: 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            require_json_content_type: false,
        }
    }
}

/// An API key: which clients it may see (`None`: all).
struct Key {
    clients: Option<Vec<String>>,
    used: u32,
    limited_until: Option<Instant>,
}

#[derive(Clone)]
struct Client {
    id: String,
    name: String,
    email: String,
    rate: i64,
}

#[derive(Clone)]
struct Invoice {
    id: String,
    client_id: String,
    amount: i64,
    sent: bool,
}

#[derive(Default)]
struct Store {
    keys: HashMap<String, Key>,
    clients: Vec<Client>,
    invoices: Vec<Invoice>,
}

/// What the handlers share.
#[derive(Clone)]
pub(crate) struct AppState {
    config: Arc<Config>,
    store: Arc<Mutex<Store>>,
}

impl AppState {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The API keys every new server knows.
pub const FULL_ACCESS_KEY: &str = "sk_test_full";
/// A key limited to the clients it created.
pub const LIMITED_KEY: &str = "sk_test_limited";

/// The router of the API, behind its error stack.
pub fn app(config: Config) -> Router {
    app_with(config, Router::new())
}

/// The router of the API with `extra` routes, all behind the same error
/// stack.
pub fn app_with(config: Config, extra: Router) -> Router {
    let mut store = Store::default();
    store.keys.insert(
        FULL_ACCESS_KEY.to_owned(),
        Key {
            clients: None,
            used: 0,
            limited_until: None,
        },
    );
    store.keys.insert(
        LIMITED_KEY.to_owned(),
        Key {
            clients: Some(Vec::new()),
            used: 0,
            limited_until: None,
        },
    );
    let mut errors = ApiErrorLayer::new()
        .mode(config.mode)
        .map_request_errors(ClientsError::from)
        // Messages in the request's language: `?lang=fr`, else its
        // `Accept-Language`.
        .localize()
        .locale_query("lang");
    if !config.require_json_content_type {
        errors = errors.any_json_content_type();
    }
    let (body_limit, timeout) = (config.body_limit, config.request_timeout);
    let state = AppState {
        config: Arc::new(config),
        store: Arc::new(Mutex::new(store)),
    };
    let (routes, document) = routes();
    routes
        .route("/openapi.json", get(move || async move { Json(document) }))
        .with_state(state)
        .merge(extra)
        // Innermost first: tower-http limits, times out and catches panics;
        // the error layer answers all of it as a `ClientsError`.
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(PanicResponse))
        .layer(errors)
}

/// The API's routes, and their OpenAPI document.
fn routes() -> (Router<AppState>, serde_json::Value) {
    // Request errors are documented as the layer maps them.
    api_error::aide::map_request_errors(ClientsError::from);
    let mut api = OpenApi {
        info: Info {
            title: "Clients API".to_owned(),
            version: "1".to_owned(),
            ..Info::default()
        },
        ..OpenApi::default()
    };
    let routes = ApiRouter::new()
        .api_route(
            "/v1/clients",
            post_with(create_client, created).get_with(list_clients, |op| op),
        )
        .api_route(
            "/v1/clients/{id}",
            get_with(get_client, |op| op).patch_with(update_client, |op| op),
        )
        .api_route("/v1/invoices", post_with(create_invoice, created))
        .api_route("/v1/invoices/{id}", get_with(get_invoice, |op| op))
        .api_route("/v1/invoices/{id}/send", post_with(send_invoice, |op| op))
        .api_route("/v1/exports", post_with(export, created))
        .finish_api(&mut api);
    let document = serde_json::to_value(&api).expect("an OpenAPI document serializes");
    (routes, document)
}

/// An operation that answers `201 Created` with a JSON body.
fn created(op: TransformOperation<'_>) -> TransformOperation<'_> {
    op.response::<201, Json<serde_json::Value>>()
}

/// The caller's key, after authentication and rate limiting: an extractor,
/// so authentication comes before the body is read.
pub(crate) struct Caller(String);

impl FromRequestParts<AppState> for Caller {
    type Rejection = AuthError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AuthError> {
        authenticate(state, &parts.headers).map(Caller)
    }
}

/// Every operation that authenticates answers `AuthError`s.
impl RequestErrors for Caller {
    fn api_errors(set: ErrorSet) -> ErrorSet {
        set.with::<AuthError>()
    }
}

impl aide::OperationInput for Caller {
    fn operation_input(_: &mut GenContext, operation: &mut Operation) {
        api_error::aide::record_input::<Self>(operation);
    }

    fn inferred_early_responses(
        _: &mut GenContext,
        operation: &mut Operation,
    ) -> Vec<(Option<u16>, Response)> {
        api_error::aide::early_responses(operation)
    }
}

/// The caller's key, after authentication and rate limiting.
fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<String, AuthError> {
    let key = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(AuthError::Unauthorized)?;
    let mut store = state.store();
    let entry = store.keys.get_mut(key).ok_or(AuthError::Unauthorized)?;
    let now = Instant::now();
    if let Some(until) = entry.limited_until {
        if until > now {
            return Err(AuthError::RateLimited {
                secs: api_error::retry_after_secs(until - now),
            });
        }
        entry.limited_until = None;
        entry.used = 0;
    }
    entry.used += 1;
    if entry.used > state.config.rate_limit {
        entry.limited_until = Some(now + state.config.cooldown);
        return Err(AuthError::RateLimited {
            secs: api_error::retry_after_secs(state.config.cooldown),
        });
    }
    Ok(key.to_owned())
}

fn may_see(store: &Store, key: &str, client_id: &str) -> bool {
    store.keys[key]
        .clients
        .as_ref()
        .is_none_or(|clients| clients.iter().any(|id| id == client_id))
}

/// `POST /v1/clients`
#[derive(Deserialize, Validate, JsonSchema)]
pub(crate) struct NewClient {
    #[serde(default)]
    name: String,
    #[validate(email(message = "Invalid email format"))]
    email: String,
    #[validate(range(min = 1, message = "Must be positive"))]
    rate: Option<i64>,
}

/// `GET /v1/clients?limit=&offset=`
#[derive(Deserialize, JsonSchema)]
pub(crate) struct Page {
    limit: Option<u32>,
    offset: Option<u32>,
}

/// `PATCH /v1/clients/{id}`
#[derive(Deserialize, JsonSchema)]
pub(crate) struct ClientUpdate {
    rate: Option<i64>,
}

/// `POST /v1/invoices`
#[derive(Deserialize, JsonSchema)]
pub(crate) struct NewInvoice {
    client_id: String,
    amount: i64,
}

/// The longest id the API issues: a longer one names nothing, and is not
/// echoed whole.
const MAX_ID_LEN: usize = 32;

/// `id`, cut to [`MAX_ID_LEN`] bytes.
fn bounded_id(mut id: String) -> String {
    if id.len() > MAX_ID_LEN {
        let mut end = MAX_ID_LEN;
        while !id.is_char_boundary(end) {
            end -= 1;
        }
        id.truncate(end);
        id.push('…');
    }
    id
}

fn client_json(client: &Client) -> Value {
    json!({ "id": client.id, "name": client.name, "email": client.email, "rate": client.rate })
}

fn invoice_json(invoice: &Invoice) -> Value {
    json!({ "id": invoice.id, "client_id": invoice.client_id, "amount": invoice.amount, "sent": invoice.sent })
}

/// `POST /v1/clients {"name", "email", "rate"}`
pub(crate) async fn create_client(
    State(state): State<AppState>,
    Caller(key): Caller,
    Valid(Json(body)): Valid<Json<NewClient>>,
) -> Result<(StatusCode, Json<Value>), CreateClientError> {
    let mut store = state.store();
    if let Some(existing) = store
        .clients
        .iter()
        .find(|client| client.email == body.email)
    {
        return Err(CreateClientError::Duplicate {
            existing_id: existing.id.clone(),
        });
    }
    let client = Client {
        id: format!("cli_{:05}", store.clients.len() + 1),
        name: body.name,
        email: body.email,
        rate: body.rate.unwrap_or(100),
    };
    if let Some(clients) = store.keys.get_mut(&key).and_then(|k| k.clients.as_mut()) {
        clients.push(client.id.clone());
    }
    store.clients.push(client.clone());
    Ok((StatusCode::CREATED, Json(client_json(&client))))
}

/// `GET /v1/clients?limit=&offset=`: the clients the key may see, at most
/// 100 at a time.
pub(crate) async fn list_clients(
    State(state): State<AppState>,
    Caller(key): Caller,
    Query(page): Query<Page>,
) -> Json<Vec<Value>> {
    let store = state.store();
    let limit = page.limit.unwrap_or(100).min(100) as usize;
    let offset = page.offset.unwrap_or(0) as usize;
    let clients = store
        .clients
        .iter()
        .filter(|client| may_see(&store, &key, &client.id))
        .skip(offset)
        .take(limit)
        .map(client_json)
        .collect();
    Json(clients)
}

/// `GET /v1/clients/{id}`
pub(crate) async fn get_client(
    State(state): State<AppState>,
    Caller(key): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ReadError> {
    let store = state.store();
    let client = store
        .clients
        .iter()
        .find(|client| client.id == id)
        .ok_or_else(|| ReadError::NotFound {
            resource: Resource::Client,
            id: bounded_id(id.clone()),
        })?;
    if !may_see(&store, &key, &id) {
        return Err(ReadError::Forbidden {
            resource: "client".to_owned(),
        });
    }
    Ok(Json(client_json(client)))
}

/// `PATCH /v1/clients/{id} {"rate"}`
pub(crate) async fn update_client(
    State(state): State<AppState>,
    Caller(key): Caller,
    Path(id): Path<String>,
    Json(body): Json<ClientUpdate>,
) -> Result<Json<Value>, UpdateClientError> {
    let mut store = state.store();
    if !store.clients.iter().any(|client| client.id == id) {
        return Err(UpdateClientError::NotFound {
            resource: Resource::Client,
            id: bounded_id(id),
        });
    }
    if !may_see(&store, &key, &id) {
        return Err(UpdateClientError::Forbidden {
            resource: "client".to_owned(),
        });
    }
    if let Some(rate) = body.rate {
        if rate <= 0 {
            return Err(UpdateClientError::RateNotPositive {
                received_value: rate,
                expected_type: "positive_integer".to_owned(),
            });
        }
        let client = store.clients.iter_mut().find(|client| client.id == id);
        if let Some(client) = client {
            client.rate = rate;
        }
    }
    let client = store.clients.iter().find(|client| client.id == id);
    Ok(Json(client.map(client_json).unwrap_or_default()))
}

/// `POST /v1/invoices {"client_id", "amount"}`
pub(crate) async fn create_invoice(
    State(state): State<AppState>,
    Caller(key): Caller,
    Json(body): Json<NewInvoice>,
) -> Result<(StatusCode, Json<Value>), ReadError> {
    let mut store = state.store();
    if !store
        .clients
        .iter()
        .any(|client| client.id == body.client_id)
    {
        return Err(ReadError::NotFound {
            resource: Resource::Client,
            id: bounded_id(body.client_id),
        });
    }
    if !may_see(&store, &key, &body.client_id) {
        return Err(ReadError::Forbidden {
            resource: "client".to_owned(),
        });
    }
    let invoice = Invoice {
        id: format!("inv_{:05}", store.invoices.len() + 1),
        client_id: body.client_id,
        amount: body.amount,
        sent: false,
    };
    store.invoices.push(invoice.clone());
    Ok((StatusCode::CREATED, Json(invoice_json(&invoice))))
}

/// `GET /v1/invoices/{id}`
pub(crate) async fn get_invoice(
    State(state): State<AppState>,
    Caller(key): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ReadError> {
    let store = state.store();
    let invoice = store
        .invoices
        .iter()
        .find(|invoice| invoice.id == id)
        .ok_or_else(|| ReadError::NotFound {
            resource: Resource::Invoice,
            id: bounded_id(id.clone()),
        })?;
    if !may_see(&store, &key, &invoice.client_id) {
        return Err(ReadError::Forbidden {
            resource: "invoice".to_owned(),
        });
    }
    Ok(Json(invoice_json(invoice)))
}

/// `POST /v1/invoices/{id}/send`
pub(crate) async fn send_invoice(
    State(state): State<AppState>,
    Caller(key): Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, SendInvoiceError> {
    let mut store = state.store();
    let Some(index) = store.invoices.iter().position(|invoice| invoice.id == id) else {
        return Err(SendInvoiceError::NotFound {
            resource: Resource::Invoice,
            id: bounded_id(id),
        });
    };
    let client_id = store.invoices[index].client_id.clone();
    if !may_see(&store, &key, &client_id) {
        return Err(SendInvoiceError::Forbidden {
            resource: "invoice".to_owned(),
        });
    }
    let invoice = &mut store.invoices[index];
    if invoice.sent {
        return Err(SendInvoiceError::InvoiceAlreadySent { invoice_id: id });
    }
    invoice.sent = true;
    Ok(Json(invoice_json(invoice)))
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[error("exporting {count} clients to {path}")]
struct ExportFailure {
    count: usize,
    path: String,
    #[source]
    source: std::io::Error,
}

/// `POST /v1/exports`: writes every client to the export directory.
pub(crate) async fn export(
    State(state): State<AppState>,
    _caller: Caller,
) -> Result<(StatusCode, Json<Value>), ExportError> {
    let clients: Vec<Value> = state.store().clients.iter().map(client_json).collect();
    let path = state.config.export_dir.join("clients.json");
    let contents = serde_json::to_vec(&clients).unwrap_or_default();
    tokio::fs::write(&path, contents).await.map_err(|source| {
        ExportError::Internal(Box::new(ExportFailure {
            count: clients.len(),
            path: path.display().to_string(),
            source,
        }))
    })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "path": path.display().to_string() })),
    ))
}

//! The customers API of the flat-format error guide, on actix-web.
//!
//! Every error a handler returns is a `CustomersError`. `ApiErrorMiddleware`
//! gives each response its request id and answers everything else in the same
//! format: the errors of the request itself (a body that does not fit its
//! type, an unmatched route, a wrong method, a body over the limit, a
//! panicking handler) become `CustomersError`s too.

use super::errors::CustomersError;
use actix_web::dev::Server;
use actix_web::{dev, web, App, FromRequest, HttpRequest, HttpResponse, HttpServer};
use api_error::actix::{configure, ApiErrorMiddleware, Json, Path};
use api_error::Mode;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt;
use std::future::{ready, Ready};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// `Mode::Test` shows debug blocks to `?debug=true` requests.
    pub mode: Mode,
    /// How many customers an account's plan allows.
    pub plan_limit: usize,
    /// Requests a key may make before it is rate limited.
    pub rate_limit: u32,
    /// How long a rate-limited key waits.
    pub cooldown: Duration,
    /// Where `POST /api/customers/export` writes.
    pub export_dir: PathBuf,
    /// The largest request body, in bytes.
    pub body_limit: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Test,
            plan_limit: 10,
            rate_limit: 1_000,
            cooldown: Duration::from_secs(60),
            export_dir: std::env::temp_dir().join("customers-api-exports"),
            body_limit: 256 * 1024,
        }
    }
}

/// A key that works.
pub const LIVE_KEY: &str = "sk_live_your_api_key_here";
/// A key that was revoked.
pub const REVOKED_KEY: &str = "sk_live_revoked";
/// A key past its expiration date.
pub const EXPIRED_KEY: &str = "sk_live_expired";
/// A second working key, on another account.
pub const OTHER_ACCOUNT_KEY: &str = "sk_live_other_account";

struct Key {
    account: u32,
    revoked: bool,
    expires_at: Option<SystemTime>,
    used: u32,
    limited_until: Option<Instant>,
}

#[derive(Clone)]
struct Customer {
    id: String,
    account: u32,
    email: String,
    name: String,
}

#[derive(Default)]
struct Store {
    keys: HashMap<&'static str, Key>,
    customers: Vec<Customer>,
    next_id: u32,
    maintenance_until: Option<Instant>,
}

/// The server's state; clone it to reach the same store from a test.
#[derive(Clone)]
pub struct Shared {
    config: Arc<Config>,
    store: Arc<Mutex<Store>>,
}

impl Shared {
    /// A new server state with the four known keys.
    pub fn new(config: Config) -> Self {
        let mut keys = HashMap::new();
        let key = |account, revoked, expires_at| Key {
            account,
            revoked,
            expires_at,
            used: 0,
            limited_until: None,
        };
        keys.insert(LIVE_KEY, key(1, false, None));
        keys.insert(OTHER_ACCOUNT_KEY, key(2, false, None));
        keys.insert(REVOKED_KEY, key(1, true, None));
        keys.insert(
            EXPIRED_KEY,
            key(
                1,
                false,
                Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)),
            ),
        );
        Shared {
            config: Arc::new(config),
            store: Arc::new(Mutex::new(Store {
                keys,
                ..Store::default()
            })),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Puts the API in maintenance for `duration`: every request gets a 503.
    pub fn start_maintenance(&self, duration: Duration) {
        self.store().maintenance_until = Some(Instant::now() + duration);
    }
}

/// The HTTP server of the API on `listener`.
pub fn server(listener: TcpListener, shared: Shared) -> std::io::Result<Server> {
    server_with(listener, shared, |_| {})
}

/// The HTTP server of the API with `extra` routes, all behind the same
/// error middleware.
pub fn server_with(
    listener: TcpListener,
    shared: Shared,
    extra: fn(&mut web::ServiceConfig),
) -> std::io::Result<Server> {
    let (mode, body_limit) = (shared.config.mode, shared.config.body_limit);
    let data = web::Data::new(shared);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(web::PayloadConfig::new(body_limit))
            .wrap(
                ApiErrorMiddleware::new()
                    .mode(mode)
                    .map_request_errors(CustomersError::from),
            )
            .configure(configure)
            .service(
                web::scope("/api")
                    .service(
                        web::resource("/customers")
                            .route(web::post().to(create_customer))
                            .route(web::get().to(list_customers)),
                    )
                    .service(web::resource("/customers/export").route(web::post().to(export)))
                    .service(
                        web::resource("/customers/{id}")
                            .route(web::get().to(get_customer))
                            .route(web::delete().to(delete_customer)),
                    )
                    .configure(extra),
            )
    })
    .workers(2)
    .listen(listener)?
    .run())
}

/// The key of a request, from `X-API-Key` or `Authorization: Bearer`.
fn api_key(request: &HttpRequest) -> Option<&str> {
    let headers = request.headers();
    if let Some(key) = headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        return Some(key);
    }
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
}

/// The caller's account, after maintenance, authentication and rate limiting.
fn authenticate(shared: &Shared, request: &HttpRequest) -> Result<u32, CustomersError> {
    let mut store = shared.store();
    let now = Instant::now();
    if let Some(until) = store.maintenance_until.filter(|until| *until > now) {
        return Err(CustomersError::Unavailable {
            retry_after: until - now,
        });
    }
    let key = api_key(request).ok_or(CustomersError::MissingApiKey)?;
    let entry = store
        .keys
        .get_mut(key)
        .ok_or(CustomersError::InvalidApiKey)?;
    if entry.revoked {
        return Err(CustomersError::RevokedApiKey);
    }
    if entry.expires_at.is_some_and(|at| at <= SystemTime::now()) {
        return Err(CustomersError::ExpiredApiKey);
    }
    if let Some(until) = entry.limited_until {
        if until > now {
            return Err(CustomersError::RateLimited {
                retry_after: api_error::retry_after_secs(until - now),
            });
        }
        entry.limited_until = None;
        entry.used = 0;
    }
    entry.used += 1;
    if entry.used > shared.config.rate_limit {
        entry.limited_until = Some(now + shared.config.cooldown);
        return Err(CustomersError::RateLimited {
            retry_after: api_error::retry_after_secs(shared.config.cooldown),
        });
    }
    Ok(entry.account)
}

/// An email address, checked as the body is read.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "String")]
struct Email(String);

/// Why a string is not an email address.
#[derive(Debug)]
struct NotAnEmail;

impl fmt::Display for NotAnEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("must match format \"email\"")
    }
}

impl TryFrom<String> for Email {
    type Error = NotAnEmail;

    fn try_from(email: String) -> Result<Self, NotAnEmail> {
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !email.contains(char::is_whitespace)
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
        if valid {
            Ok(Email(email))
        } else {
            Err(NotAnEmail)
        }
    }
}

/// The caller's account: an extractor, so authentication comes before the
/// body is read.
struct Account(u32);

impl FromRequest for Account {
    type Error = CustomersError;
    type Future = Ready<Result<Self, CustomersError>>;

    fn from_request(request: &HttpRequest, _payload: &mut dev::Payload) -> Self::Future {
        ready(match request.app_data::<web::Data<Shared>>() {
            Some(shared) => authenticate(shared, request).map(Account),
            None => Err(CustomersError::Internal(std::io::Error::other(
                "the server's state is not registered",
            ))),
        })
    }
}

/// The longest id the API issues: a longer one names nothing, and is not
/// echoed whole.
const MAX_ID_LEN: usize = 32;

/// No customer has `id`.
fn not_found(id: String) -> CustomersError {
    CustomersError::CustomerNotFound {
        customer_id: Some(bounded_id(id)),
    }
}

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

fn customer_json(customer: &Customer) -> Value {
    json!({ "id": customer.id, "email": customer.email, "name": customer.name })
}

/// `POST /api/customers`
#[derive(Deserialize)]
struct NewCustomer {
    email: Email,
    #[serde(default)]
    name: String,
}

/// `POST /api/customers {"email", "name"}`
async fn create_customer(
    shared: web::Data<Shared>,
    Account(account): Account,
    Json(body): Json<NewCustomer>,
) -> Result<HttpResponse, CustomersError> {
    let email = body.email.0.as_str();
    let mut store = shared.store();
    let owned = store
        .customers
        .iter()
        .filter(|c| c.account == account)
        .count();
    if owned >= shared.config.plan_limit {
        return Err(CustomersError::CustomerLimitReached {
            limit: u32::try_from(shared.config.plan_limit).unwrap_or(u32::MAX),
        });
    }
    if store
        .customers
        .iter()
        .any(|c| c.account == account && c.email == email)
    {
        return Err(CustomersError::DuplicateEmail);
    }
    store.next_id += 1;
    let customer = Customer {
        id: format!("cus_{:05}", store.next_id),
        account,
        email: body.email.0.clone(),
        name: body.name,
    };
    store.customers.push(customer.clone());
    Ok(HttpResponse::Created().json(customer_json(&customer)))
}

/// `GET /api/customers`
async fn list_customers(
    shared: web::Data<Shared>,
    Account(account): Account,
) -> Result<HttpResponse, CustomersError> {
    let store = shared.store();
    let customers: Vec<Value> = store
        .customers
        .iter()
        .filter(|c| c.account == account)
        .map(customer_json)
        .collect();
    Ok(HttpResponse::Ok().json(customers))
}

/// `GET /api/customers/{id}`
async fn get_customer(
    shared: web::Data<Shared>,
    Account(account): Account,
    Path(id): Path<String>,
) -> Result<HttpResponse, CustomersError> {
    let store = shared.store();
    let customer = store
        .customers
        .iter()
        .find(|c| c.account == account && c.id == id)
        .ok_or_else(|| not_found(id))?;
    Ok(HttpResponse::Ok().json(customer_json(customer)))
}

/// `DELETE /api/customers/{id}`
async fn delete_customer(
    shared: web::Data<Shared>,
    Account(account): Account,
    Path(id): Path<String>,
) -> Result<HttpResponse, CustomersError> {
    let mut store = shared.store();
    let index = store
        .customers
        .iter()
        .position(|c| c.account == account && c.id == id)
        .ok_or_else(|| not_found(id))?;
    store.customers.remove(index);
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/customers/export`: writes the account's customers to the
/// export directory.
async fn export(
    shared: web::Data<Shared>,
    Account(account): Account,
) -> Result<HttpResponse, CustomersError> {
    let customers: Vec<Value> = shared
        .store()
        .customers
        .iter()
        .filter(|c| c.account == account)
        .map(customer_json)
        .collect();
    let path = shared
        .config
        .export_dir
        .join(format!("account-{account}.json"));
    let contents = serde_json::to_vec(&customers).unwrap_or_default();
    std::fs::write(&path, contents).map_err(CustomersError::Internal)?;
    Ok(HttpResponse::Created().json(json!({ "path": path.display().to_string() })))
}

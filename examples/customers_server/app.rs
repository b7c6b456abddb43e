//! The customers API of the flat-format error guide, on actix-web.
//!
//! Every error a handler returns is a `CustomersError`; `ApiErrorMiddleware`
//! gives each response its request id and, in test mode, the debug block.

use super::errors::CustomersError;
use actix_web::dev::Server;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use api_error::actix::ApiErrorMiddleware;
use api_error::Mode;
use serde_json::{json, Value};
use std::collections::HashMap;
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Test,
            plan_limit: 10,
            rate_limit: 1_000,
            cooldown: Duration::from_secs(60),
            export_dir: std::env::temp_dir().join("customers-api-exports"),
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
    let mode = shared.config.mode;
    let data = web::Data::new(shared);
    Ok(HttpServer::new(move || {
        App::new().app_data(data.clone()).service(
            web::scope("/api")
                .wrap(ApiErrorMiddleware::new().mode(mode))
                .route("/customers", web::post().to(create_customer))
                .route("/customers", web::get().to(list_customers))
                .route("/customers/export", web::post().to(export))
                .route("/customers/{id}", web::get().to(get_customer))
                .route("/customers/{id}", web::delete().to(delete_customer)),
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

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !email.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

fn customer_json(customer: &Customer) -> Value {
    json!({ "id": customer.id, "email": customer.email, "name": customer.name })
}

/// `POST /api/customers {"email", "name"}`
async fn create_customer(
    shared: web::Data<Shared>,
    request: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, CustomersError> {
    let account = authenticate(&shared, &request)?;
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&body) else {
        return Err(CustomersError::InvalidBody);
    };
    let email =
        body.get("email")
            .and_then(Value::as_str)
            .ok_or(CustomersError::MissingProperty {
                property: "email".to_owned(),
            })?;
    if !is_email(email) {
        return Err(CustomersError::InvalidFormat {
            property: "email".to_owned(),
            format: "email".to_owned(),
        });
    }
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
        email: email.to_owned(),
        name: body
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
    };
    store.customers.push(customer.clone());
    Ok(HttpResponse::Created().json(customer_json(&customer)))
}

/// `GET /api/customers`
async fn list_customers(
    shared: web::Data<Shared>,
    request: HttpRequest,
) -> Result<HttpResponse, CustomersError> {
    let account = authenticate(&shared, &request)?;
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
    request: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, CustomersError> {
    let account = authenticate(&shared, &request)?;
    let store = shared.store();
    let customer = store
        .customers
        .iter()
        .find(|c| c.account == account && c.id == *id)
        .ok_or_else(|| CustomersError::CustomerNotFound {
            customer_id: Some(id.into_inner()),
        })?;
    Ok(HttpResponse::Ok().json(customer_json(customer)))
}

/// `DELETE /api/customers/{id}`
async fn delete_customer(
    shared: web::Data<Shared>,
    request: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, CustomersError> {
    let account = authenticate(&shared, &request)?;
    let mut store = shared.store();
    let index = store
        .customers
        .iter()
        .position(|c| c.account == account && c.id == *id)
        .ok_or_else(|| CustomersError::CustomerNotFound {
            customer_id: Some(id.into_inner()),
        })?;
    store.customers.remove(index);
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/customers/export`: writes the account's customers to the
/// export directory.
async fn export(
    shared: web::Data<Shared>,
    request: HttpRequest,
) -> Result<HttpResponse, CustomersError> {
    let account = authenticate(&shared, &request)?;
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

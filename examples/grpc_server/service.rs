//! The clients and invoices API of the envelope-format error guide, on tonic.
//!
//! The errors are the HTTP example's `ClientsError`, unchanged: every method
//! returns `Result<_, ClientsError>` and `?` turns the error into a
//! `tonic::Status` with Google's rich error details. `ApiErrorLayer` gives
//! each call its request id and, in test mode, the `DebugInfo` detail.

use super::errors::{ClientsError, Resource};
use super::pb;
use super::pb::clients_server::{Clients, ClientsServer};
use api_error::tonic::ApiErrorLayer;
use api_error::{FieldError, FieldErrors, Mode};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tonic::metadata::MetadataMap;
use tonic::{Request, Response, Status};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// `Mode::Test` sends `DebugInfo` to calls with `x-debug: true`.
    pub mode: Mode,
    /// Calls a key may make before it is rate limited.
    pub rate_limit: u32,
    /// How long a rate-limited key waits.
    pub cooldown: Duration,
    /// Where `Export` writes.
    pub export_dir: PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Test,
            rate_limit: 1_000,
            cooldown: Duration::from_secs(30),
            export_dir: std::env::temp_dir().join("clients-api-exports"),
        }
    }
}

/// The API keys every new server knows.
pub const FULL_ACCESS_KEY: &str = "sk_test_full";
/// A key limited to the clients it created.
pub const LIMITED_KEY: &str = "sk_test_limited";

/// An API key: which clients it may see (`None`: all).
struct Key {
    clients: Option<Vec<String>>,
    used: u32,
    limited_until: Option<Instant>,
}

#[derive(Default)]
struct Store {
    keys: HashMap<String, Key>,
    clients: Vec<pb::Client>,
    invoices: Vec<pb::Invoice>,
}

/// The `Clients` service.
pub struct ClientsApi {
    config: Config,
    store: Mutex<Store>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[error("exporting {count} clients to {path}")]
struct ExportError {
    count: usize,
    path: String,
    #[source]
    source: std::io::Error,
}

impl ClientsApi {
    /// A service with the two keys and no clients.
    pub fn new(config: Config) -> Self {
        let mut store = Store::default();
        for (key, clients) in [(FULL_ACCESS_KEY, None), (LIMITED_KEY, Some(Vec::new()))] {
            store.keys.insert(
                key.to_owned(),
                Key {
                    clients,
                    used: 0,
                    limited_until: None,
                },
            );
        }
        ClientsApi {
            config,
            store: Mutex::new(store),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The caller's key (`authorization: Bearer <key>`), after
    /// authentication and rate limiting.
    fn authenticate(&self, metadata: &MetadataMap) -> Result<String, ClientsError> {
        let key = metadata
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or(ClientsError::Unauthorized)?;
        let mut store = self.store();
        let entry = store.keys.get_mut(key).ok_or(ClientsError::Unauthorized)?;
        let now = Instant::now();
        if let Some(until) = entry.limited_until {
            if until > now {
                return Err(ClientsError::RateLimited {
                    secs: api_error::retry_after_secs(until - now),
                });
            }
            entry.limited_until = None;
            entry.used = 0;
        }
        entry.used += 1;
        if entry.used > self.config.rate_limit {
            entry.limited_until = Some(now + self.config.cooldown);
            return Err(ClientsError::RateLimited {
                secs: api_error::retry_after_secs(self.config.cooldown),
            });
        }
        Ok(key.to_owned())
    }
}

fn may_see(store: &Store, key: &str, client_id: &str) -> bool {
    store.keys[key]
        .clients
        .as_ref()
        .is_none_or(|clients| clients.iter().any(|id| id == client_id))
}

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
}

fn forbidden() -> ClientsError {
    ClientsError::Forbidden {
        resource: "client".to_owned(),
    }
}

#[tonic::async_trait]
impl Clients for ClientsApi {
    async fn create_client(
        &self,
        request: Request<pb::CreateClientRequest>,
    ) -> Result<Response<pb::Client>, Status> {
        let key = self.authenticate(request.metadata())?;
        let request = request.into_inner();
        let mut errors = FieldErrors::new();
        if request.email.is_empty() {
            errors.push("email", "Email is required");
        } else if !is_email(&request.email) {
            // The rule and its parameters translate the item.
            errors.push_error(FieldError::new("email", "Invalid email format").with_rule("email"));
        }
        if let Some(rate) = request.rate.filter(|rate| *rate <= 0) {
            if errors.is_empty() {
                return Err(ClientsError::InvalidRate { value: rate }.into());
            }
            errors.push_error(
                FieldError::new("rate", "Must be positive")
                    .with_rule("range")
                    .with_param("min", 1),
            );
        }
        match errors.len() {
            0 => {}
            1 if request.email.is_empty() => {
                return Err(ClientsError::MissingField {
                    field: "email".to_owned(),
                    label: "Email".to_owned(),
                }
                .into());
            }
            _ => return Err(ClientsError::Validation(errors).into()),
        }
        let mut store = self.store();
        if let Some(existing) = store.clients.iter().find(|c| c.email == request.email) {
            return Err(ClientsError::Duplicate {
                existing_id: existing.id.clone(),
            }
            .into());
        }
        let client = pb::Client {
            id: format!("cli_{:05}", store.clients.len() + 1),
            email: request.email,
            name: request.name,
            rate: request.rate.unwrap_or(100),
        };
        if let Some(clients) = store.keys.get_mut(&key).and_then(|k| k.clients.as_mut()) {
            clients.push(client.id.clone());
        }
        store.clients.push(client.clone());
        Ok(Response::new(client))
    }

    async fn get_client(
        &self,
        request: Request<pb::GetClientRequest>,
    ) -> Result<Response<pb::Client>, Status> {
        let key = self.authenticate(request.metadata())?;
        let id = request.into_inner().id;
        let store = self.store();
        let client = store
            .clients
            .iter()
            .find(|client| client.id == id)
            .ok_or_else(|| ClientsError::NotFound {
                resource: Resource::Client,
                id: id.clone(),
            })?;
        if !may_see(&store, &key, &id) {
            return Err(forbidden().into());
        }
        Ok(Response::new(client.clone()))
    }

    async fn update_client(
        &self,
        request: Request<pb::UpdateClientRequest>,
    ) -> Result<Response<pb::Client>, Status> {
        let key = self.authenticate(request.metadata())?;
        let pb::UpdateClientRequest { id, rate } = request.into_inner();
        let mut store = self.store();
        if !store.clients.iter().any(|client| client.id == id) {
            return Err(ClientsError::NotFound {
                resource: Resource::Client,
                id,
            }
            .into());
        }
        if !may_see(&store, &key, &id) {
            return Err(forbidden().into());
        }
        if rate <= 0 {
            return Err(ClientsError::RateNotPositive {
                received_value: rate,
                expected_type: "positive_integer".to_owned(),
            }
            .into());
        }
        let client = store.clients.iter_mut().find(|client| client.id == id);
        let client = client.map(|client| {
            client.rate = rate;
            client.clone()
        });
        Ok(Response::new(client.unwrap_or_default()))
    }

    async fn create_invoice(
        &self,
        request: Request<pb::CreateInvoiceRequest>,
    ) -> Result<Response<pb::Invoice>, Status> {
        let key = self.authenticate(request.metadata())?;
        let request = request.into_inner();
        if request.client_id.is_empty() {
            return Err(ClientsError::MissingField {
                field: "client_id".to_owned(),
                label: "Client".to_owned(),
            }
            .into());
        }
        let mut store = self.store();
        if !store.clients.iter().any(|c| c.id == request.client_id) {
            return Err(ClientsError::NotFound {
                resource: Resource::Client,
                id: request.client_id,
            }
            .into());
        }
        if !may_see(&store, &key, &request.client_id) {
            return Err(forbidden().into());
        }
        let invoice = pb::Invoice {
            id: format!("inv_{:05}", store.invoices.len() + 1),
            client_id: request.client_id,
            amount: request.amount,
            sent: false,
        };
        store.invoices.push(invoice.clone());
        Ok(Response::new(invoice))
    }

    async fn send_invoice(
        &self,
        request: Request<pb::SendInvoiceRequest>,
    ) -> Result<Response<pb::Invoice>, Status> {
        let key = self.authenticate(request.metadata())?;
        let id = request.into_inner().id;
        let mut store = self.store();
        let Some(index) = store.invoices.iter().position(|invoice| invoice.id == id) else {
            return Err(ClientsError::NotFound {
                resource: Resource::Invoice,
                id,
            }
            .into());
        };
        if !may_see(&store, &key, &store.invoices[index].client_id) {
            return Err(forbidden().into());
        }
        let invoice = &mut store.invoices[index];
        if invoice.sent {
            return Err(ClientsError::InvoiceAlreadySent { invoice_id: id }.into());
        }
        invoice.sent = true;
        Ok(Response::new(invoice.clone()))
    }

    async fn export(
        &self,
        request: Request<pb::ExportRequest>,
    ) -> Result<Response<pb::ExportReply>, Status> {
        self.authenticate(request.metadata())?;
        let clients: Vec<(String, String)> = self
            .store()
            .clients
            .iter()
            .map(|client| (client.id.clone(), client.email.clone()))
            .collect();
        let path = self.config.export_dir.join("clients.json");
        let contents = serde_json::to_vec(&clients).unwrap_or_default();
        tokio::fs::write(&path, contents).await.map_err(|source| {
            ClientsError::Internal(Box::new(ExportError {
                count: clients.len(),
                path: path.display().to_string(),
                source,
            }))
        })?;
        Ok(Response::new(pb::ExportReply {
            path: path.display().to_string(),
        }))
    }
}

/// Serves the API on `listener` until the task is dropped.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
) -> Result<(), tonic::transport::Error> {
    let mode = config.mode;
    tonic::transport::Server::builder()
        .layer(ApiErrorLayer::new().mode(mode).localize())
        .add_service(ClientsServer::new(ClientsApi::new(config)))
        .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener))
        .await
}

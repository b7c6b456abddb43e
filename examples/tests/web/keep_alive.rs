//! Errors answered before the request body is read, over one keep-alive
//! connection written byte by byte: the axum layer reads the rest of a small
//! body and keeps the connection, and says `Connection: close` for a body
//! past its bound, one the client holds back for `100 Continue`, and one that
//! does not arrive in time; actix-web closes such connections and says so.
//! Either way no request that follows is lost.

use crate::clients_api::app as clients;
use crate::customers_api::app as customers;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// One response as read off the connection.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn closes(&self) -> bool {
        self.header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"))
    }
}

/// A client connection that writes requests as given and reads each
/// response by its `Content-Length`.
struct Connection {
    reader: BufReader<TcpStream>,
}

impl Connection {
    fn open(address: SocketAddr) -> Connection {
        let stream = TcpStream::connect(address).unwrap();
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        Connection {
            reader: BufReader::new(stream),
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.reader.get_mut().write_all(bytes).unwrap();
    }

    /// The next response; `None` when the server closed the connection.
    fn read(&mut self) -> Option<Response> {
        let mut line = String::new();
        if self.reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let status = line.split(' ').nth(1)?.parse().ok()?;
        let mut headers = Vec::new();
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap();
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().unwrap());
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        Some(Response {
            status,
            headers,
            body: String::from_utf8(body).unwrap(),
        })
    }

    /// Whether the server closed its end: a read gives nothing more.
    fn is_closed(&mut self) -> bool {
        let mut byte = [0];
        matches!(self.reader.read(&mut byte), Ok(0) | Err(_))
    }
}

fn post(path: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

fn get(path: &str, headers: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nhost: localhost\r\n{headers}\r\n").into_bytes()
}

const CLIENT: &[u8] = br#"{"name":"Acme","email":"billing@acme.example"}"#;

async fn clients_server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = clients::app(clients::Config::default());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_keeps_the_connection_after_an_early_error_on_a_small_body() {
    let address = clients_server().await;
    let auth = format!("authorization: Bearer {}\r\n", clients::FULL_ACCESS_KEY);
    tokio::task::spawn_blocking(move || {
        let mut connection = Connection::open(address);
        for round in 0..200 {
            // Rejected by the authentication extractor before its body is
            // read: the body follows the head a moment later, as a client
            // that writes them apart sends it.
            let request = post("/v1/clients", "", CLIENT);
            let (head, body) = request.split_at(request.len() - CLIENT.len());
            connection.write(head);
            std::thread::sleep(Duration::from_millis(2));
            connection.write(body);
            let rejected = connection.read().expect("an answer to the early error");
            assert_eq!(rejected.status, 401, "round {round}: {}", rejected.body);
            assert!(!rejected.closes(), "round {round}: {:?}", rejected.headers);
            assert!(rejected.header("x-request-id").is_some());
            assert!(
                rejected.body.starts_with(r#"{"error":{"code":"#),
                "{}",
                rejected.body
            );
            // The next request on the same connection is answered.
            connection.write(&get("/v1/clients", &auth));
            let listed = connection.read().expect("the next request is answered");
            assert_eq!(listed.status, 200, "round {round}: {}", listed.body);
        }
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_closes_past_the_bound_and_says_so() {
    let address = clients_server().await;
    tokio::task::spawn_blocking(move || {
        // A body past 64 KiB: answered at once, with `Connection: close`.
        let mut connection = Connection::open(address);
        let big = vec![b' '; 100 * 1024];
        connection.write(&post("/v1/clients", "", &big));
        let rejected = connection.read().unwrap();
        assert_eq!(rejected.status, 401);
        assert!(rejected.closes(), "{:?}", rejected.headers);

        // A client waiting for `100 Continue` is not asked for its body.
        let mut connection = Connection::open(address);
        connection.write(
            b"POST /v1/clients HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 46\r\nexpect: 100-continue\r\n\r\n",
        );
        let rejected = connection.read().unwrap();
        assert_eq!(rejected.status, 401);
        assert!(rejected.closes(), "{:?}", rejected.headers);
        assert!(connection.is_closed());

        // A body that stops arriving: answered after the wait, closing.
        let mut connection = Connection::open(address);
        connection.write(
            b"POST /v1/clients HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 46\r\n\r\n{\"name\"",
        );
        let started = std::time::Instant::now();
        let rejected = connection.read().unwrap();
        assert_eq!(rejected.status, 401);
        assert!(rejected.closes(), "{:?}", rejected.headers);
        assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
        assert!(connection.is_closed());
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_says_connection_close_after_an_early_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let shared = customers::Shared::new(customers::Config::default());
    tokio::spawn(customers::server(listener, shared).unwrap());
    tokio::task::spawn_blocking(move || {
        for round in 0..50 {
            let mut connection = Connection::open(address);
            connection.write(&post("/api/customers", "", CLIENT));
            let rejected = connection.read().expect("an answer to the early error");
            assert_eq!(rejected.status, 401, "round {round}: {}", rejected.body);
            assert!(rejected.closes(), "round {round}: {:?}", rejected.headers);
            assert!(rejected.header("x-request-id").is_some());
            assert!(connection.is_closed(), "round {round}");
        }
    })
    .await
    .unwrap();
}

//! A server on 127.0.0.1 that answers with a 100 MB error body cannot make
//! the client hold it: `from_response` reads up to its bound, keeps status,
//! retry advice and the first bytes, and closes the connection.
//!
//! The heap is measured, not assumed: this test binary's global allocator
//! counts the bytes live in the whole process (the server thread's included,
//! so the figures can only be too high), and each test reads the peak over
//! its client call, alone in the process.

use crate::{measured, LIVE, PEAK};
use api_error::client::{from_response, ClientError, MalformedReason, Reader};
use api_error::ApiError;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How many more heap bytes than before were live at most while `future` ran.
async fn peak_growth<T>(future: impl std::future::Future<Output = T>) -> (usize, T) {
    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let value = future.await;
    (PEAK.load(Ordering::SeqCst).saturating_sub(before), value)
}

#[derive(Debug, ApiError)]
#[api(decode)]
enum GatewayError {
    #[api(status = 502, code = "bad_gateway", message = "The upstream failed")]
    BadGateway,
}

const MIB: usize = 1 << 20;
const HUNDRED_MB: u64 = 100_000_000;

/// How a streamed body says where it ends.
#[derive(Clone, Copy)]
enum Framing {
    ContentLength,
    /// No length: the body runs until the server closes the connection.
    UntilClose,
}

/// A server that answers one request with `status`, `extra_headers` and an
/// HTML body of `length` bytes, written 64 KiB at a time from a static buffer
/// until done or until the client goes away. Returns the URL and the thread,
/// which gives the number of body bytes the server managed to write.
fn stream_body(
    status: &str,
    extra_headers: &str,
    length: u64,
    framing: Framing,
) -> (String, JoinHandle<u64>) {
    static CHUNK: [u8; 64 * 1024] = [b'x'; 64 * 1024];
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/export", listener.local_addr().unwrap());
    let length_header = match framing {
        Framing::ContentLength => format!("content-length: {length}\r\n"),
        Framing::UntilClose => "connection: close\r\n".to_owned(),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html\r\n{extra_headers}{length_header}\r\n<html>"
    );
    let server = thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        read_request_head(&mut stream);
        stream.write_all(head.as_bytes()).unwrap();
        let mut sent = 6; // "<html>"
        while sent < length {
            let n = CHUNK
                .len()
                .min(usize::try_from(length - sent).unwrap_or(usize::MAX));
            match stream.write(&CHUNK[..n]) {
                Ok(0) | Err(_) => break,
                Ok(written) => sent += written as u64,
            }
        }
        sent
    });
    (url, server)
}

/// Waits for the server without blocking the runtime, whose tasks close the
/// client's side of the connection.
async fn bytes_sent(server: JoinHandle<u64>) -> u64 {
    tokio::task::spawn_blocking(move || server.join().unwrap())
        .await
        .unwrap()
}

fn read_request_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
}

#[test]
fn a_hundred_megabyte_error_body_is_read_up_to_the_bound() {
    measured(async {
        for framing in [Framing::ContentLength, Framing::UntilClose] {
            let (url, server) =
                stream_body("502 Bad Gateway", "retry-after: 7\r\n", HUNDRED_MB, framing);
            let (growth, result) = peak_growth(async {
                let response = reqwest::get(&url).await.unwrap();
                from_response::<Value, GatewayError>(response).await
            })
            .await;
            match result {
                Err(ClientError::Malformed(response)) => {
                    assert_eq!(response.status, 502);
                    assert_eq!(response.reason, MalformedReason::TooLarge { limit: 65_536 });
                    assert_eq!(response.retry_after, Some(Duration::from_secs(7)));
                    assert_eq!(response.raw.len(), 65_536);
                    assert!(response.raw.starts_with("<html>xxx"));
                    assert!(
                        response
                            .to_string()
                            .starts_with("502 Bad Gateway with a body over the 65536-byte limit"),
                        "{response}"
                    );
                }
                other => panic!("{other:?}"),
            }
            // The body kept (64 KiB, and its copy as text), hyper's read buffer
            // and the connection's own state: well under a megabyte, against the
            // 100 MB the server offered.
            eprintln!("100 MB body: peak heap growth {growth} bytes");
            assert!(growth < MIB, "the client's heap grew by {growth} bytes");
            // The client closed the connection: the server could write no more
            // than what the sockets' buffers hold.
            let sent = bytes_sent(server).await;
            eprintln!("server wrote {sent} bytes");
            assert!(sent < HUNDRED_MB / 4, "the server wrote {sent} bytes");
        }
    });
}

#[test]
fn the_bound_is_the_readers() {
    measured(async {
        let reader = Reader::with_max_error_body(4 * MIB);
        let (url, server) = stream_body(
            "503 Service Unavailable",
            "date: Wed, 21 Oct 2026 07:28:00 GMT\r\nretry-after: Wed, 21 Oct 2026 07:28:45 GMT\r\n",
            HUNDRED_MB,
            Framing::ContentLength,
        );
        let (growth, result) = peak_growth(async {
            let response = reqwest::get(&url).await.unwrap();
            reader.from_response::<Value, GatewayError>(response).await
        })
        .await;
        let Err(ClientError::Malformed(response)) = result else {
            panic!("{result:?}");
        };
        assert_eq!(response.status, 503);
        assert_eq!(
            response.reason,
            MalformedReason::TooLarge { limit: 4 * MIB }
        );
        assert_eq!(response.retry_after, Some(Duration::from_secs(45)));
        assert_eq!(response.raw.len(), 4 * MIB);
        // The 4 MiB kept and its copy as text, and the rest as above.
        eprintln!("4 MiB bound: peak heap growth {growth} bytes");
        assert!(growth < 9 * MIB, "the client's heap grew by {growth} bytes");
        assert!(
            growth > 8 * MIB,
            "the meter missed the body: {growth} bytes"
        );
        assert!(bytes_sent(server).await < HUNDRED_MB / 4);
    });
}

#[test]
fn a_body_within_the_bound_is_read_whole() {
    measured(async {
        let (url, server) = stream_body("502 Bad Gateway", "", 65_536, Framing::ContentLength);
        let response = reqwest::get(&url).await.unwrap();
        match from_response::<Value, GatewayError>(response).await {
            Err(ClientError::Malformed(response)) => {
                assert_eq!(response.reason, MalformedReason::NotJson);
                assert_eq!(response.raw.len(), 65_536);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(bytes_sent(server).await, 65_536);
    });
}

//! A library's loans API over gRPC, with a report too long for one body:
//! the rich details carry what the envelope body lists, and the members the
//! body format writes itself (`errors_omitted`, `request_id`, `debug`) never
//! become `ErrorInfo` metadata.

use api_error::client::{decode_status, ClientError};
use api_error::tonic::ApiErrorLayer;
use api_error::{ApiError, FieldError, FieldErrors, Format, Mode, MAX_FIELD_ERRORS};
use http::uri::PathAndQuery;
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::{ready, Future, Ready};
use std::pin::Pin;
use std::task::{Context, Poll};
use tonic::server::{NamedService, UnaryService};
use tonic::transport::Channel;
use tonic::{Code, Request, Response, Status};
use tonic_prost::ProstCodec;
use tonic_types::StatusExt;

/// The loans API's errors.
#[derive(Debug, ApiError)]
#[api(decode, domain = "loans.example.com")]
enum LoansError {
    /// Some loans of a batch return cannot be taken back.
    #[api(
        status = 422,
        code = "returns_rejected",
        message = "Some returns were rejected"
    )]
    ReturnsRejected {
        #[api(extra)]
        batch: String,
        #[api(errors)]
        errors: FieldErrors,
    },

    /// The catalog could not be reached.
    #[api(status = 500, code = "catalog_down", message = "The catalog is down")]
    CatalogDown {
        #[api(debug)]
        shelf: u32,
        #[api(source)]
        cause: std::io::Error,
    },
}

const BOOKS: usize = 150;

/// One rejected return per book of the batch.
fn rejections(books: usize) -> FieldErrors {
    (0..books)
        .map(|book| {
            FieldError::new(
                format!("loans[{book}].barcode"),
                format!("Book {book} is not on loan"),
            )
            .with_code("not_on_loan")
        })
        .collect()
}

/// The service: `ReturnBatch` rejects every book of a 150-book batch,
/// `Renew` finds the catalog down.
#[derive(Clone)]
struct Loans;

impl NamedService for Loans {
    const NAME: &'static str = "loans.v1.Loans";
}

/// One method of the service: it always fails with its error.
struct Fails(fn() -> LoansError);

impl UnaryService<()> for Fails {
    type Response = ();
    type Future = Ready<Result<Response<()>, Status>>;

    fn call(&mut self, _request: Request<()>) -> Self::Future {
        ready(Err((self.0)().into()))
    }
}

impl tower::Service<http::Request<tonic::body::Body>> for Loans {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let method = match request.uri().path() {
            "/loans.v1.Loans/ReturnBatch" => Fails(|| LoansError::ReturnsRejected {
                batch: "batch_7".into(),
                errors: rejections(BOOKS),
            }),
            _ => Fails(|| LoansError::CatalogDown {
                shelf: 12,
                cause: std::io::Error::other("connection refused"),
            }),
        };
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<(), ()>::default());
            Ok(grpc.unary(method, request).await)
        })
    }
}

async fn start() -> tonic::client::Grpc<Channel> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(
        tonic::transport::Server::builder()
            .layer(ApiErrorLayer::new().mode(Mode::Test))
            .add_service(Loans)
            .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
    );
    let channel = Channel::from_shared(format!("http://{address}"))
        .unwrap()
        .connect()
        .await
        .unwrap();
    tonic::client::Grpc::new(channel)
}

/// Calls `method` with `x-debug: true`, as a test client asking for the
/// debug block does, and returns the status it fails with.
async fn fail(client: &mut tonic::client::Grpc<Channel>, method: &'static str) -> Status {
    client.ready().await.unwrap();
    let mut request = Request::new(());
    request
        .metadata_mut()
        .insert("x-debug", "true".parse().unwrap());
    client
        .unary::<(), (), _>(
            request,
            PathAndQuery::from_static(method),
            ProstCodec::default(),
        )
        .await
        .expect_err("every call fails")
}

#[tokio::test]
async fn a_report_over_the_bound_sends_the_listed_violations_and_no_layout_members() {
    let mut client = start().await;
    let status = fail(&mut client, "/loans.v1.Loans/ReturnBatch").await;
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.message(), "Some returns were rejected");

    // The HTTP body of the same error lists 100 and counts the rest.
    let sent = LoansError::ReturnsRejected {
        batch: "batch_7".into(),
        errors: rejections(BOOKS),
    };
    let body: serde_json::Value = serde_json::from_str(&sent.to_json(Format::Envelope)).unwrap();
    assert_eq!(body["error"]["errors_omitted"], BOOKS - MAX_FIELD_ERRORS);

    let details = status.check_error_details().expect("the details decode");
    let info = details.error_info().expect("an ErrorInfo");
    assert_eq!(info.reason, "RETURNS_REJECTED");
    assert_eq!(info.domain, "loans.example.com");
    assert_eq!(
        info.metadata,
        HashMap::from([("batch".to_owned(), "batch_7".to_owned())]),
        "only the extras are metadata"
    );

    let violations = &details
        .bad_request()
        .expect("a BadRequest")
        .field_violations;
    assert_eq!(violations.len(), MAX_FIELD_ERRORS);
    for (book, violation) in violations.iter().enumerate() {
        assert_eq!(violation.field, format!("loans[{book}].barcode"));
        assert_eq!(violation.description, format!("Book {book} is not on loan"));
        assert_eq!(violation.reason, "not_on_loan");
    }
    assert!(details.request_info().is_some(), "the layer's request id");

    // The decoder reads back what the status lists.
    match decode_status::<LoansError>(&status) {
        ClientError::Api(LoansError::ReturnsRejected { batch, errors }, None) => {
            assert_eq!(batch, "batch_7");
            assert_eq!(
                errors.as_slice(),
                &rejections(BOOKS).as_slice()[..MAX_FIELD_ERRORS]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_server_error_keeps_its_request_id_and_debug_block_out_of_metadata() {
    let mut client = start().await;
    let status = fail(&mut client, "/loans.v1.Loans/Renew").await;
    assert_eq!(status.code(), Code::Internal);
    let details = status.check_error_details().expect("the details decode");
    let info = details.error_info().expect("an ErrorInfo");
    assert_eq!(info.reason, "CATALOG_DOWN");
    assert!(info.metadata.is_empty(), "{:?}", info.metadata);
    // Both are sent, each in its own detail.
    let request_id = &details.request_info().expect("a RequestInfo").request_id;
    assert!(request_id.starts_with("req_"), "{request_id}");
    let debug = details.debug_info().expect("a DebugInfo in test mode");
    assert!(debug.detail.contains("\"shelf\":12"), "{}", debug.detail);

    match decode_status::<LoansError>(&status) {
        // A source cannot be rebuilt: the status comes back whole.
        ClientError::Unknown(body) => {
            assert_eq!(body.code.as_deref(), Some("catalog_down"));
            assert!(body.members.is_empty(), "{:?}", body.members);
            assert_eq!(body.request_id.as_deref(), Some(request_id.as_str()));
        }
        other => panic!("{other:?}"),
    }
}

/// A hand-written `ApiError` reaches gRPC through the same model: its
/// members are `ErrorInfo` metadata and its `errors` the violations.
#[test]
fn a_hand_written_error_carries_its_members_over_grpc() {
    use api_error::model::{MemberVisitor, Stop, Value};
    use api_error::StatusCode;
    use std::fmt;

    #[derive(Debug, thiserror::Error)]
    #[error("hold queue full for {isbn}")]
    struct HoldQueueFull {
        isbn: String,
        waiting: u32,
    }

    impl ApiError for HoldQueueFull {
        fn status(&self) -> StatusCode {
            StatusCode::CONFLICT
        }
        fn code(&self) -> &'static str {
            "hold_queue_full"
        }
        fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("The hold queue is full")
        }
        fn domain(&self) -> Option<&'static str> {
            Some("loans.example.com")
        }
        fn visit_members(&self, visitor: &mut dyn MemberVisitor) -> Result<(), Stop> {
            visitor.member("isbn", Value::new(&self.isbn))?;
            visitor.member("waiting", Value::new(&self.waiting))?;
            visitor.errors(&[FieldError::new("isbn", "Too many holds")])
        }
    }

    let error = HoldQueueFull {
        isbn: "978-0".into(),
        waiting: 40,
    };
    let status = api_error::tonic::status(&error, &api_error::ErrorContext::new());
    assert_eq!(status.code(), Code::AlreadyExists);
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "HOLD_QUEUE_FULL");
    assert_eq!(info.domain, "loans.example.com");
    assert_eq!(
        info.metadata,
        HashMap::from([
            ("isbn".to_owned(), "978-0".to_owned()),
            ("waiting".to_owned(), "40".to_owned())
        ])
    );
    let violations = status.get_details_bad_request().unwrap().field_violations;
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].field, "isbn");
    assert_eq!(violations[0].description, "Too many holds");
}

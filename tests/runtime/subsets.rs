//! `#[api(subset(...))]`: a narrowed error of an enum, with the enum's
//! status, code, message, format and decoder for the variants it keeps, and
//! conversions both ways.

use api_error::client::{decode, ClientError};
use api_error::{ApiError, Catalog, FieldErrors, Format};
use std::error::Error as _;
use std::time::Duration;

/// The errors of the clients API.
#[derive(Debug, Clone, PartialEq, ApiError)]
#[api(format = "flat", decode, doc_base = "https://docs.example.com/errors")]
#[api(subset(#[derive(Clone, PartialEq)] pub CreateClientError = Duplicate | Validation | RateLimited))]
#[api(subset(
    /// What reading a client can answer.
    #[derive(Clone, PartialEq)]
    pub GetClientError = NotFound
))]
pub enum ClientsError {
    /// The email is taken.
    #[api(
        status = 409,
        code = "duplicate_email",
        message = "A client with email {email} already exists"
    )]
    Duplicate {
        /// The email asked for.
        #[api(extra)]
        email: String,
    },

    #[api(status = 404, code = "not_found", message = "Client not found")]
    NotFound,

    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] FieldErrors),

    #[api(status = 429, code = "rate_limited", message = "Too many requests")]
    RateLimited {
        #[api(retry_after)]
        retry_after: Duration,
    },
}

/// An enum whose variants hold a source, and a subset that keeps one.
#[derive(Debug, ApiError)]
#[api(subset(pub(crate) StorageError = Disk))]
pub enum ServerError {
    #[api(status = 500, code = "disk", message = "Storage failed")]
    Disk(#[api(source)] std::io::Error),

    #[api(status = 503, code = "unavailable", message = "Try again later")]
    Unavailable,
}

fn create_errors() -> Vec<CreateClientError> {
    let mut errors = FieldErrors::new();
    errors.push("email", "Invalid email format");
    vec![
        CreateClientError::Duplicate {
            email: "ada@example.com".into(),
        },
        CreateClientError::Validation(errors),
        CreateClientError::RateLimited {
            retry_after: Duration::from_secs(30),
        },
    ]
}

#[test]
fn a_subset_renders_as_its_enum_does() {
    for error in create_errors() {
        let parent = ClientsError::from(error.clone());
        assert_eq!(error.status(), parent.status());
        assert_eq!(error.code(), parent.code());
        assert_eq!(error.to_string(), parent.to_string());
        assert_eq!(error.retry_after(), parent.retry_after());
        for format in Format::ALL {
            assert_eq!(error.to_json(format), parent.to_json(format), "{format:?}");
        }
    }
    assert_eq!(
        GetClientError::NotFound.to_json(Format::Flat),
        r#"{"error":"Not Found","message":"Client not found","doc_url":"https://docs.example.com/errors#not_found"}"#
    );
}

#[test]
fn a_subset_converts_into_its_enum_and_back() {
    for error in create_errors() {
        let parent = ClientsError::from(error.clone());
        assert_eq!(CreateClientError::try_from(parent), Ok(error));
    }
    assert_eq!(
        CreateClientError::try_from(ClientsError::NotFound),
        Err(ClientsError::NotFound)
    );
    assert_eq!(
        GetClientError::try_from(ClientsError::NotFound),
        Ok(GetClientError::NotFound)
    );

    fn create(email: &str) -> Result<(), CreateClientError> {
        Err(CreateClientError::Duplicate {
            email: email.to_owned(),
        })
    }
    fn handler() -> Result<(), ClientsError> {
        create("ada@example.com")?;
        Ok(())
    }
    assert_eq!(
        handler(),
        Err(ClientsError::Duplicate {
            email: "ada@example.com".into()
        })
    );
}

#[test]
fn a_subset_keeps_its_variants_sources() {
    let error = StorageError::Disk(std::io::Error::other("no space left"));
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("no space left")
    );
    let parent = ServerError::from(error);
    assert!(matches!(parent, ServerError::Disk(_)));
    assert!(StorageError::try_from(ServerError::Unavailable).is_err());
}

#[test]
fn a_subset_catalog_lists_its_variants_with_the_enums_entries() {
    let theirs: Vec<_> = ClientsError::catalog().entries().collect();
    let ours: Vec<_> = CreateClientError::catalog().entries().collect();
    assert_eq!(
        ours.iter().map(|entry| entry.variant).collect::<Vec<_>>(),
        ["Duplicate", "Validation", "RateLimited"]
    );
    for entry in &ours {
        let same = theirs.iter().find(|e| e.variant == entry.variant).unwrap();
        assert_eq!(entry.type_name, "CreateClientError");
        assert_eq!(
            (entry.status, entry.grpc, entry.code, entry.message),
            (same.status, same.grpc, same.code, same.message)
        );
        assert_eq!(
            (
                entry.field,
                entry.doc_url,
                entry.extras,
                entry.errors,
                entry.retry_after
            ),
            (
                same.field,
                same.doc_url,
                same.extras,
                same.errors,
                same.retry_after
            )
        );
        assert_eq!(entry.description, same.description);
    }
    assert_eq!(
        GetClientError::catalog().description,
        "What reading a client can answer."
    );
}

#[test]
fn a_subset_decodes_its_own_codes_and_no_other() {
    for error in create_errors() {
        let response = api_error::ErrorContext::new().response(&error);
        let back =
            decode::<CreateClientError>(response.status(), response.headers(), response.body());
        assert_eq!(back, ClientError::Api(error.clone(), error.retry_after()));
    }
    let response = api_error::ErrorContext::new().response(&ClientsError::NotFound);
    let back = decode::<CreateClientError>(response.status(), response.headers(), response.body());
    let ClientError::Unknown(body) = back else {
        panic!("decoded {back:?}");
    };
    assert_eq!(body.raw.as_bytes(), response.body().as_slice());
    let back = decode::<GetClientError>(response.status(), response.headers(), response.body());
    assert_eq!(back, ClientError::Api(GetClientError::NotFound, None));
}

/// An enum whose Display is thiserror's, with a `#[from]` source.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(subset(pub LookupError = Missing), subset(pub IoError = Io))]
pub enum StoreError {
    #[error("no row {0}")]
    #[api(status = 404, code = "missing")]
    Missing(u32),

    #[error("storage failed")]
    #[api(status = 500, code = "io")]
    Io(#[from] std::io::Error),
}

#[test]
fn a_subset_of_a_thiserror_enum_keeps_its_display_and_from() {
    let error = LookupError::Missing(3);
    assert_eq!(error.to_string(), "no row 3");
    assert_eq!(
        error.to_json(Format::Envelope),
        StoreError::Missing(3).to_json(Format::Envelope)
    );

    fn read() -> Result<(), IoError> {
        Err(std::io::Error::other("disk full"))?;
        Ok(())
    }
    let error = read().unwrap_err();
    assert_eq!(error.to_string(), "storage failed");
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
}

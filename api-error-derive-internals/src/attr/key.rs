//! Every key `#[api(...)]` takes, listed once: its name, and where it goes.

/// A key of an `#[api(...)]` on a type, a variant, or a struct (which takes
/// both sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKey {
    Format,
    DocBase,
    Status,
    Crate,
    Decode,
    Domain,
    Axum,
    ActixWeb,
    Utoipa,
    Tonic,
    Aide,
    Locales,
    Code,
    Message,
    Field,
    DocUrl,
    Transparent,
    ShareCode,
    Grpc,
    Location,
    Subset,
}

impl ItemKey {
    /// Every item key, in the order messages list them.
    pub const ALL: [ItemKey; 21] = [
        ItemKey::Format,
        ItemKey::DocBase,
        ItemKey::Status,
        ItemKey::Crate,
        ItemKey::Decode,
        ItemKey::Domain,
        ItemKey::Axum,
        ItemKey::ActixWeb,
        ItemKey::Utoipa,
        ItemKey::Tonic,
        ItemKey::Aide,
        ItemKey::Locales,
        ItemKey::Code,
        ItemKey::Message,
        ItemKey::Field,
        ItemKey::DocUrl,
        ItemKey::Transparent,
        ItemKey::ShareCode,
        ItemKey::Grpc,
        ItemKey::Location,
        ItemKey::Subset,
    ];

    /// The key as it is written.
    pub const fn name(self) -> &'static str {
        match self {
            ItemKey::Format => "format",
            ItemKey::DocBase => "doc_base",
            ItemKey::Status => "status",
            ItemKey::Crate => "crate",
            ItemKey::Decode => "decode",
            ItemKey::Domain => "domain",
            ItemKey::Axum => "axum",
            ItemKey::ActixWeb => "actix_web",
            ItemKey::Utoipa => "utoipa",
            ItemKey::Tonic => "tonic",
            ItemKey::Aide => "aide",
            ItemKey::Locales => "locales",
            ItemKey::Code => "code",
            ItemKey::Message => "message",
            ItemKey::Field => "field",
            ItemKey::DocUrl => "doc_url",
            ItemKey::Transparent => "transparent",
            ItemKey::ShareCode => "share_code",
            ItemKey::Grpc => "grpc",
            ItemKey::Location => "location",
            ItemKey::Subset => "subset",
        }
    }

    /// Whether the key goes on the type (an enum, or a struct).
    pub const fn on_type(self) -> bool {
        matches!(
            self,
            ItemKey::Format
                | ItemKey::DocBase
                | ItemKey::Status
                | ItemKey::Crate
                | ItemKey::Decode
                | ItemKey::Domain
                | ItemKey::Axum
                | ItemKey::ActixWeb
                | ItemKey::Utoipa
                | ItemKey::Tonic
                | ItemKey::Aide
                | ItemKey::Locales
                | ItemKey::Subset
        )
    }

    /// Whether the key goes on a variant (or a struct).
    pub const fn on_variant(self) -> bool {
        matches!(
            self,
            ItemKey::Status
                | ItemKey::Code
                | ItemKey::Message
                | ItemKey::Field
                | ItemKey::DocUrl
                | ItemKey::Transparent
                | ItemKey::ShareCode
                | ItemKey::Grpc
                | ItemKey::Location
        )
    }
}

/// A key of an `#[api(...)]` on a field: the role it gives the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey {
    Extra,
    Field,
    RetryAfter,
    Errors,
    Debug,
    Source,
}

impl FieldKey {
    /// Every field key, in the order messages list them.
    pub const ALL: [FieldKey; 6] = [
        FieldKey::Extra,
        FieldKey::Field,
        FieldKey::RetryAfter,
        FieldKey::Errors,
        FieldKey::Debug,
        FieldKey::Source,
    ];

    /// The key as it is written.
    pub const fn name(self) -> &'static str {
        match self {
            FieldKey::Extra => "extra",
            FieldKey::Field => "field",
            FieldKey::RetryAfter => "retry_after",
            FieldKey::Errors => "errors",
            FieldKey::Debug => "debug",
            FieldKey::Source => "source",
        }
    }
}

//! The `utoipa` feature: derived types as `IntoResponses`.

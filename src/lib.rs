pub use api_error_core::{reason_phrase, ApiError, FieldError, FieldErrors, Format, RenderOptions, StatusCode, MASKED_MESSAGE};
pub use api_error_derive::ApiError;

#[doc(hidden)]
pub mod __private {
    pub use api_error_core::__private::*;
}

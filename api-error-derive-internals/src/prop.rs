//! Queries on the model that several stages ask.

use crate::fmt::TemplateKind;
use crate::model::Message;

/// The message of a masked 5xx.
pub use api_error_wire::MASKED_MESSAGE;

/// The message of a variant when it does not depend on the value.
pub fn static_message(message: &Message) -> Option<&str> {
    match message {
        Message::Masked => Some(MASKED_MESSAGE),
        Message::Template(template) => match &template.kind {
            TemplateKind::Static(message) => Some(message),
            TemplateKind::Dynamic { .. } => None,
        },
        Message::Display => None,
    }
}

/// Whether `ty` is written as an `Option<...>`: an optional source.
pub fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Option"),
        _ => false,
    }
}

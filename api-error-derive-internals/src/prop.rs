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

/// Whether `ty` is written as a type whose members the runtime writes
/// without serde: a string (`String`, `str`, `&str`, `Box<str>`,
/// `Cow<str>`), an integer up to 64 bits, `bool`, `char`, or an `Option`
/// of one. Only a hint: the call it picks resolves to the serde path for a
/// type of another name, so a type alias or a type of the same name writes
/// what its `Serialize` writes.
pub fn is_direct(ty: &syn::Type) -> bool {
    const SCALARS: [&str; 14] = [
        "String", "str", "bool", "char", "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32",
        "i64", "isize",
    ];
    match ty {
        syn::Type::Group(group) => is_direct(&group.elem),
        syn::Type::Paren(paren) => is_direct(&paren.elem),
        syn::Type::Reference(reference) => is_str(&reference.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let Some(segment) = path.path.segments.last() else {
                return false;
            };
            let name = segment.ident.to_string();
            match name.as_str() {
                "Option" => only_arg(&segment.arguments).is_some_and(is_direct),
                "Box" | "Cow" => only_arg(&segment.arguments).is_some_and(is_str),
                _ => segment.arguments.is_none() && SCALARS.contains(&name.as_str()),
            }
        }
        _ => false,
    }
}

/// The one type argument of `Option<T>`, `Box<T>` and the like.
fn only_arg(arguments: &syn::PathArguments) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(args) = arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    });
    match (types.next(), types.next()) {
        (Some(ty), None) => Some(ty),
        _ => None,
    }
}

/// Whether `ty` is written `str`.
fn is_str(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.qself.is_none() && path.path.is_ident("str"))
}

#[cfg(test)]
mod tests {
    use super::is_direct;

    #[test]
    fn direct_types_as_written() {
        for direct in [
            "String",
            "std::string::String",
            "&'a str",
            "&str",
            "Box<str>",
            "Cow<'a, str>",
            "std::borrow::Cow<'static, str>",
            "char",
            "bool",
            "u8",
            "usize",
            "i64",
            "Option<String>",
            "Option<Option<u32>>",
            "core::option::Option<&'a str>",
        ] {
            let ty: syn::Type = syn::parse_str(direct).unwrap();
            assert!(is_direct(&ty), "{direct}");
        }
        for other in [
            "u128",
            "f64",
            "T",
            "Alias",
            "Vec<String>",
            "Box<String>",
            "&String",
            "Option<T>",
            "Option<f32>",
            "Cow<'a, [u8]>",
            "<T as Trait>::String",
            "(String, u8)",
        ] {
            let ty: syn::Type = syn::parse_str(other).unwrap();
            assert!(!is_direct(&ty), "{other}");
        }
    }
}

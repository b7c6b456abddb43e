//! The rule and parameters of each error of a garde report: an
//! [`I18n`](garde::i18n::I18n) handler that writes them in its message,
//! before garde's own English, and the reading of it.

use crate::FieldError;
use garde::i18n::{
    DefaultI18n, I18n, InvalidCreditCard, InvalidEmail, InvalidPhoneNumber, InvalidUrl, IpKind,
};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Display;

/// Starts a message the handler wrote; ends its rule part.
const MARK: char = '\u{0}';
/// Starts a parameter.
const PARAM: char = '\u{1}';
/// Ends a parameter's name.
const VALUE: char = '\u{2}';

pub(super) struct Recorder;

/// `message`, garde's own, with the rule and its parameters before it.
fn record(rule: &str, params: &[(&str, &dyn Display)], message: &str) -> Cow<'static, str> {
    let mut out = String::with_capacity(rule.len() + message.len() + 16);
    out.push(MARK);
    out.push_str(rule);
    for (name, value) in params {
        out.push(PARAM);
        out.push_str(name);
        out.push(VALUE);
        // A parameter's text never holds the marks: drop them.
        let text = value.to_string();
        out.extend(text.chars().filter(|c| ![MARK, PARAM, VALUE].contains(c)));
    }
    out.push(MARK);
    out.push_str(message);
    Cow::Owned(out)
}

/// The field error of a message of garde's report: with its rule and
/// parameters when the handler wrote it, else (a custom rule's) the
/// message as it is.
pub(super) fn field_error(message: &str) -> FieldError {
    let Some((head, text)) = message
        .strip_prefix(MARK)
        .and_then(|rest| rest.split_once(MARK))
    else {
        return FieldError::new(String::new(), message.to_owned());
    };
    let mut parts = head.split(PARAM);
    let rule = parts.next().unwrap_or_default().to_owned();
    let mut error = FieldError::new(String::new(), text.to_owned()).with_rule(rule);
    for param in parts {
        let (name, value) = param.split_once(VALUE).unwrap_or((param, ""));
        error = error.with_param(name.to_owned(), param_value(value));
    }
    error
}

/// A parameter as a number when its text is one (a length, a
/// range's bound), else as text.
fn param_value(text: &str) -> Value {
    match serde_json::from_str::<serde_json::Number>(text) {
        Ok(number) => Value::Number(number),
        Err(_) => Value::String(text.to_owned()),
    }
}

macro_rules! recorded {
    ($($rule:ident($($param:ident: $ty:ty as $name:literal),*);)*) => {
        impl I18n for Recorder {
            $(
                fn $rule(&self, $($param: $ty),*) -> Cow<'static, str> {
                    let message = DefaultI18n.$rule($($param),*);
                    record(stringify!($rule), &[$(($name, &$param)),*], &message)
                }
            )*
        }
    };
}

recorded! {
    length_lower_than(min: usize as "min");
    length_greater_than(max: usize as "max");
    range_lower_than(min: &dyn Display as "min");
    range_greater_than(max: &dyn Display as "max");
    credit_card_invalid(reason: InvalidCreditCard as "reason");
    pattern_no_match(pattern: &dyn Display as "pattern");
    contains_missing(pattern: &dyn Display as "pattern");
    url_invalid(reason: InvalidUrl as "reason");
    prefix_missing(pattern: &dyn Display as "pattern");
    suffix_missing(pattern: &dyn Display as "pattern");
    phone_number_invalid(reason: InvalidPhoneNumber as "reason");
    ip_invalid(kind: IpKind as "kind");
    matches_field_mismatch(other: &dyn Display as "other");
    email_invalid(reason: InvalidEmail as "reason");
    ascii_invalid();
    alphanumeric_invalid();
    required_not_set();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_message_gives_back_its_rule_parameters_and_text() {
        let message = Recorder.range_lower_than(&2.5);
        let error = field_error(&message);
        assert_eq!(error.message, "lower than 2.5");
        assert_eq!(error.rule.as_deref(), Some("range_lower_than"));
        assert_eq!(error.params, [("min".into(), serde_json::json!(2.5))]);
        let message = Recorder.pattern_no_match(&"^\u{0}a\u{1}b$");
        let error = field_error(&message);
        assert_eq!(
            error.params,
            [("pattern".into(), serde_json::json!("^ab$"))]
        );
        assert_eq!(error.message, "does not match pattern /^\u{0}a\u{1}b$/");
        // A custom rule's message is kept as it is.
        let error = field_error("must be even");
        assert_eq!((error.message.as_ref(), error.rule), ("must be even", None));
    }
}

//! Bodies computed at compile time, for variants whose body does not depend
//! on the value. The bytes match what the runtime renderer (serde_json)
//! writes for the same error.

/// The canonical reason phrase of a status, as the `http` crate spells it;
/// unregistered statuses read "Client Error" / "Server Error".
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ if status >= 500 => "Server Error",
        _ => "Client Error",
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What a constant body holds.
pub struct ConstBody<'a> {
    pub status: u16,
    pub code: &'a str,
    pub message: &'a str,
    pub field: Option<&'a str>,
    pub doc_url: Option<&'a str>,
}

impl ConstBody<'_> {
    fn member(out: &mut String, name: &str, value: &str) {
        out.push(',');
        push_str(out, name);
        out.push(':');
        push_str(out, value);
    }

    fn tail(&self, out: &mut String, with_doc_url: bool) {
        if let Some(field) = self.field {
            Self::member(out, "field", field);
        }
        if with_doc_url {
            if let Some(doc_url) = self.doc_url {
                Self::member(out, "doc_url", doc_url);
            }
        }
    }

    pub fn envelope(&self) -> String {
        let mut out = String::from("{\"error\":{\"code\":");
        push_str(&mut out, self.code);
        Self::member(&mut out, "message", self.message);
        self.tail(&mut out, true);
        out.push_str("}}");
        out
    }

    pub fn flat(&self) -> String {
        let mut out = String::from("{\"error\":");
        push_str(&mut out, reason_phrase(self.status));
        Self::member(&mut out, "message", self.message);
        self.tail(&mut out, true);
        out.push('}');
        out
    }

    pub fn problem(&self) -> String {
        let mut out = String::from("{\"type\":");
        push_str(&mut out, self.doc_url.unwrap_or("about:blank"));
        Self::member(&mut out, "title", reason_phrase(self.status));
        out.push_str(&format!(",\"status\":{}", self.status));
        Self::member(&mut out, "detail", self.message);
        Self::member(&mut out, "code", self.code);
        self.tail(&mut out, false);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::reason_phrase;

    #[test]
    fn reason_phrases_match_http() {
        for code in 400..=599u16 {
            let status = http::StatusCode::from_u16(code).unwrap();
            let expected = status.canonical_reason().unwrap_or(if code >= 500 {
                "Server Error"
            } else {
                "Client Error"
            });
            assert_eq!(reason_phrase(code), expected, "status {code}");
        }
    }
}

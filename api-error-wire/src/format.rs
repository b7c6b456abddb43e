/// The wire format of an error body.
///
/// Every derived type has a default format (`#[api(format = "...")]`,
/// envelope when absent); any error renders in any format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// `{"error":{"code":...,"message":...,"field":...,"doc_url":...}}`, served as
    /// `application/json`.
    #[default]
    Envelope,
    /// `{"error":"<reason phrase>","message":...}`, served as `application/json`.
    Flat,
    /// RFC 9457 problem details: `type`, `title`, `status`, `detail`, then `code`
    /// and the other members as extension members, served as
    /// `application/problem+json`.
    Problem,
}

impl Format {
    /// All formats, in declaration order.
    pub const ALL: [Format; 3] = [Format::Envelope, Format::Flat, Format::Problem];

    /// The `Content-Type` a body of this format is served with.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Envelope | Format::Flat => "application/json",
            Format::Problem => "application/problem+json",
        }
    }

    /// The name used in `#[api(format = "...")]`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Format::Envelope => "envelope",
            Format::Flat => "flat",
            Format::Problem => "problem",
        }
    }

    /// The format of a name used in `#[api(format = "...")]`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }

    /// Whether the body's members sit inside `{"error": ...}`.
    #[must_use]
    pub const fn is_nested(self) -> bool {
        matches!(self, Format::Envelope)
    }
}

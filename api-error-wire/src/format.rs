/// The wire format of an error body.
///
/// Every derived type has a default format (`#[api(format = "...")]`,
/// envelope when absent); any error renders in any format.
///
/// The first three are laid out member by member by [`walk`](crate::walk)
/// (their [`Layout`]); the other three, each from its published
/// specification, are written from the error's model by the runtime.
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
    /// JSON:API 1.1 error objects: `{"errors":[{"status":"404","code":...,
    /// "title":...,"detail":...,"source":{"pointer":...},"links":{"about":...},
    /// "meta":{...}}]}`, one more object per field error, served as
    /// `application/vnd.api+json`.
    JsonApi,
    /// Google's AIP-193 JSON: `{"error":{"code":404,"message":...,
    /// "status":"NOT_FOUND","details":[{"@type":...ErrorInfo,...}]}}`, with the
    /// details a gRPC status carries, served as `application/json`.
    Google,
    /// The Microsoft REST API guidelines' error: `{"error":{"code":...,
    /// "message":...,"target":...,"details":[...],"innererror":{...}}}`,
    /// served as `application/json`.
    Microsoft,
}

impl Format {
    /// All formats, in declaration order.
    pub const ALL: [Format; 6] = [
        Format::Envelope,
        Format::Flat,
        Format::Problem,
        Format::JsonApi,
        Format::Google,
        Format::Microsoft,
    ];

    /// The `Content-Type` a body of this format is served with.
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Envelope | Format::Flat | Format::Google | Format::Microsoft => {
                "application/json"
            }
            Format::Problem => "application/problem+json",
            Format::JsonApi => "application/vnd.api+json",
        }
    }

    /// The name used in `#[api(format = "...")]`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Format::Envelope => "envelope",
            Format::Flat => "flat",
            Format::Problem => "problem",
            Format::JsonApi => "json_api",
            Format::Google => "google",
            Format::Microsoft => "microsoft",
        }
    }

    /// The format of a name used in `#[api(format = "...")]`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }

    /// How a body of the format is written: laid out by the walk, or
    /// written from the model.
    #[must_use]
    pub const fn shape(self) -> Shape {
        match self {
            Format::Envelope => Shape::Walked(Layout::Envelope),
            Format::Flat => Shape::Walked(Layout::Flat),
            Format::Problem => Shape::Walked(Layout::Problem),
            Format::JsonApi => Shape::Modeled(Modeled::JsonApi),
            Format::Google => Shape::Modeled(Modeled::Google),
            Format::Microsoft => Shape::Modeled(Modeled::Microsoft),
        }
    }

    /// How [`walk`](crate::walk) lays the format out, for the three it
    /// writes member by member.
    #[must_use]
    pub const fn layout(self) -> Option<Layout> {
        match self.shape() {
            Shape::Walked(layout) => Some(layout),
            Shape::Modeled(_) => None,
        }
    }
}

/// How a body of a [`Format`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Member by member, by [`walk`](crate::walk).
    Walked(Layout),
    /// From the error's model, by the runtime.
    Modeled(Modeled),
}

/// A format written from the error's model: its members nest (JSON:API's
/// `meta`, Google's `details`, Microsoft's `innererror`), so no body of it
/// is a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modeled {
    /// [`Format::JsonApi`].
    JsonApi,
    /// [`Format::Google`].
    Google,
    /// [`Format::Microsoft`].
    Microsoft,
}

/// A format [`walk`](crate::walk) lays out member by member: one object of
/// members (nested in `{"error": ...}` for the envelope), each written once,
/// so a body that does not depend on its value is a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// [`Format::Envelope`].
    Envelope,
    /// [`Format::Flat`].
    Flat,
    /// [`Format::Problem`].
    Problem,
}

impl Layout {
    /// All layouts, in the order of their formats.
    pub const ALL: [Layout; 3] = [Layout::Envelope, Layout::Flat, Layout::Problem];

    /// The format laid out.
    #[must_use]
    pub const fn format(self) -> Format {
        match self {
            Layout::Envelope => Format::Envelope,
            Layout::Flat => Format::Flat,
            Layout::Problem => Format::Problem,
        }
    }

    /// Whether the body's members sit inside `{"error": ...}`.
    #[must_use]
    pub const fn is_nested(self) -> bool {
        matches!(self, Layout::Envelope)
    }
}

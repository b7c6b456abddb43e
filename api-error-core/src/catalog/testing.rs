//! Entries built by hand, for the unit tests: the derive builds its own in
//! one call of [`Entry::__of`].

use super::{Entry, ErrorCatalog, Extra, FieldMember, JsonType, Variant};
use crate::format::Format;

/// Builders that set one part at a time, which reads better in a test
/// than twelve positional arguments.
impl Entry {
    #[must_use]
    pub(crate) const fn __new(
        type_name: &'static str,
        variant: &'static str,
        status: u16,
        code: &'static str,
        message: &'static str,
    ) -> Self {
        Entry::__of(
            type_name,
            variant,
            status,
            code,
            message,
            "",
            "",
            "",
            &[],
            false,
            false,
            "",
        )
    }

    #[must_use]
    pub(crate) const fn __field(mut self, field: FieldMember) -> Self {
        self.field = Some(field);
        self
    }

    #[must_use]
    pub(crate) const fn __doc_url(mut self, doc_url: &'static str) -> Self {
        self.doc_url = Some(doc_url);
        self
    }

    #[must_use]
    pub(crate) const fn __extras(mut self, extras: &'static [Extra]) -> Self {
        self.extras = extras;
        self
    }

    #[must_use]
    pub(crate) const fn __errors(mut self) -> Self {
        self.errors = true;
        self
    }

    #[must_use]
    pub(crate) const fn __retry_after(mut self) -> Self {
        self.retry_after = true;
        self
    }
}

const INNER: &ErrorCatalog = &ErrorCatalog::__new(
    "Inner",
    "tests::Inner",
    Format::Envelope,
    "",
    &[Variant::Own(Entry::__new(
        "Inner", "Gone", 410, "gone", "Gone",
    ))],
);

pub(crate) const OUTER: &ErrorCatalog = &ErrorCatalog::__new(
    "Outer",
    "tests::Outer",
    Format::Flat,
    "The outer errors.",
    &[
        Variant::Own(
            Entry::__new("Outer", "Missing", 404, "not_found", "{what} not found")
                .__extras(&[Extra::__new("what", JsonType::String)]),
        ),
        Variant::Transparent {
            variant: "Inner",
            description: "",
            inner: INNER,
        },
        Variant::Own(Entry::__new("Outer", "Busy", 503, "busy", "Busy").__retry_after()),
    ],
);

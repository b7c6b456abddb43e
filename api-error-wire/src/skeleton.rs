//! A body's skeleton: the walk's literal text, and the places in it where
//! the runtime writes what depends on the value.

use crate::names;

/// A place in a skeleton, and the member the walk writes there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hole {
    /// The message's contents, inside the quotes of the text around it.
    Message,
    /// The `field` member, when the value has a field.
    Field,
    /// The value's members: extras, then the `errors` list.
    Members,
    /// `errors_omitted`, when the list left some out.
    ErrorsOmitted,
    /// A 5xx body's `request_id`, when the request has one.
    RequestId,
    /// The `debug` block, when it is shown.
    Debug,
}

impl Hole {
    /// Every hole, in the order of their bytes.
    pub const ALL: [Hole; 6] = [
        Hole::Message,
        Hole::Field,
        Hole::Members,
        Hole::ErrorsOmitted,
        Hole::RequestId,
        Hole::Debug,
    ];

    /// The number that stands for the hole in an [`encode`]d one.
    #[must_use]
    pub const fn byte(self) -> u8 {
        self as u8 + 1
    }

    /// The hole `byte` stands for.
    #[must_use]
    pub const fn of(byte: u8) -> Option<Hole> {
        match byte {
            1 => Some(Hole::Message),
            2 => Some(Hole::Field),
            3 => Some(Hole::Members),
            4 => Some(Hole::ErrorsOmitted),
            5 => Some(Hole::RequestId),
            6 => Some(Hole::Debug),
            _ => None,
        }
    }

    /// The name of the member written there (for the members, the name of
    /// the `errors` list); none for the message, whose name is in the text.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Hole::Message => "",
            Hole::Field => names::FIELD,
            Hole::Members => names::ERRORS,
            Hole::ErrorsOmitted => names::ERRORS_OMITTED,
            Hole::RequestId => names::REQUEST_ID,
            Hole::Debug => names::DEBUG,
        }
    }
}

/// A hole of a skeleton as the derive writes it: where in the text it is,
/// and which.
#[must_use]
pub const fn encode(at: usize, hole: Hole) -> u32 {
    ((at as u32) << 3) | hole.byte() as u32
}

/// Hands each literal run of a skeleton's `text` to `each` with the hole
/// after it (none after the last), in order. `holes` are [`encode`]d, in
/// the order of their places.
///
/// # Errors
///
/// The first error `each` returns, which stops the split.
#[inline]
pub fn for_each_piece<E>(
    text: &str,
    holes: &[u32],
    mut each: impl FnMut(&[u8], Option<Hole>) -> Result<(), E>,
) -> Result<(), E> {
    let text = text.as_bytes();
    let mut from = 0;
    for &hole in holes {
        let at = (hole >> 3) as usize;
        each(
            text.get(from..at).unwrap_or_default(),
            Hole::of((hole & 7) as u8),
        )?;
        from = at;
    }
    each(text.get(from..).unwrap_or_default(), None)
}

#[cfg(test)]
mod tests {
    use super::{encode, for_each_piece, Hole};

    #[test]
    fn bytes_and_holes_agree() {
        for hole in Hole::ALL {
            assert_eq!(Hole::of(hole.byte()), Some(hole));
        }
        assert_eq!(Hole::of(0), None);
        assert_eq!(Hole::of(b'{'), None);
    }

    #[test]
    fn a_skeleton_splits_at_its_holes() {
        let text = "{\"message\":\"\"}";
        let holes = [encode(12, Hole::Message), encode(13, Hole::Members)];
        let mut pieces = Vec::new();
        let done: Result<(), ()> = for_each_piece(text, &holes, |text, hole| {
            pieces.push((String::from_utf8(text.to_vec()).unwrap(), hole));
            Ok(())
        });
        assert_eq!(done, Ok(()));
        assert_eq!(
            pieces,
            [
                ("{\"message\":\"".to_owned(), Some(Hole::Message)),
                ("\"".to_owned(), Some(Hole::Members)),
                ("}".to_owned(), None),
            ]
        );
    }
}

//! Reading the fields a message template printed back out of a message.

/// One piece of a message template: literal text, or the field it reads.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Piece {
    Text(&'static str),
    Field,
}

/// The text each placeholder of `pieces` covers in `message`, in order, when
/// the message is an instance of the template: the shortest capture for each
/// placeholder in turn that lets the rest of the template match.
///
/// The message comes from the server, so the time this takes must not grow
/// faster than the message: every split is decided without backtracking, in
/// time linear in the message for a given template (a placeholder followed
/// by a literal ends at the literal's first occurrence, because the
/// placeholder after that literal can take whatever a later occurrence would
/// have skipped).
#[doc(hidden)]
pub fn captures<'m>(message: &'m str, pieces: &[Piece]) -> Option<Vec<&'m str>> {
    let mut out = Vec::new();
    let mut rest = message;
    let mut pieces = pieces;
    while let Some((piece, after)) = pieces.split_first() {
        match piece {
            Piece::Text(text) => rest = rest.strip_prefix(text)?,
            Piece::Field => {
                let end = field_end(rest, after)?;
                out.push(&rest[..end]);
                rest = &rest[end..];
            }
        }
        pieces = after;
    }
    rest.is_empty().then_some(out)
}

/// Where a placeholder at the start of `message` ends, given the pieces
/// `after` it: the shortest capture the rest of the template allows.
fn field_end(message: &str, after: &[Piece]) -> Option<usize> {
    let literals = after
        .iter()
        .take_while(|piece| matches!(piece, Piece::Text(_)))
        .count();
    let (literal, then) = after.split_at(literals);
    let length: usize = literal.iter().map(text_len).sum();
    match (literal.is_empty(), then.is_empty()) {
        // The last piece takes the rest of the message.
        (true, true) => Some(message.len()),
        // Another placeholder follows at once: it can take anything, so this
        // one takes nothing.
        (true, false) => Some(0),
        // Literal text ends the template: it must end the message.
        (false, true) => {
            let end = message.len().checked_sub(length)?;
            (message.is_char_boundary(end) && starts_with_all(&message[end..], literal))
                .then_some(end)
        }
        // Literal text, then another placeholder: its first occurrence.
        (false, false) => message
            .char_indices()
            .map(|(at, _)| at)
            .chain([message.len()])
            .find(|at| starts_with_all(&message[*at..], literal)),
    }
}

fn text_len(piece: &Piece) -> usize {
    match piece {
        Piece::Text(text) => text.len(),
        Piece::Field => 0,
    }
}

/// Whether `message` starts with the texts of `literal`, one after another.
fn starts_with_all(mut message: &str, literal: &[Piece]) -> bool {
    for piece in literal {
        if let Piece::Text(text) = piece {
            match message.strip_prefix(text) {
                Some(tail) => message = tail,
                None => return false,
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_with_backtracking() {
        let pieces = [Piece::Field, Piece::Text(" not found")];
        assert_eq!(captures("Client not found", &pieces), Some(vec!["Client"]));
        assert_eq!(
            captures("a not found b not found", &pieces),
            Some(vec!["a not found b"])
        );
        assert_eq!(captures("Client missing", &pieces), None);
        let pieces = [
            Piece::Text("Retry after "),
            Piece::Field,
            Piece::Text(" seconds."),
        ];
        assert_eq!(
            captures("Retry after 30 seconds.", &pieces),
            Some(vec!["30"])
        );
        let pieces = [
            Piece::Text("é "),
            Piece::Field,
            Piece::Text("/"),
            Piece::Field,
        ];
        assert_eq!(captures("é ü/ß", &pieces), Some(vec!["ü", "ß"]));
        assert_eq!(captures("", &[Piece::Field]), Some(vec![""]));
        let pieces = [Piece::Field, Piece::Text(" already exists")];
        assert_eq!(captures(" already exists", &pieces), Some(vec![""]));
    }

    /// The matcher `captures` replaced: every split tried, shortest first.
    /// Exponential in the number of placeholders, but the definition.
    fn backtracking<'m>(message: &'m str, pieces: &[Piece], out: &mut Vec<&'m str>) -> bool {
        match pieces.split_first() {
            None => message.is_empty(),
            Some((Piece::Text(text), rest)) => message
                .strip_prefix(text)
                .is_some_and(|tail| backtracking(tail, rest, out)),
            Some((Piece::Field, rest)) => {
                let ends = message
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([message.len()])
                    .filter(|end| !rest.is_empty() || *end == message.len());
                for end in ends {
                    out.push(&message[..end]);
                    if backtracking(&message[end..], rest, out) {
                        return true;
                    }
                    out.pop();
                }
                false
            }
        }
    }

    #[test]
    fn captures_agree_with_trying_every_split() {
        // SplitMix64: the same cases on every run.
        let mut state = 0x5eed_u64;
        let mut next = move |below: usize| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            ((z ^ (z >> 31)) % below as u64) as usize
        };
        const TEXTS: [&str; 7] = ["", "/", "a", "ab", "a/", "é", "/é/"];
        const CHARS: [&str; 4] = ["a", "b", "/", "é"];
        let mut matched = 0;
        for _ in 0..50_000 {
            let pieces: Vec<Piece> = (0..next(6))
                .map(|_| match next(3) {
                    0 => Piece::Field,
                    _ => Piece::Text(TEXTS[next(TEXTS.len())]),
                })
                .collect();
            let message: String = (0..next(9)).map(|_| CHARS[next(CHARS.len())]).collect();
            let mut expected = Vec::new();
            let expected = backtracking(&message, &pieces, &mut expected).then_some(expected);
            assert_eq!(
                captures(&message, &pieces),
                expected,
                "{message:?} {pieces:?}"
            );
            matched += usize::from(expected.is_some());
        }
        assert!(matched > 5_000, "only {matched} cases matched");
    }
}

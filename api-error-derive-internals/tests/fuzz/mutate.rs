//! Random edits of token trees: leaves replaced from pools of identifiers,
//! literals and punctuation, fragments of Rust and of `#[api(...)]`
//! inserted, groups cut, rewrapped and spliced.

use crate::harness::{tokens, Rng};
use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use std::str::FromStr;

pub const IDENTS: &[&str] = &[
    "format",
    "doc_base",
    "status",
    "crate",
    "code",
    "message",
    "field",
    "doc_url",
    "transparent",
    "share_code",
    "decode",
    "extra",
    "retry_after",
    "errors",
    "debug",
    "source",
    "from",
    "error",
    "api",
    "cfg",
    "deprecated",
    "doc",
    "Self",
    "self",
    "super",
    "true",
    "false",
    "where",
    "pub",
    "enum",
    "struct",
    "union",
    "type",
    "u64",
    "String",
    "Option",
    "Box",
    "T",
    "_",
    "__self_0",
    "__formatter",
    "__S",
    "ñandú",
    "Σφάλμα",
    "错误",
    "Über",
    "ʼn",
    "ﬁle",
];

pub const RAW_IDENTS: &[&str] = &[
    "type", "match", "async", "r#fn", "dyn", "try", "union", "status",
];

pub const LITERALS: &[&str] = &[
    "0",
    "399",
    "400",
    "404",
    "429",
    "503",
    "599",
    "600",
    "404u16",
    "404u8",
    "404i8",
    "404_u16",
    "4_04",
    "0x194",
    "0o624",
    "0b110010100",
    "65535",
    "65536",
    "4294967296",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "99999999999999999999999999999999999999999999999999999999999999999",
    "404usize",
    "404f32",
    "4.04",
    "404.0",
    "404e0",
    "1e400",
    "0.0",
    "1.5f32",
    "1f64",
    "'a'",
    "'\\n'",
    "'\\u{10FFFF}'",
    "'\"'",
    "b'x'",
    "b\"bytes\"",
    "br\"raw bytes\"",
    "c\"c string\"",
    "cr\"raw c\"",
    "r\"raw\"",
    "r#\"raw \"quoted\"\"#",
    "\"suffixed\"suffix",
    "\"404\"",
    "\"\"",
    "\"flat\"",
    "\"Flat\"",
    "\"problem\"",
    "\"envelope\"",
    "\"https://\"",
    "\"https://docs.example.com/errors\"",
    "\"https://x#y\"",
    "\"http:///\"",
    "\"ftp://x\"",
    "\"https://a b\"",
    "\"crate::x\"",
    "\"::\"",
    "\"a::<T>\"",
    "\"self\"",
    "\"(\"",
    "\"not_found\"",
    "\"NotFound\"",
    "\"Not-Found\"",
    "\"9lives\"",
    "\"dup\"",
    "\"code\"",
    "\"type\"",
    "\"display\"",
    "\"source_chain\"",
    "\"{\"",
    "\"}\"",
    "\"{{}}\"",
    "\"{}\"",
    "\"{0}\"",
    "\"{1}\"",
    "\"{0} {1} {2} {}\"",
    "\"{99999999999999999999}\"",
    "\"{x}\"",
    "\"{r#type}\"",
    "\"{ñandú}\"",
    "\"{x:>width$}\"",
    "\"{x:1$}\"",
    "\"{x:x$}\"",
    "\"{:.*}\"",
    "\"{0:?}\"",
    "\"{:#?}\"",
    "\"{x:0>5}\"",
    "\"{x:+e}\"",
    "\"{x:}\"",
    "\"{:}\"",
    "\"{ }\"",
    "\"{x.y}\"",
    "\"{x:$}\"",
    "\"{x:.$}\"",
    "\"{x:9999999999999999999999$}\"",
    "\"\\u{0}\\r\\n\\t\"",
    "\"\\\\\"",
    "\"\\\"\"",
    "\"</script>\"",
    "\"\\u{2028}\\u{2029}\"",
    "\"é🦀\"",
];

pub const PUNCTS: &[char] = &[
    '#', '!', '=', ',', ':', ';', '<', '>', '&', '*', '+', '-', '.', '/', '?', '@', '|', '~', '^',
    '%', '$', '\'',
];

pub const FRAGMENTS: &[&str] = &[
    "#[api(status = 404)]",
    "#[api(status = 500)]",
    "#[api(status = \"404\")]",
    "#[api(status)]",
    "#[api(status = )]",
    "#[api(status = 4 + 0)]",
    "#[api(status = -404)]",
    "#[api(extra)]",
    "#[api(extra = \"x\")]",
    "#[api(extra = 5)]",
    "#[api(extra(x))]",
    "#[api(field)]",
    "#[api(field = \"f\")]",
    "#[api(retry_after)]",
    "#[api(retry_after = 5)]",
    "#[api(errors)]",
    "#[api(debug)]",
    "#[api(debug = \"\")]",
    "#[api(source)]",
    "#[api(transparent)]",
    "#[api(transparent = false)]",
    "#[api(transparent = \"yes\")]",
    "#[api(share_code)]",
    "#[api(code = \"dup\", share_code)]",
    "#[api(code = \"dup\")]",
    "#[api(message = \"{0}\")]",
    "#[api(message = \"{x}\")]",
    "#[api(message = \"{}\")]",
    "#[api(message)]",
    "#[api(format = \"flat\")]",
    "#[api(decode)]",
    "#[api(decode, format = \"flat\")]",
    "#[api(format = \"problem\")]",
    "#[api(format = flat)]",
    "#[api(crate = \"c\")]",
    "#[api(crate = \"\")]",
    "#[api(doc_base = \"https://d.example\")]",
    "#[api(doc_url = \"https://d.example/x\")]",
    "#[api(doc_url = \"http:///\")]",
    "#[api(doc_url = \"https://a b\")]",
    "#[api(message = \"{:.*}\")]",
    "#[api(debug = \"display\")]",
    "#[api(debug = \"source_chain\")]",
    "#[api(extra = \"title\")]",
    "#[api(nope)]",
    "#[api(statuss = 404)]",
    "#[api(a::b = 1)]",
    "#[api(::x)]",
    "#[api(x(y(z)))]",
    "#[api]",
    "#[api = \"x\"]",
    "#[api()]",
    "#[api(,)]",
    "#[api(status = 404,,)]",
    "#[api(status = 404 code = \"x\")]",
    "#[api{status = 404}]",
    "#[api[status = 404]]",
    "#[error(\"x {0}\")]",
    "#[error(transparent)]",
    "#[from]",
    "#[source]",
    "#[cfg(test)]",
    "#[cfg(any())]",
    "#[cfg_attr(test, api(status = 404))]",
    "#[deprecated]",
    "#[deprecated(note = \"x\")]",
    "#[doc = \"x\"]",
    "#[doc(hidden)]",
    "/// A doc comment",
    "//! An inner doc comment",
    "#![api(status = 404)]",
    "<T>",
    "<'a, T: Clone + 'a, const N: usize = 3>",
    "<T: ?Sized>",
    "where T: std::fmt::Debug,",
    "where Self: Sized",
    "where for<'b> &'b T: IntoIterator",
    "Vec<Vec<Option<Box<dyn Fn(&'a T) -> U + Send>>>>",
    "[u8; 4]",
    "(u8, u16)",
    "&'static str",
    "fn() -> !",
    "impl Trait",
    "dyn std::error::Error",
    "<T as Trait>::Assoc",
    "Variant(u8),",
    "Variant { x: u8 },",
    "#[api(status = 404, message = \"m\")] Variant,",
    "Variant = 5,",
    "r#type: u8,",
    "x: T,",
    "pub(crate)",
    "pub(in crate::a)",
    "unsafe",
    "union",
    "enum",
    "struct",
    ";",
    "::",
    "=>",
    "->",
    "'a",
    "'static",
];

/// A token tree we can edit in place.
#[derive(Clone)]
pub enum Tree {
    Leaf(TokenTree),
    Group(Delimiter, Vec<Tree>),
}

pub fn to_trees(stream: TokenStream) -> Vec<Tree> {
    stream
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => Tree::Group(group.delimiter(), to_trees(group.stream())),
            leaf => Tree::Leaf(leaf),
        })
        .collect()
}

pub fn to_stream(trees: &[Tree]) -> TokenStream {
    trees
        .iter()
        .map(|tree| match tree {
            Tree::Leaf(leaf) => leaf.clone(),
            Tree::Group(delimiter, inner) => {
                TokenTree::Group(Group::new(*delimiter, to_stream(inner)))
            }
        })
        .collect()
}

/// Every sequence of the tree (the root and each group's contents), as paths
/// of group indices.
pub fn sequences(trees: &[Tree], path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(path.clone());
    for (i, tree) in trees.iter().enumerate() {
        if let Tree::Group(_, inner) = tree {
            path.push(i);
            sequences(inner, path, out);
            path.pop();
        }
    }
}

pub fn sequence_at<'a>(trees: &'a mut Vec<Tree>, path: &[usize]) -> &'a mut Vec<Tree> {
    match path.split_first() {
        None => trees,
        Some((first, rest)) => match &mut trees[*first] {
            Tree::Group(_, inner) => sequence_at(inner, rest),
            Tree::Leaf(_) => unreachable!("paths lead through groups"),
        },
    }
}

/// Every leaf of the tree, for replacing one.
pub fn leaves(trees: &mut [Tree]) -> Vec<&mut TokenTree> {
    let mut out = Vec::new();
    for tree in trees {
        match tree {
            Tree::Leaf(leaf) => out.push(leaf),
            Tree::Group(_, inner) => out.extend(leaves(inner)),
        }
    }
    out
}

pub fn random_string(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "{", "}", "{{", "}}", ":", "$", ".", "*", "?", "#", "0", "1", "x", "_", "a", "é", " ",
        "\n", "\"", "\\", "\u{0}", "\u{7f}", "\u{2028}", "🦀", "r#", "width", "type", ">", "+",
        "e",
    ];
    let len = rng.below(12);
    (0..len).map(|_| *rng.pick(PIECES)).collect()
}

pub fn random_literal(rng: &mut Rng) -> Literal {
    match rng.below(10) {
        0 => Literal::string(&random_string(rng)),
        1 => Literal::string(&"x{}".repeat(rng.below(2000))),
        2 => Literal::u64_unsuffixed(rng.next()),
        3 => Literal::u16_suffixed(rng.next() as u16),
        4 => Literal::i128_suffixed((rng.next() as i128).wrapping_mul(-(rng.next() as i128))),
        5 => Literal::f64_unsuffixed(f64::from_bits(rng.next()).abs().min(1e300)),
        _ => Literal::from_str(rng.pick_str(LITERALS)).expect("the literal pool lexes"),
    }
}

pub fn random_string_literal(rng: &mut Rng) -> Literal {
    if rng.chance(30) {
        return Literal::string(&random_string(rng));
    }
    let strings: Vec<&str> = LITERALS
        .iter()
        .copied()
        .filter(|lit| lit.starts_with('"'))
        .collect();
    Literal::from_str(rng.pick_str(&strings)).expect("the literal pool lexes")
}

pub fn random_ident(rng: &mut Rng) -> Ident {
    if rng.chance(15) {
        let name = rng.pick(RAW_IDENTS);
        return match name.strip_prefix("r#") {
            Some(rest) => Ident::new_raw(rest, Span::call_site()),
            None => Ident::new_raw(name, Span::call_site()),
        };
    }
    if rng.chance(3) {
        return Ident::new(&"long_".repeat(200), Span::call_site());
    }
    Ident::new(rng.pick_str(IDENTS), Span::call_site())
}

pub fn random_leaf(rng: &mut Rng) -> Tree {
    Tree::Leaf(match rng.below(3) {
        0 => TokenTree::Ident(random_ident(rng)),
        1 => TokenTree::Literal(random_literal(rng)),
        _ => {
            let spacing = if rng.chance(50) {
                Spacing::Alone
            } else {
                Spacing::Joint
            };
            TokenTree::Punct(Punct::new(*rng.pick(PUNCTS), spacing))
        }
    })
}

pub fn random_fragment(rng: &mut Rng) -> Vec<Tree> {
    to_trees(tokens(rng.pick_str(FRAGMENTS)))
}

pub fn random_delimiter(rng: &mut Rng) -> Delimiter {
    *rng.pick(&[
        Delimiter::Parenthesis,
        Delimiter::Brace,
        Delimiter::Bracket,
        Delimiter::None,
    ])
}

/// Applies one random edit to `trees`.
pub fn mutate(rng: &mut Rng, trees: &mut Vec<Tree>) {
    // Edits of one literal or identifier anywhere: most keys and values are
    // leaves deep inside attributes.
    if rng.chance(35) {
        let mut all = leaves(trees);
        if !all.is_empty() {
            let index = rng.below(all.len());
            let leaf = &mut *all[index];
            *leaf = match leaf {
                // A string stays a string most of the time, so the value
                // reaches the checks of its key.
                TokenTree::Literal(lit) if lit.to_string().starts_with('"') && rng.chance(60) => {
                    TokenTree::Literal(random_string_literal(rng))
                }
                TokenTree::Literal(_) => TokenTree::Literal(random_literal(rng)),
                TokenTree::Ident(_) => TokenTree::Ident(random_ident(rng)),
                _ => match random_leaf(rng) {
                    Tree::Leaf(leaf) => leaf,
                    Tree::Group(..) => unreachable!("random_leaf gives leaves"),
                },
            };
            return;
        }
    }
    let mut paths = Vec::new();
    sequences(trees, &mut Vec::new(), &mut paths);
    let path = rng.pick(&paths).clone();
    // A subtree copied from elsewhere in the input, taken before borrowing
    // the target sequence.
    let donor = {
        let mut all = Vec::new();
        sequences(trees, &mut Vec::new(), &mut all);
        let from = rng.pick(&all).clone();
        let seq = sequence_at(trees, &from);
        if seq.is_empty() {
            None
        } else {
            let start = rng.below(seq.len());
            let end = (start + 1 + rng.below(4)).min(seq.len());
            Some(seq[start..end].to_vec())
        }
    };
    let seq = sequence_at(trees, &path);
    let len = seq.len();
    let at = rng.below(len + 1);
    match rng.below(10) {
        // Delete a token.
        0 if len > 0 => {
            seq.remove(at.min(len - 1));
        }
        // Duplicate a token.
        1 if len > 0 => {
            let i = at.min(len - 1);
            let copy = seq[i].clone();
            seq.insert(i, copy);
        }
        // Swap two neighbours.
        2 if len > 1 => {
            let i = at.min(len - 2);
            seq.swap(i, i + 1);
        }
        // Truncate the sequence: a cut-off token tree.
        3 => seq.truncate(at),
        // Insert a random token.
        4 => seq.insert(at, random_leaf(rng)),
        // Insert a fragment of Rust or of `#[api(...)]`.
        5 | 6 => {
            for (offset, tree) in random_fragment(rng).into_iter().enumerate() {
                seq.insert(at + offset, tree);
            }
        }
        // Change a group's delimiter, or unwrap it.
        7 => {
            if let Some(i) = seq.iter().position(|t| matches!(t, Tree::Group(..))) {
                if rng.chance(70) {
                    if let Tree::Group(delimiter, _) = &mut seq[i] {
                        *delimiter = random_delimiter(rng);
                    }
                } else if let Tree::Group(_, inner) = seq.remove(i) {
                    for (offset, tree) in inner.into_iter().enumerate() {
                        seq.insert(i + offset, tree);
                    }
                }
            }
        }
        // Wrap a run of tokens in a new group.
        8 if len > 0 => {
            let start = at.min(len - 1);
            let end = (start + 1 + rng.below(3)).min(len);
            let inner: Vec<Tree> = seq.drain(start..end).collect();
            seq.insert(start, Tree::Group(random_delimiter(rng), inner));
        }
        // Splice in tokens copied from elsewhere.
        _ => {
            if let Some(donor) = donor {
                for (offset, tree) in donor.into_iter().enumerate() {
                    seq.insert(at + offset, tree);
                }
            }
        }
    }
}

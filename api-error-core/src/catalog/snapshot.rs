//! Pinning a catalog in a file, so a changed code or status fails a test.

use super::{Catalog, ErrorCatalog};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;

/// Set to `1` to rewrite catalog snapshots instead of comparing them.
pub const SNAPSHOT_UPDATE_ENV: &str = "API_ERROR_UPDATE_SNAPSHOTS";

/// Compares the catalog of `T` with the JSON snapshot at `path`, and panics
/// with a readable diff when they differ.
///
/// The snapshot is [`ErrorCatalog::to_json`]: codes, statuses, messages,
/// members, descriptions. A missing or different file fails, with the
/// command that writes it; only with `API_ERROR_UPDATE_SNAPSHOTS=1` (exactly
/// `1`) is the file written. Relative paths start at the current directory,
/// which `cargo test` sets to the package's root.
///
/// ```no_run
/// use api_error::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum ClientsError {
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// #[test]
/// fn error_catalog_is_stable() {
///     api_error::catalog::assert_snapshot::<ClientsError>("tests/snapshots/clients_errors.json");
/// }
/// ```
///
/// Renaming `not_found` then fails with:
///
/// ```text
/// the error catalog of ClientsError differs from tests/snapshots/clients_errors.json:
///   removed code `not_found` (404)
///   added code `missing` (404)
///
///    ...
///   -      "code": "not_found",
///   +      "code": "missing",
///    ...
/// ```
#[track_caller]
pub fn assert_snapshot<T: Catalog + ?Sized>(path: impl AsRef<Path>) {
    if let Err(message) = check(T::CATALOG, path.as_ref(), update_requested()) {
        panic!("{message}");
    }
}

/// Whether the environment asks for snapshots to be written: the
/// [`SNAPSHOT_UPDATE_ENV`] variable set to exactly `1`. Tests that pin a
/// generated file of their own ask the same question.
pub fn update_requested() -> bool {
    std::env::var_os(SNAPSHOT_UPDATE_ENV).is_some_and(|v| v == "1")
}

/// What [`assert_snapshot`] does, with the environment given.
pub(crate) fn check(catalog: &ErrorCatalog, path: &Path, update: bool) -> Result<(), String> {
    let mut actual = catalog.to_json();
    actual.push('\n');
    let expected = match std::fs::read_to_string(path) {
        Ok(expected) => Some(expected),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
    };
    if expected.as_deref() == Some(actual.as_str()) {
        return Ok(());
    }
    if expected.is_none() && !update {
        return Err(format!(
            "no snapshot of the error catalog of {} at {}: rerun with {SNAPSHOT_UPDATE_ENV}=1 to write it, and commit it",
            catalog.type_name,
            path.display()
        ));
    }
    if update {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|err| format!("cannot create {}: {err}", parent.display()))?;
        }
        std::fs::write(path, &actual)
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        eprintln!(
            "wrote the error catalog of {} to {}",
            catalog.type_name,
            path.display()
        );
        return Ok(());
    }
    let expected = expected.unwrap_or_default();
    let mut message = format!(
        "the error catalog of {} differs from {}:\n",
        catalog.type_name,
        path.display()
    );
    for line in summary(&expected, &actual) {
        let _ = writeln!(message, "  {line}");
    }
    message.push('\n');
    message.push_str(&diff(&expected, &actual));
    let _ = write!(
        message,
        "\nIf the change is intended, rerun with {SNAPSHOT_UPDATE_ENV}=1 to update the snapshot."
    );
    Err(message)
}

/// Codes removed, added, or given another status, from two JSON catalogs.
fn summary(expected: &str, actual: &str) -> Vec<String> {
    let codes = |json: &str| -> Option<Vec<(String, u64)>> {
        let value: Value = serde_json::from_str(json).ok()?;
        let mut codes: Vec<(String, u64)> = Vec::new();
        for error in value.get("errors")?.as_array()? {
            let code = error.get("code")?.as_str()?.to_owned();
            let status = error.get("status")?.as_u64()?;
            if !codes.iter().any(|(c, s)| *c == code && *s == status) {
                codes.push((code, status));
            }
        }
        Some(codes)
    };
    let (Some(before), Some(after)) = (codes(expected), codes(actual)) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let statuses = |list: &[(String, u64)], code: &str| -> Vec<u64> {
        list.iter()
            .filter(|(c, _)| c == code)
            .map(|(_, s)| *s)
            .collect()
    };
    for (code, status) in &before {
        let now = statuses(&after, code);
        if now.is_empty() {
            lines.push(format!("removed code `{code}` ({status})"));
        } else if !now.contains(status) {
            let now = now
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(format!("code `{code}` changed status: {status} -> {now}"));
        }
    }
    for (code, status) in &after {
        if statuses(&before, code).is_empty() {
            lines.push(format!("added code `{code}` ({status})"));
        }
    }
    if lines.is_empty() {
        lines.push("same codes and statuses; other details changed".to_owned());
    }
    lines
}

/// A line diff with three lines of context: `-` expected, `+` actual.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Longest common subsequence table, from the end.
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    const CONTEXT: usize = 3;
    let near_change = |index: usize| {
        let start = index.saturating_sub(CONTEXT);
        let end = (index + CONTEXT + 1).min(ops.len());
        ops[start..end].iter().any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (index, (op, line)) in ops.iter().enumerate() {
        if *op == ' ' && !near_change(index) {
            if !skipped {
                out.push_str("   ...\n");
                skipped = true;
            }
            continue;
        }
        skipped = false;
        let _ = writeln!(out, "  {op}{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, Variant};
    use crate::Format;

    /// A catalog of type `E` with three codes; `not_found`'s code and
    /// `busy`'s status change between the two below.
    macro_rules! catalog {
        ($not_found:literal, $busy:literal) => {
            &ErrorCatalog::__new(
                "E",
                "m::E",
                Format::Envelope,
                "",
                &[
                    Variant::Own(Entry::__new("E", "NotFound", 404, $not_found, "Not found")),
                    Variant::Own(Entry::__new("E", "Busy", $busy, "busy", "Busy")),
                    Variant::Own(Entry::__new("E", "Gone", 410, "gone", "Gone")),
                ],
            )
        };
    }
    const BEFORE: &ErrorCatalog = catalog!("not_found", 503);
    const AFTER: &ErrorCatalog = catalog!("missing", 500);

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("api-error-snapshot-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir.join("nested").join("catalog.json")
    }

    #[test]
    fn an_update_writes_a_missing_snapshot_then_it_passes() {
        let path = temp("write");
        assert_eq!(check(BEFORE, &path, true), Ok(()));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{}\n", BEFORE.to_json())
        );
        assert_eq!(check(BEFORE, &path, false), Ok(()));
        let _ = std::fs::remove_dir_all(path.parent().unwrap().parent().unwrap());
    }

    #[test]
    fn a_missing_snapshot_fails_and_is_not_written() {
        let path = temp("missing");
        let err = check(BEFORE, &path, false).unwrap_err();
        assert!(
            err.starts_with("no snapshot of the error catalog of E at "),
            "{err}"
        );
        assert!(
            err.contains("rerun with API_ERROR_UPDATE_SNAPSHOTS=1 to write it"),
            "{err}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_change_fails_with_a_summary_and_a_diff() {
        let path = temp("diff");
        check(BEFORE, &path, true).unwrap();
        let err = check(AFTER, &path, false).unwrap_err();
        assert!(
            err.starts_with(&format!(
                "the error catalog of E differs from {}:\n  removed code `not_found` (404)\n  code `busy` changed status: 503 -> 500\n  added code `missing` (404)\n",
                path.display()
            )),
            "{err}"
        );
        assert!(
            err.contains("  -      \"code\": \"not_found\",\n  +      \"code\": \"missing\",\n"),
            "{err}"
        );
        assert!(
            err.contains("  -      \"status\": 503,\n  -      \"grpc\": \"UNAVAILABLE\",\n  +      \"status\": 500,\n  +      \"grpc\": \"INTERNAL\",\n"),
            "{err}"
        );
        assert!(err.ends_with("rerun with API_ERROR_UPDATE_SNAPSHOTS=1 to update the snapshot."));
        // The snapshot is untouched until an update is asked for.
        assert_eq!(check(BEFORE, &path, false), Ok(()));
        assert_eq!(check(AFTER, &path, true), Ok(()));
        assert_eq!(check(AFTER, &path, false), Ok(()));
        let _ = std::fs::remove_dir_all(path.parent().unwrap().parent().unwrap());
    }

    #[test]
    fn diff_keeps_context_only_near_changes() {
        let a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let b = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n";
        assert_eq!(
            diff(a, b),
            "   ...\n   3\n   4\n   5\n  -6\n  +six\n   7\n   8\n   9\n   ...\n"
        );
    }
}

"""The README's render tables, from the output of one run of the render
benchmark:

    cargo bench -p api-error-benches --bench render > render.log
    python3 benches/render_tables.py render.log

Prints three Markdown tables: each line's time into a fresh buffer with its
ratio to the baseline of its format (the paired section, "line / baseline"),
the reused buffer's line, and each French line beside its source line (the
"localized / source" section). Every figure is from the same run.
"""

import re
import sys

CASES = ["fieldless", "two extras", "validation, 5 errors", "5xx with source"]
FORMATS = ["envelope", "flat", "problem", "json:api", "google", "microsoft"]
# The columns of the fresh table; None is the baseline's own time.
COLUMNS = [
    "api-error write_json",
    "api-error to_json",
    "copy of the constant body",
    None,
    "serde_json::json!",
    "http-api-problem",
    "problem_details",
]
PAIRED = "line / baseline (median of"
LOCALIZED = "localized / source (median of"


def paired(section):
    """The paired lines: (buffer, case, format, line) -> (ns, ratio), and the
    baseline's time of each (buffer, case, format)."""
    lines, baselines = {}, {}
    for line in section.splitlines()[1:]:
        m = re.match(
            r"^(fresh|reused)\s+(.{21})\s(.{9})\s(.{26})\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*$",
            line,
        )
        if not m:
            continue
        buffer, case, format, name, base_ns, ns, ratio = (g.strip() for g in m.groups())
        lines[(buffer, case, format, name)] = (float(ns), float(ratio))
        # Every line of a format has the same baseline; the write_json
        # line's is the one the table shows.
        if name == "api-error write_json":
            baselines[(buffer, case, format)] = float(base_ns)
    return lines, baselines


def fresh_table(lines, baselines):
    def cell(key):
        value = lines.get(key)
        return "" if value is None else f"{value[0]:.1f} ({value[1]:.2f})"

    rows = [
        "| case | format | api-error `write_json` | api-error `to_json` | copy of the constant body "
        "| `#[derive(Serialize)]` (baseline) | `json!` | http-api-problem | problem_details |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for case in CASES:
        for format in FORMATS:
            cells = [
                f"{baselines.get(('fresh', case, format), 0):.1f}"
                if column is None
                else cell(("fresh", case, format, column))
                for column in COLUMNS
            ]
            rows.append(f"| {case} | {format} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def reused_table(lines):
    rows = ["| case | " + " | ".join(FORMATS) + " |", "|---|" + "---|" * len(FORMATS)]
    for case in CASES:
        cells = []
        for format in FORMATS:
            value = lines.get(("reused", case, format, "api-error write_json"))
            cells.append("" if value is None else f"{value[0]:.1f} ns ({value[1]:.2f})")
        rows.append(f"| {case} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def localized_table(section):
    found = {}
    for line in section.splitlines()[1:]:
        m = re.match(r"(fresh|reused)\s+(.+?)\s{2,}(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)x", line)
        if m:
            buffer, case, format, source, french, ratio = m.groups()
            found.setdefault((buffer, case), {})[format] = (source, french, ratio)
    rows = [
        "| buffer | case | " + " | ".join(FORMATS) + " |",
        "|---|---|" + "---|" * len(FORMATS),
    ]
    for (buffer, case), formats in found.items():
        cells = [
            "{} → {} ({}x)".format(*formats[format]) if format in formats else ""
            for format in FORMATS
        ]
        rows.append(f"| {buffer} | {case} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    log = open(sys.argv[1], encoding="utf-8").read()
    if PAIRED not in log or LOCALIZED not in log:
        sys.exit(f"{sys.argv[1]}: not the output of a whole run of the render benchmark")
    start, end = log.index(PAIRED), log.index(LOCALIZED)
    lines, baselines = paired(log[start:end])
    print(fresh_table(lines, baselines))
    print()
    print(reused_table(lines))
    print()
    print(localized_table(log[end:]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The compile-time benchmark.

    python3 benches/compile/run.py [--runs 5] [--clean-runs 3] [--variants 200]

1. Generates (gen.py) a crate with a 200-variant enum using the derive, and
   the same enum written by hand (thiserror + hand-written impls + Serialize
   body structs), under target/compile-bench/.
2. Builds each once to warm its dependency cache, then rebuilds only that
   crate --runs times (touching its source; incremental compilation off, so
   every rebuild compiles the whole crate), with `cargo build` and with
   `cargo check`, and prints the medians and their ratio.
3. Times the derive's own expansion of the generated enum (the `expand`
   bench of api-error-derive-internals, which runs the macro's code on the tokens),
   built as cargo builds proc macros (unoptimized) and optimized.
4. Builds the facade with its default features and thiserror from clean
   target directories --clean-runs times each and prints the medians and
   their ratio.
5. Builds a small axum service from clean target directories --clean-runs
   times, with thiserror and a hand-written IntoResponse and with the
   derive and the `axum` feature, and prints what api-error adds.

Every build has its own CARGO_TARGET_DIR under target/compile-bench/, so the
workspace's own build is not disturbed.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WORK = REPO / "target" / "compile-bench"

sys.path.insert(0, str(HERE))
import gen  # noqa: E402


def cargo(args, crate, target, extra_env=None):
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(target)
    env["CARGO_INCREMENTAL"] = "0"
    env.pop("RUSTFLAGS", None)
    if extra_env:
        env.update(extra_env)
    start = time.perf_counter()
    result = subprocess.run(
        ["cargo", *args, "--manifest-path", str(crate / "Cargo.toml")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"cargo {' '.join(args)} failed for {crate.name}:\n{result.stdout}")
    return elapsed


def load():
    one, five, _ = os.getloadavg()
    rustc = subprocess.run(["pgrep", "-c", "rustc"], stdout=subprocess.PIPE, text=True)
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min), {rustc.stdout.strip() or 0} rustc running"


def rebuilds(crates, command, runs):
    """Median seconds of rebuilding each crate alone, alternating crates."""
    times = {name: [] for name in crates}
    for _ in range(runs):
        for name, crate in crates.items():
            (crate / "src" / "lib.rs").touch()
            times[name].append(cargo([command], crate, WORK / f"target-{name}"))
    return times


def clean_builds(crates, kind, runs):
    """Seconds of building each crate with its dependencies from an empty
    target directory, alternating crates."""
    times = {name: [] for name in crates}
    for _ in range(runs):
        for name, crate in crates.items():
            target = WORK / f"target-{kind}-{name}"
            shutil.rmtree(target, ignore_errors=True)
            times[name].append(cargo(["build"], crate, target))
    return times


def report(title, times, ours, theirs):
    print(f"\n{title}")
    for name, values in times.items():
        runs = " ".join(f"{v:.2f}" for v in values)
        print(f"  {name:<16} median {statistics.median(values):7.2f} s   runs: {runs}")
    ratio = statistics.median(times[ours]) / statistics.median(times[theirs])
    print(f"  ratio {ours} / {theirs}: {ratio:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clean-runs", type=int, default=3)
    parser.add_argument("--variants", type=int, default=200)
    parser.add_argument(
        "--facade",
        type=Path,
        default=REPO,
        help="the api-error checkout the derive crate depends on (default: this one)",
    )
    parser.add_argument(
        "--skip-clean", action="store_true", help="leave out the clean builds"
    )
    args = parser.parse_args()

    gen.main_with(WORK, args.facade, args.variants)
    crates = {"derive": WORK / "derive", "hand-written": WORK / "manual"}
    services = {"api-error": WORK / "service-api-error", "thiserror": WORK / "service-thiserror"}
    for crate in [
        *crates.values(),
        WORK / "clean-api-error",
        WORK / "clean-thiserror",
        *services.values(),
    ]:
        # The versions the workspace is tested with.
        if not (crate / "Cargo.lock").exists():
            shutil.copy(REPO / "Cargo.lock", crate / "Cargo.lock")

    print(f"rustc: {subprocess.run(['rustc', '-V'], stdout=subprocess.PIPE, text=True).stdout.strip()}")
    print(f"cores: {os.cpu_count()}; before: {load()}")
    print(f"enum of {args.variants} variants; warming the dependency caches...")
    for name, crate in crates.items():
        cargo(["build"], crate, WORK / f"target-{name}")
        cargo(["check"], crate, WORK / f"target-{name}")

    report(
        f"rebuild of the crate alone, `cargo build` (dev profile), {args.runs} runs",
        rebuilds(crates, "build", args.runs),
        "derive",
        "hand-written",
    )
    report(
        f"rebuild of the crate alone, `cargo check`, {args.runs} runs",
        rebuilds(crates, "check", args.runs),
        "derive",
        "hand-written",
    )

    print("\nexpansion of the derive alone (api-error-derive-internals's expand bench):")
    for profile in ["dev", "bench"]:
        result = subprocess.run(
            [
                "cargo",
                "bench",
                "-q",
                "--profile",
                profile,
                "-p",
                "api-error-derive-internals",
                "--bench",
                "expand",
                "--",
                str(WORK / "derive" / "src" / "lib.rs"),
            ],
            cwd=REPO,
            env={**os.environ, "CARGO_TARGET_DIR": str(WORK / "target-expand")},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if result.returncode != 0:
            sys.exit(f"the expand bench failed:\n{result.stdout}")
        print("  " + "\n  ".join(result.stdout.strip().splitlines()))

    if args.skip_clean:
        print(f"\nafter: {load()}")
        return
    clean = {"api-error": WORK / "clean-api-error", "thiserror": WORK / "clean-thiserror"}
    times = clean_builds(clean, "clean", args.clean_runs)
    report(
        f"clean build with dependencies, `cargo build` (dev profile), {args.clean_runs} runs",
        times,
        "api-error",
        "thiserror",
    )
    times = clean_builds(services, "service", args.clean_runs)
    report(
        f"clean build of an axum service, `cargo build` (dev profile), {args.clean_runs} runs",
        times,
        "api-error",
        "thiserror",
    )
    added = statistics.median(times["api-error"]) - statistics.median(times["thiserror"])
    print(f"  api-error adds {added:.2f} s")
    print(f"\nafter: {load()}")


if __name__ == "__main__":
    main()

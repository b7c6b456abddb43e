//! The tools some tests run beside the Rust code: a Python with pinned
//! packages, and a Node.js package installed from its lock file. Each is set
//! up the first time a test asks for it, under the build's target directory,
//! from files in this repository only; nothing is taken from what the machine
//! happens to have installed, and nothing is skipped. A tool that cannot be
//! had fails the test with the command that installs it.

use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where the tools live: `target/tmp/tools`, one directory per set of pinned
/// files, named by a hash of their contents, so a changed pin gets a fresh
/// environment.
fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tools")
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A stable name for the contents of `files` and for `tool`, the program
/// that builds the environment as it answers `--version` (and where it is):
/// a machine whose `python3` changed gets a fresh environment rather than
/// one linked to an interpreter that is gone.
fn fingerprint(files: &[&Path], tool: &str, missing: &str) -> String {
    let mut hasher = DefaultHasher::new();
    for file in files {
        let bytes = fs::read(file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
        bytes.hash(&mut hasher);
    }
    let version = run(
        Command::new(tool).arg("--version"),
        &format!("asking {tool} its version"),
        missing,
    );
    version.stdout.hash(&mut hasher);
    version.stderr.hash(&mut hasher);
    std::env::var_os("PATH").hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Runs `setup` into `dir` once, across threads and processes: under an
/// exclusive lock on a file beside it, and only when `dir` holds no `ready`
/// stamp (a setup cut off halfway is started again from an empty directory).
fn once(dir: &Path, setup: impl FnOnce(&Path)) {
    fs::create_dir_all(tools_dir()).unwrap();
    let name = dir.file_name().unwrap().to_string_lossy();
    let lock = File::create(dir.with_file_name(format!("{name}.lock"))).unwrap();
    lock.lock().unwrap();
    let stamp = dir.join("ready");
    if !stamp.exists() {
        if dir.exists() {
            fs::remove_dir_all(dir).unwrap();
        }
        fs::create_dir_all(dir).unwrap();
        setup(dir);
        fs::write(&stamp, b"").unwrap();
    }
    lock.unlock().unwrap();
}

/// Runs `command`, failing the test with `what`, the command line and its
/// output when it cannot start or exits with an error; `missing` is what to
/// do when the program is not installed.
fn run(command: &mut Command, what: &str, missing: &str) -> Output {
    let line = format!("{command:?}");
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("{what}: `{line}` could not start ({err}); {missing}"));
    assert!(
        output.status.success(),
        "{what}: `{line}` failed ({})\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    output
}

/// The Python interpreter of a virtualenv holding the packages pinned in
/// `tests/python/requirements.txt`, created with the machine's `python3` and
/// filled by pip from PyPI the first time.
pub fn python() -> PathBuf {
    const MISSING: &str =
        "install Python 3 with its venv module: `apt-get install python3 python3-venv`";
    let requirements = manifest_dir().join("tests/python/requirements.txt");
    let dir = tools_dir().join(format!(
        "python-{}",
        fingerprint(&[&requirements], "python3", MISSING)
    ));
    once(&dir, |dir| {
        run(
            Command::new("python3").args(["-m", "venv"]).arg(dir),
            "creating the tests' Python environment",
            MISSING,
        );
        run(
            Command::new(dir.join("bin/python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .arg("--requirement")
                .arg(&requirements),
            "installing the tests' Python packages",
            "install pip: `apt-get install python3-pip`",
        );
    });
    dir.join("bin/python")
}

/// A directory holding a copy of the Node.js package in `package` (its
/// `package.json`, `package-lock.json` and `files`) with its dependencies
/// installed by `npm ci` from the lock file the first time.
pub fn node_package(package: &str, files: &[&str]) -> PathBuf {
    let source = manifest_dir().join(package);
    let mut names = vec!["package.json", "package-lock.json"];
    names.extend_from_slice(files);
    let paths: Vec<PathBuf> = names.iter().map(|name| source.join(name)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let name = source.file_name().unwrap().to_string_lossy().into_owned();
    const MISSING: &str = "install Node.js and npm: `apt-get install nodejs npm`";
    let dir = tools_dir().join(format!(
        "node-{name}-{}",
        fingerprint(&refs, "node", MISSING)
    ));
    once(&dir, |dir| {
        for (name, path) in names.iter().zip(&paths) {
            fs::copy(path, dir.join(name)).unwrap();
        }
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(dir),
            "installing the tests' Node.js packages",
            MISSING,
        );
    });
    dir
}

//! A repository as CI checks it: `reportc.toml` found from a subfolder, a bad config
//! diagnosed, `check` on many threads printing what one prints, and the exit codes of lint
//! warnings under `--deny`, `--allow` and `[lint] deny`.

mod common;

use common::{reportc, root, text};
use std::process::Command;

/// `reportc ARGS` run in `cwd`: the transcript, with `dir` shown as `<DIR>`.
fn transcript_in(cwd: &std::path::Path, args: &[&str], dir: &std::path::Path) -> String {
    common::transcript_in(cwd, args).replace(&dir.to_string_lossy().to_string(), "<DIR>")
}

/// A repository as CI sees one: a `reportc.toml` at its root (catalogue, dialects, report
/// folders, excludes), hidden folders, a `.gitignore`, a symbolic link back to its own folder,
/// a catalogue that is no report; checked from a subfolder, and with `--isolated`.
fn project_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for d in [
        "reports/sub",
        ".github/workflows",
        "drafts",
        "tools/deep",
        "empty",
    ] {
        std::fs::create_dir_all(r.join(d)).unwrap();
    }
    let write = |p: &str, t: &str| std::fs::write(r.join(p), t).unwrap();
    write(
        "reportc.toml",
        "# the project's config\ncatalog = \"catalog.yaml\"\ndialects = [\"duckdb\"]\nreports = [\".\"]\nexclude = [\"drafts/\", \"*.tmp.yaml\"]\n",
    );
    std::fs::copy(
        root().join("catalog/messaging.yaml"),
        r.join("catalog.yaml"),
    )
    .unwrap();
    write("reports/a.yaml", "source: sms\ncolumns: [origin]\n");
    write(
        "reports/sub/b.rpt",
        "from sms\nselect origin\nwhere origin = 'x'\n",
    );
    write("reports/sub/c.yaml", "source: sms\ncolumns: [orign]\n");
    write("reports/sub/d.tmp.yaml", "not: a report\n");
    write(".github/workflows/ci.yaml", "on: push\n");
    write(".pre-commit-config.yaml", "repos: []\n");
    write("drafts/e.yaml", "source: nope\n");
    write(".gitignore", "generated/\nignored.yaml\n");
    write("reports/ignored.yaml", "source: nope\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", r.join("reports/self")).unwrap();
    dir
}

#[test]
fn a_project_config_found_from_a_subfolder() {
    let repo = project_repo();
    let r = repo.path();
    let deep = r.join("tools/deep");
    insta::assert_snapshot!("project_check", transcript_in(&deep, &["check"], r));
    insta::assert_snapshot!(
        "project_check_paths",
        transcript_in(
            &deep,
            &[
                "check",
                "../../empty",
                "../../nowhere",
                "../../reports/a.yaml"
            ],
            r
        )
    );
    // --isolated: the built-in catalogue, no dialect, the path given
    insta::assert_snapshot!(
        "project_isolated",
        transcript_in(&deep, &["--isolated", "check", "../../reports"], r)
    );
    let isolated_no_path = transcript_in(&deep, &["--isolated", "check"], r);
    assert!(
        isolated_no_path.starts_with("exit: Some(2)") && isolated_no_path.contains("no path given"),
        "{isolated_no_path}"
    );
}

#[test]
fn a_bad_project_config_is_diagnosed() {
    let repo = project_repo();
    let r = repo.path();
    std::fs::write(
        r.join("reportc.toml"),
        "catalog = \"missing.yaml\"\ndialect = [\"duckdb\"]\ndialects = [\"postgress\", 7]\nexclude = [\"a/{b\", \"c/[\"]\n[lint]\ndeny = [\"warning\"]\n",
    )
    .unwrap();
    insta::assert_snapshot!(
        "project_bad_config",
        transcript_in(&r.join("reports"), &["check"], r)
    );
    // --config names another file; --isolated ignores the broken one
    std::fs::write(r.join("other.toml"), "reports = [\"reports/a.yaml\"]\n").unwrap();
    let other = transcript_in(r, &["--config", "other.toml", "check"], r);
    assert!(other.starts_with("exit: Some(0)"), "{other}");
    let isolated = transcript_in(r, &["--isolated", "check", "reports/a.yaml"], r);
    assert!(isolated.starts_with("exit: Some(0)"), "{isolated}");
}

/// `check` on many files uses every core, and prints what one thread prints, byte for byte
/// (diagnostics in sorted file order, then the summary), in both formats.
#[test]
fn check_on_threads_prints_what_one_thread_prints() {
    let run = |threads: &str, format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
            .args(["check", "--format", format, "-d", "all"])
            .args(["reports", "tests/bad", "tests/bad_dsl", "tests/conformance"])
            .current_dir(root())
            .env("NO_COLOR", "1")
            .env("REPORTC_THREADS", threads)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    for format in ["human", "json"] {
        let serial = run("1", format);
        assert_eq!(serial.0, Some(1), "{format}: tests/bad has invalid reports");
        assert!(
            serial.1.len() + serial.2.len() > 10_000,
            "{format}: {serial:?}"
        );
        for threads in ["2", "7"] {
            assert!(
                run(threads, format) == serial,
                "{format}, {threads} threads"
            );
        }
    }
}

/// Lint warnings exit 0; `--deny` (a code or `warnings`) and reportc.toml's `[lint] deny` make
/// them fail (exit 1); an allow comment or `--allow` silences them.
#[test]
fn lint_warnings_exit_codes() {
    let f = "tests/lint/w0103_limit.yaml";
    let code = |args: &[&str]| reportc(args).status.code();
    assert_eq!(code(&["check", "--isolated", f]), Some(0));
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0103", f]),
        Some(1)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "warnings", f]),
        Some(1)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0101", f]),
        Some(0)
    );
    assert_eq!(
        code(&[
            "check",
            "--isolated",
            "--deny",
            "warnings",
            "--allow",
            "W0103",
            f
        ]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W9999", f]),
        Some(2)
    );
    // W0101 is allowed by its line's comment; the file's W0103 is not
    let allowed = "tests/lint/w0101_allowed.rpt";
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0101", allowed]),
        Some(0)
    );
    assert_eq!(
        code(&["check", "--isolated", "--deny", "W0103", allowed]),
        Some(1)
    );
    // the config's [lint] deny
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("reportc.toml");
    std::fs::write(&toml, "[lint]\ndeny = ['warnings']\n").unwrap();
    let cfg = toml.to_str().unwrap();
    assert_eq!(code(&["check", "--config", cfg, f]), Some(1));
    // two files of one report name: W0104 on the second, naming the first
    let two = tempfile::tempdir().unwrap();
    for n in ["a.yaml", "b.yaml"] {
        std::fs::copy(f, two.path().join(n)).unwrap();
    }
    let (a, b) = (two.path().join("a.yaml"), two.path().join("b.yaml"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = reportc(&[
        "check",
        "--isolated",
        "--allow",
        "W0103",
        "--deny",
        "W0104",
        a,
        b,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("W0104") && err.contains("a.yaml"), "{err}");
    assert_eq!(
        code(&["check", "--isolated", "--allow", "W0103", a, b]),
        Some(0)
    );
}

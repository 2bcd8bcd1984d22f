//! Hostile and huge input (issue 10): long flat lists compile without recursing once per item,
//! and the command line survives a closed stdout or a full disk. Bounds are asserted on sizes
//! and counts, never on time (speed is measured in `benches/`).

mod common;

use reportc::catalog::Catalog;
use reportc::diagnostics::SourceFile;
use reportc::sql::{SqlOptions, DIALECTS};
use reportc::InputFormat;

/// 20,000 `and`-ed filters compile for every dialect on a 2 MiB test thread (the old printer
/// recursed once per condition and overflowed at about 12,000 here; 60,000 aborted `compile`).
#[test]
fn a_long_and_chain_compiles_everywhere() {
    let n = 20_000;
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["credits>1"; n].join(" and ")
    );
    let file = SourceFile::new("and.rpt", text.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    let q = q.unwrap_or_else(|| panic!("{diags:?}"));
    for d in DIALECTS {
        let sql = reportc::sql::build_sql(&q, d, &SqlOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e:?}", d.name));
        // one condition a line: WHERE, then n lines
        assert_eq!(sql.matches(" AND\n").count(), n - 1, "{}", d.name);
    }
}

fn reportc() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_reportc"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

/// A closed stdout (`reportc ... | head`) ends the command quietly with its usual status.
#[test]
fn a_closed_stdout_ends_quietly() {
    use std::process::Stdio;
    let report = "reports/chatbot_checkpoint_funnel.rpt";
    let commands: &[&[&str]] = &[
        &["catalog", "sms", "--format", "json"],
        &["catalog"],
        &["dialects"],
        &["dialects", "--format", "json"],
        &["explain", "E0201"],
        &["convert", "--to", "yaml", report],
        &["compile", report],
        &["check", "--format", "json", "reports"],
    ];
    for args in commands {
        let mut child = reportc()
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

/// A stdout that cannot be written (`> /dev/full`) is an I/O error: exit 2 and a message.
#[test]
#[cfg_attr(not(target_os = "linux"), ignore = "needs Linux's /dev/full")]
fn a_full_stdout_is_an_io_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = reportc()
        .args(["compile", "reports/chatbot_checkpoint_funnel.rpt"])
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
}

/// The worst shapes under the 1 MiB cap check in linear time (duplicate keys, names and enum
/// values are found through maps, not by scanning what came before), and their rendering is
/// capped: 100,000 unknown keys, 100,000 DSL columns, an enum of 100,000 values.
#[test]
fn huge_inputs_check_and_render_bounded() {
    use reportc::diagnostics::{render_human, RenderOptions, MAX_SHOWN};
    let n = 100_000;
    let keys: String = (0..n).map(|i| format!("k{i}: 1\n")).collect();
    let cols: Vec<String> = (0..n).map(|i| format!("x{i}")).collect();
    let inputs = [
        (
            "keys.yaml",
            format!("report: r\nsource: sms\ncolumns:\n  - n: count()\n{keys}"),
            InputFormat::Yaml,
        ),
        (
            "cols.rpt",
            format!("report r\nfrom sms\nselect {}\n", cols.join(", ")),
            InputFormat::Dsl,
        ),
    ];
    for (name, text, format) in inputs {
        assert!(text.len() <= reportc::yaml::MAX_INPUT_BYTES, "{name}");
        let file = SourceFile::new(name, text.as_str());
        let (_, diags) = reportc::check_file(&file, format, Catalog::builtin());
        assert!(diags.len() >= n, "{name}: {}", diags.len());
        let human = render_human(&file, &diags, RenderOptions::default());
        assert_eq!(human.matches("\n  × ").count(), MAX_SHOWN + 1, "{name}");
        assert!(
            human.len() < (MAX_SHOWN + 1) * 2_000,
            "{name}: {}",
            human.len()
        );
    }
    let values: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    let catalog = format!(
        "catalog: big\nsources:\n  s:\n    table: s\n    columns:\n      e:\n        type: enum\n        values: [{}]\n",
        values.join(", ")
    );
    let (cat, diags) = reportc::catalog::parse_catalog(&catalog);
    assert!(!diags.has_errors(), "{:?}", diags.0.first());
    let cat = cat.unwrap();
    let report = "report r\nfrom s\nselect e, n = count()\nwhere e = 'v99999'\n";
    let file = SourceFile::new("enum.rpt", report);
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, &cat);
    assert!(q.is_some(), "{diags:?}");
}

/// The `.tmp` files in a folder (what an interrupted or failed write could leave behind).
fn temp_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// A folder of `n` small DSL reports, `r0.rpt` ... (each named after its file).
fn many_reports(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let text = format!("from sms\nselect origin, n{i} = count()\nwhere credits > {i}\n");
        std::fs::write(dir.path().join(format!("r{i}.rpt")), text).unwrap();
    }
    dir
}

/// Symbolic links planted at every name the old writer used (`.NAME.PID.tmp` for the next
/// few thousand process ids, `.NAME.tmp`) do not redirect the write out of the folder.
#[cfg(unix)]
#[test]
fn a_planted_symlink_does_not_redirect_the_write() {
    let reports = many_reports(1);
    let out = tempfile::tempdir().unwrap();
    let victim = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(victim.path(), "precious").unwrap();
    let me = std::process::id();
    let mut names = vec![".r0.sql.tmp".to_string(), "r0.sql.tmp".to_string()];
    names.extend((me..me + 3000).map(|p| format!(".r0.sql.{p}.tmp")));
    for n in &names {
        std::os::unix::fs::symlink(victim.path(), out.path().join(n)).unwrap();
    }
    let o = reportc()
        .arg("--isolated")
        .arg("compile")
        .arg(reports.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read_to_string(victim.path()).unwrap(), "precious");
    let sql = out.path().join("r0.sql");
    assert!(!std::fs::symlink_metadata(&sql)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&sql).unwrap().contains("COUNT(*)"));
    // the planted links are untouched, and nothing else is left
    assert_eq!(temp_files(out.path()).len(), names.len());
}

/// A write that fails (the `.sql` name is taken by a folder) is an I/O error (exit 2) and
/// leaves no temp file.
#[test]
fn a_failed_write_leaves_no_temp_file() {
    let reports = many_reports(3);
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(out.path().join("r1.sql/inside")).unwrap();
    let o = reportc()
        .arg("--isolated")
        .arg("compile")
        .arg(reports.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert!(
        temp_files(out.path()).is_empty(),
        "{:?}",
        temp_files(out.path())
    );
    assert!(out.path().join("r0.sql").is_file() && out.path().join("r2.sql").is_file());
}

/// `fmt` keeps a file's permissions (a 600 file stays 600) and rewrites the target of a
/// symbolic link, the link staying a link.
#[cfg(unix)]
#[test]
fn fmt_keeps_the_mode_and_the_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.rpt");
    std::fs::write(&real, "from sms\nselect   origin\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.rpt");
    std::os::unix::fs::symlink("real.rpt", &link).unwrap();
    let o = reportc()
        .args(["--isolated", "fmt"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        std::path::Path::new("real.rpt")
    );
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "from sms\nselect origin\n"
    );
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o600, "{mode:o}");
    assert!(temp_files(dir.path()).is_empty());
}

/// SIGTERM during `compile --out` of many reports: the temp file being written is removed,
/// and reportc exits 143. (SIGKILL cannot be caught; README "How files are written".)
#[cfg(unix)]
#[test]
fn a_killed_compile_leaves_no_temp_file() {
    let reports = many_reports(400);
    let mut killed = 0;
    for _ in 0..5 {
        let out = tempfile::tempdir().unwrap();
        let mut child = reportc()
            .arg("--isolated")
            .arg("compile")
            .arg(reports.path())
            .arg("--out")
            .arg(out.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // wait for the writing to start (the reports are all compiled first)
        let start = std::time::Instant::now();
        while std::fs::read_dir(out.path()).unwrap().next().is_none()
            && start.elapsed() < std::time::Duration::from_secs(60)
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let sent = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        let left = temp_files(out.path());
        assert!(left.is_empty(), "temp files left: {left:?}");
        match status.code() {
            Some(143) => killed += 1,
            Some(0) => {} // it finished first
            other => panic!("unexpected exit {other:?}"),
        }
    }
    assert!(killed > 0, "no run was interrupted while writing");
}

/// Reports that would write one `--out` file are refused, E0010 naming all of them, exit 1:
/// none of them is written (names differing only in case clash too), the others are.
#[test]
fn reports_writing_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for d in ["a", "b"] {
        std::fs::create_dir(r.join(d)).unwrap();
    }
    std::fs::write(r.join("a/r.yaml"), "source: sms\ncolumns: [origin]\n").unwrap();
    std::fs::write(r.join("b/r.rpt"), "from sms\nselect origin\n").unwrap();
    std::fs::write(r.join("b/R.rpt"), "from sms\nselect origin\n").unwrap();
    std::fs::write(
        r.join("b/other.rpt"),
        "report same\nfrom sms\nselect origin\n",
    )
    .unwrap();
    std::fs::write(r.join("b/ok.rpt"), "from sms\nselect origin\n").unwrap();
    std::fs::write(r.join("a/same.yaml"), "source: sms\ncolumns: [origin]\n").unwrap();
    let out = r.join("out");
    let o = reportc()
        .args(["--isolated", "compile", "--format", "json"])
        .arg(r.join("a"))
        .arg(r.join("b"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["invalid"], 5);
    // each clash is in its report's entry of the document
    let diags: Vec<&serde_json::Value> = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["diagnostics"].as_array().unwrap())
        .collect();
    assert_eq!(diags.len(), 5, "{json:#}");
    assert_eq!(json["diagnostics"], serde_json::json!([]));
    assert!(diags.iter().all(|d| d["code"] == "E0010"), "{json:#}");
    let msg = |file: &str| {
        diags
            .iter()
            .find(|d| d["file"].as_str().unwrap().ends_with(file))
            .map(|d| d["message"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no diagnostic for {file}: {json:#}"))
    };
    for f in ["a/r.yaml", "b/r.rpt", "b/R.rpt"] {
        let m = msg(f);
        assert!(
            m.contains("a/r.yaml`") && m.contains("b/r.rpt`") && m.contains("b/R.rpt`"),
            "{m}"
        );
        assert!(m.contains("none is written"), "{m}");
    }
    assert!(msg("b/other.rpt").contains("neither is written"));
    let written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written, ["ok.sql"]);
}

/// `demo-data` refuses a catalogue whose tables `x/y` and `x_y` would write one data file:
/// E0505 naming both, exit 2, nothing written.
#[test]
fn demo_data_refuses_tables_writing_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("cat.yaml");
    std::fs::write(
        &cat,
        "catalog: t\nsources:\n  a:\n    table: x/y\n    columns:\n      x:\n        type: text\n  b:\n    table: x_y\n    columns:\n      x:\n        type: text\n",
    )
    .unwrap();
    let out = dir.path().join("data");
    let o = reportc()
        .args(["--isolated", "demo-data", "--rows", "2", "--catalog"])
        .arg(&cat)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("E0505") && stderr.contains("`a` and `b`"),
        "{stderr}"
    );
    assert!(!out.exists());
}

/// A link inside a walked folder that points out of it (or nowhere) is not followed: a
/// pull request cannot make `check` read, and print lines of, a file outside the project.
#[cfg(unix)]
#[test]
fn a_link_out_of_the_walked_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::write(outside.join("secret.yaml"), "source: nowhere\n").unwrap();
    std::fs::write(tree.join("sub/a.yaml"), "source: sms\ncolumns: [origin]\n").unwrap();
    std::os::unix::fs::symlink(&outside, tree.join("out")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.yaml"), tree.join("s.yaml")).unwrap();
    std::os::unix::fs::symlink(tree.join("missing.yaml"), tree.join("dangling.yaml")).unwrap();
    // a link that stays inside is followed, and its file is checked once
    std::os::unix::fs::symlink(tree.join("sub"), tree.join("inner")).unwrap();
    let o = reportc()
        .args(["--isolated", "check", "--format", "json"])
        .arg(&tree)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["files"], 1, "{json}");
    assert!(!stdout.contains("nowhere"), "{stdout}");
    // naming the link itself on the command line is the user's choice: it is read
    let o = reportc()
        .args(["--isolated", "check"])
        .arg(tree.join("s.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

/// A folder with two `..` links and a `.` self-link: each report is checked once, and the
/// walk ends (issue 10: it looped forever, or checked one file 41 times).
#[cfg(unix)]
#[test]
fn symlink_loops_check_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("a.yaml"), "source: sms\ncolumns: [origin]\n").unwrap();
    std::fs::write(d.join("sub/b.rpt"), "from sms\nselect origin\n").unwrap();
    std::os::unix::fs::symlink("..", d.join("up")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(".", d.join("self")).unwrap();
    for cmd in [&["check", "--format", "json"][..], &["fmt", "--check"][..]] {
        let o = reportc()
            .arg("--isolated")
            .args(cmd)
            .arg(&d)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        if cmd[0] == "check" {
            assert_eq!(o.status.code(), Some(0), "{stdout}");
            let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(json["files"], 2, "{json}");
        } else {
            // `a.yaml` is not in canonical layout: listed once
            assert_eq!(o.status.code(), Some(1), "{stdout}");
            assert_eq!(stdout.lines().count(), 1, "{stdout}");
        }
    }
    let o = reportc()
        .args(["--isolated", "compile"])
        .arg(&d)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).matches("SELECT").count(),
        2
    );
}

/// A closed stderr (a closed pipe, or `2>&-`) does not panic: the command ends with its usual
/// status (`eprintln!` panicked, exit 101).
#[test]
fn a_closed_stderr_does_not_panic() {
    use std::process::Stdio;
    let bad = "tests/bad/03_unknown_key_colums.yaml";
    let commands: &[(&[&str], i32)] = &[
        (&["check", bad], 1),
        (&["compile", bad], 1),
        (&["explain", "E9999"], 2),
        (&["catalog", "nosuch"], 1),
        (&["check", "nowhere.yaml"], 2),
    ];
    for (args, code) in commands {
        let mut child = reportc()
            .args(*args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(*code), "{args:?}");
    }
    #[cfg(unix)]
    {
        let bin = env!("CARGO_BIN_EXE_reportc");
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("'{bin}' check {bad} 2>&-"))
            .current_dir(common::root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
    }
}

/// A `.rpt` with a byte order mark reads as without one; one with CR-only line endings is
/// refused with one diagnostic that says so (it read as one line, with misleading errors).
#[test]
fn a_bom_is_read_and_lone_crs_are_named() {
    let dsl = "report r\nfrom sms\nselect n = count()\n";
    let with_bom = format!("\u{feff}{dsl}");
    let file = SourceFile::new("bom.rpt", with_bom.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_some() && diags.is_empty(), "{diags:?}");
    let cr_only = dsl.replace('\n', "\r");
    let file = SourceFile::new("cr.rpt", cr_only.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_none());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].code.as_str(), "E0100");
    assert!(diags[0].message.contains("carriage return"), "{diags:?}");
    assert_eq!(diags[0].span.range(), 8..9, "the first lone CR");
    // CRLF is fine
    let crlf = dsl.replace('\n', "\r\n");
    let file = SourceFile::new("crlf.rpt", crlf.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_some() && diags.is_empty(), "{diags:?}");
}

/// `convert --to yaml` of a DSL comment holding NUL (or another character YAML cannot hold)
/// is an E0006 at that character, not an internal "this is a bug"; DSL to DSL keeps it.
#[test]
fn a_comment_yaml_cannot_hold_is_refused_by_convert() {
    use reportc::syntax::print::reprint;
    for bad in ['\0', '\u{1}', '\u{7f}', '\u{feff}'] {
        let text = format!("report r\nfrom sms\n# a {bad} b\nselect n = count()\n");
        let diags = reprint(&text, InputFormat::Dsl, InputFormat::Yaml).unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code.as_str(), "E0006", "{diags:?}");
        assert_eq!(diags[0].span.start as usize, text.find(bad).unwrap());
        assert!(!diags[0].help.as_deref().unwrap_or("").contains("bug"));
        let same = reprint(&text, InputFormat::Dsl, InputFormat::Dsl).unwrap();
        assert!(same.contains(bad), "{same:?}");
    }
    // a tab and non-ASCII text are fine in YAML comments
    let text = "report r\nfrom sms\n# a\tb é 😀\nselect n = count()\n";
    let yaml = reprint(text, InputFormat::Dsl, InputFormat::Yaml).unwrap();
    assert!(yaml.contains("# a\tb é 😀"), "{yaml}");
}

/// A `table:` name the dialect cannot quote (a `"` on Oracle) is refused with E0400 pointing
/// at the report's `from` / `source:` (it had no place).
#[test]
fn a_table_name_refused_by_the_dialect_has_a_span() {
    let cat = "catalog: t\nsources:\n  s:\n    table: 'x\"y'\n    columns:\n      x:\n        type: text\n";
    let (cat, diags) = reportc::catalog::parse_catalog(cat);
    let cat = cat.unwrap_or_else(|| panic!("{diags:?}"));
    let oracle = reportc::sql::dialect_by_name("oracle").unwrap();
    for (name, text, format, at) in [
        (
            "r.yaml",
            "source: s\ncolumns: [x]\n",
            InputFormat::Yaml,
            8..9,
        ),
        ("r.rpt", "from s\nselect x\n", InputFormat::Dsl, 5..6),
    ] {
        let file = SourceFile::new(name, text);
        let diags =
            reportc::compile_file(&file, format, &cat, oracle, &SqlOptions::default()).unwrap_err();
        assert_eq!(diags[0].code.as_str(), "E0400", "{diags:?}");
        assert_eq!(diags[0].span.range(), at, "{name}");
    }
}

/// 57,242 `and`-ed conditions on one unknown column (the fuzzer's timeout, fuzz/FINDINGS.md
/// finding 5): each gets its diagnostic and help; the did-you-mean is computed once per
/// name (it was computed 57,242 times, 87 % of the time). The time bound is the fuzz
/// replay's 10 s timeout (`fuzz/regressions/huge_input/`); here, the diagnostics.
#[test]
fn a_repeated_unknown_name_is_diagnosed_every_time() {
    let n = 57_242;
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["ruppeer= '('"; n].join(" and ")
    );
    assert!(text.len() <= reportc::yaml::MAX_INPUT_BYTES);
    let file = SourceFile::new("t.rpt", text.as_str());
    let (q, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert!(q.is_none());
    assert_eq!(diags.len(), n);
    let help = diags[0].help.clone();
    assert!(help.is_some());
    assert!(diags.iter().all(|d| d.help == help));
    // a near miss gets its suggestion each time
    let text = format!(
        "report r\nfrom sms\nselect n = count()\nwhere {}\n",
        vec!["orign = 'x'"; 1000].join(" and ")
    );
    let file = SourceFile::new("t.rpt", text.as_str());
    let (_, diags) = reportc::check_file(&file, InputFormat::Dsl, Catalog::builtin());
    assert_eq!(diags.len(), 1000);
    assert!(
        diags
            .iter()
            .all(|d| d.help.as_deref() == Some("did you mean `origin`?")),
        "{:?}",
        diags[0]
    );
}

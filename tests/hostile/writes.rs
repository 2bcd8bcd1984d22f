//! Writes and folders under attack: planted symbolic links, failed and killed writes, `fmt`
//! keeping a file's mode and link, reports or tables that would write one file, and links out
//! of (or looping inside) a walked folder.

use super::reportc;

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

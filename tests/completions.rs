//! `reportc completions SHELL` and `reportc man`: generated from the argument definitions, so
//! they name every command and option of the binary.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_reportc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn completions_for_bash_zsh_and_fish_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F _reportc"),
        ("zsh", "#compdef reportc"),
        ("fish", "complete -c reportc"),
    ] {
        let (code, text) = run(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        assert!(text.contains(marker), "{shell}: no `{marker}`");
        for word in ["compile", "check", "fmt", "explain", "diff", "catalog"] {
            assert!(text.contains(word), "{shell}: `{word}` not completed");
        }
    }
    let (code, _) = run(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
}

#[test]
fn man_pages_are_roff() {
    let (code, page) = run(&["man"]);
    assert_eq!(code, Some(0));
    assert!(page.contains(".TH reportc 1"), "{page}");
    assert!(page.contains("reportc\\-compile(1)"), "{page}");
    let (code, page) = run(&["man", "fmt"]);
    assert_eq!(code, Some(0));
    assert!(page.contains(".TH reportc-fmt 1"), "{page}");
    assert!(page.contains("\\-\\-diff"), "{page}");
    let (code, _) = run(&["man", "nope"]);
    assert_eq!(code, Some(2));
}

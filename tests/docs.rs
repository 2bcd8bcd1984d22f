//! Generated documentation stays in step with the code.

use reportc::catalog::{catalog_markdown, Catalog};
use reportc::diagnostics::Code;

#[test]
fn catalog_page_is_up_to_date() {
    let want = catalog_markdown(Catalog::builtin()).unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/catalog.md");
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/catalog.md is stale: run `cargo run -q -- catalog --format markdown > docs/catalog.md`"
    );
}

#[test]
fn readme_lists_every_diagnostic_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for c in Code::ALL {
        assert!(
            readme.contains(&format!("| {} |", c.as_str())),
            "README does not list {}",
            c.as_str()
        );
    }
}

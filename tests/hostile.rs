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

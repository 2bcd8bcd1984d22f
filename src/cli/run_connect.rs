//! `reportc run --connect URL`: compile the report for the URL's dialect (relative ranges at
//! `--as-of`, or now), run it on that database (`reportc::run::connect`) and print the rows
//! through the same printers as the embedded engine. Works in every build; each database's
//! client is a cargo feature.

use super::args::RunArgs;
use super::exit::{ExitStatus, Outcome};

pub fn run_connect(a: RunArgs) -> Outcome {
    use super::arg_values::{as_of_or_now, dialect};
    use super::input::{format_of, read_or_report};
    use super::load_catalog::load_catalog;
    use super::output::{out, Printer};
    use reportc::diagnostics::Code;
    use reportc::run::connect::{query, Limits, Target};
    use reportc::run::{render, DataError};
    use reportc::sql::SqlOptions;
    use std::time::Duration;

    let mut p = Printer::human();
    let url = a.connect.as_deref().unwrap_or_default();
    let target = Target::parse(url, &|k| std::env::var(k).ok()).map_err(|e| {
        p.data_errors(&[e.into_data_error()]);
        ExitStatus::Usage
    })?;
    let name = target.kind.dialect();
    if let Some(d) = a.dialect.as_deref() {
        let given = dialect(d, &p)?;
        if given.name != name {
            let msg = format!(
                "-d {} disagrees with `{}`, a {name} database",
                given.name,
                target.redacted()
            );
            p.data_errors(
                &[
                    DataError::new(Code::ConnectDialect, target.redacted(), msg).with_help(
                        format!("drop -d: the dialect follows the URL's scheme (here {name})"),
                    ),
                ],
            );
            return Err(ExitStatus::Usage);
        }
    }
    let d = dialect(name, &p)?;
    let cat = load_catalog(&a.catalog, &mut p)?;
    let anchor = as_of_or_now(a.as_of.as_deref(), &p)?;
    let file = read_or_report(&a.report, &mut p).ok_or(ExitStatus::Io)?;
    let fmt = format_of(&a.report)
        .ok_or_else(|| p.usage(format!("`{}` is not a report file", a.report)))?;
    let opts = SqlOptions {
        as_of: Some(anchor),
    };
    let compiled = match reportc::compile_report(&file, fmt, &cat, d, &opts) {
        Ok(c) => c,
        Err(diags) => {
            p.diags(&file, &diags);
            return Ok(ExitStatus::Invalid);
        }
    };
    let limits = Limits {
        timeout: Duration::from_secs(a.timeout),
    };
    match query(&target, &compiled.sql, &compiled.columns, limits) {
        Ok(rs) => {
            out(&render(&rs, a.format.into()));
            Ok(ExitStatus::Ok)
        }
        Err(e) => {
            let status = match e.code() {
                Code::ConnectQuery | Code::ConnectTimeout => ExitStatus::Invalid,
                _ => ExitStatus::Io,
            };
            p.data_errors(&[e.into_data_error()]);
            Ok(status)
        }
    }
}

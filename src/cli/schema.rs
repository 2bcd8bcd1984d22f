//! `reportc schema`: the JSON Schema of report YAML for the catalogue.

use super::args::SchemaArgs;
use super::exit::{ExitStatus, Outcome};
use super::load_catalog::load_catalog;
use super::output::{out, Printer};

pub fn schema(a: SchemaArgs) -> Outcome {
    let cat = load_catalog(&a.catalog, &mut Printer::human())?;
    out(&reportc::schema::report_schema_json(&cat));
    Ok(ExitStatus::Ok)
}

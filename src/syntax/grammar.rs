//! The pest binding of the grammar in `grammar/report.pest`: expressions (`expr`) and the DSL
//! (`dsl_file`), which reuses them. [`Rule`] names every rule of the grammar.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/report.pest"]
pub struct ReportParser;

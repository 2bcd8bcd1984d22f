//! Amazon Athena engine version 3, a Trino variant: "Functions in Athena engine version 3 are
//! based on Trino", so it has Trino's row and renderings, with the words Athena reserves in
//! SELECT statements besides Trino's. Sources: docs.aws.amazon.com/athena/latest/ug
//! (functions-env3, reserved-words, engine-versions-reference-0003); see
//! docs/research/dialect-facts.md.

use super::trino;
use crate::sql::dialect::*;

pub static DIALECT: Dialect = Dialect {
    name: "athena",
    display: "Athena",
    parent: Some(&trino::DIALECT),
    // Trino's words, and those Athena lists for SELECT statements
    reserved: concat!(
        include_str!("../reserved/trino.txt"),
        include_str!("../reserved/athena.txt")
    ),
    functions: &[],
    families: &[],
    caches: &CACHES,
    ..trino::ROW
};

static CACHES: Caches = Caches::new();

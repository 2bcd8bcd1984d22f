//! `reportc dialects`: the dialects and the capability matrix (the library's text), or their
//! names as JSON.

use super::args::ListingFormat;
use super::exit::{ExitStatus, Outcome};
use super::output::{out, out_json};
use reportc::sql::{matrix, DIALECTS};

pub fn dialects(format: ListingFormat) -> Outcome {
    match format {
        ListingFormat::Markdown => out(&matrix::markdown()),
        ListingFormat::Json => {
            let v: Vec<_> = DIALECTS
                .iter()
                .map(|d| serde_json::json!({"name": d.name, "product": d.display}))
                .collect();
            out_json(&serde_json::Value::Array(v));
        }
        ListingFormat::Human => out(&matrix::text()),
    }
    Ok(ExitStatus::Ok)
}

//! `reportc catalog`: the data sources, one source's columns, or the whole catalogue as a
//! Markdown page (the texts are the library's, `reportc::catalog::listing`).

use super::args::{CatalogArgs, ListingFormat};
use super::exit::{ExitStatus, Outcome};
use super::load_catalog::load_catalog;
use super::output::{out, out_json, Printer};
use reportc::catalog::{self, BUILTIN_NAME};

pub fn catalog(a: CatalogArgs) -> Outcome {
    let mut p = Printer::new(a.format.diagnostics());
    let cat = load_catalog(&a.catalog, &mut p)?;
    if a.format == ListingFormat::Markdown && a.source.is_none() {
        out(&catalog::catalog_markdown(&cat).map_err(|e| p.usage(e))?);
        return Ok(ExitStatus::Ok);
    }
    let json = a.format == ListingFormat::Json;
    let Some(id) = a.source else {
        if json {
            out_json(&catalog::sources_json(&cat));
        } else {
            let origin = match a.catalog {
                None => BUILTIN_NAME,
                Some(_) => "the catalogue file",
            };
            out(&catalog::sources_text(&cat, origin));
        }
        return Ok(ExitStatus::Ok);
    };
    let Some(s) = cat.source(&id) else {
        let ids: Vec<&str> = cat.sources.iter().map(|s| s.id.as_str()).collect();
        let hint = reportc::diagnostics::did_you_mean(&id, ids.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        p.error(format!(
            "unknown data source `{id}`{hint}; sources: {}",
            ids.join(", ")
        ));
        return Err(ExitStatus::Invalid);
    };
    if a.format == ListingFormat::Markdown {
        // the page of this source alone
        let one = catalog::Catalog {
            sources: vec![s.clone()],
            ..cat.clone()
        };
        out(&catalog::catalog_markdown(&one).map_err(|e| p.usage(e))?);
    } else if json {
        out_json(&catalog::source_json(s));
    } else {
        out(&catalog::source_text(s));
    }
    Ok(ExitStatus::Ok)
}

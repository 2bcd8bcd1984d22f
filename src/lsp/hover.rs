//! `textDocument/hover` and `textDocument/definition`.

use super::catalog::CatalogState;
use super::docs;
use super::lookup::{target_at, Target};
use super::text::{Encoding, Text};
use crate::diagnostics::Diagnostic;
use crate::InputFormat;
use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind, Uri};

/// The hover at a byte offset: what the word stands for, else the explanation of the
/// diagnostic under the cursor.
pub fn hover(
    doc: &Text,
    format: InputFormat,
    offset: usize,
    cat: &CatalogState,
    diagnostics: &[Diagnostic],
    enc: Encoding,
) -> Option<Hover> {
    let found = target_at(&doc.text, format, offset, &cat.catalog);
    let (value, (a, b)) = match found {
        Some((t, range)) => {
            let md = match t {
                Target::Key(k) => format!("**{}** (DSL `{}`)\n\n{}", k.key, k.clause, k.doc),
                Target::Source(s) => docs::source(s),
                Target::Column(s, c) => docs::column(s, c),
                Target::Measure(s, m) => docs::measure(s, m),
                Target::Value(c, v) => docs::value(c, v),
                Target::Function(f) => docs::function(f),
                Target::Output(n, _) => format!("**{n}**: an output column of this report"),
                Target::Code(c) => docs::code(c),
            };
            (md, range)
        }
        None => {
            let d = diagnostics
                .iter()
                .find(|d| (d.span.start as usize) <= offset && offset <= d.span.end as usize)?;
            (
                docs::code(d.code),
                (d.span.start as usize, d.span.end as usize),
            )
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(a, b, enc)),
    })
}

/// Where the source, column or output name at a byte offset is defined: the catalogue file
/// for sources and columns, the report itself for output names.
pub fn definition(
    doc: &Text,
    uri: &Uri,
    format: InputFormat,
    offset: usize,
    cat: &CatalogState,
    enc: Encoding,
) -> Option<Location> {
    let (target, _) = target_at(&doc.text, format, offset, &cat.catalog)?;
    let in_catalog = |source: &str, column: Option<&str>| {
        let (cat_uri, cat_text) = cat.file.as_ref()?;
        let span = cat.span_of(source, column)?;
        Some(Location::new(
            cat_uri.clone(),
            cat_text.range(span.start as usize, span.end as usize, enc),
        ))
    };
    match target {
        Target::Source(s) => in_catalog(&s.id, None),
        Target::Column(s, c) => in_catalog(&s.id, Some(&c.id)),
        Target::Measure(_, m) => {
            // the catalogue was parsed from this text: the measure's span is in it
            let (cat_uri, cat_text) = cat.file.as_ref()?;
            Some(Location::new(
                cat_uri.clone(),
                cat_text.range(m.span.start as usize, m.span.end as usize, enc),
            ))
        }
        Target::Output(_, span) => Some(Location::new(
            uri.clone(),
            doc.range(span.start as usize, span.end as usize, enc),
        )),
        _ => None,
    }
}

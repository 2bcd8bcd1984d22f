//! What the word under the cursor stands for: a key or clause, a source, a column, an enum
//! value, a function, an output name or a diagnostic code. Hover and go to definition use it.

use super::cursor::{self, compared_column, place, tokenize, word_at, Section, Tok};
use super::vocab::{self, Function};
use crate::catalog::{Catalog, Column, EnumValue, Measure, Source};
use crate::diagnostics::{Code, Span};
use crate::schema::keys::{self, KeyDoc};
use crate::InputFormat;

#[derive(Debug)]
pub enum Target<'c> {
    Key(&'static KeyDoc),
    Source(&'c Source),
    Column(&'c Source, &'c Column),
    Measure(&'c Source, &'c Measure),
    Value(&'c Column, &'c EnumValue),
    Function(&'static Function),
    /// An output name of the report, and the span that defines it.
    Output(String, Span),
    Code(Code),
}

/// The target at a byte offset, with the byte range it covers.
pub fn target_at<'c>(
    text: &str,
    format: InputFormat,
    offset: usize,
    cat: &'c Catalog,
) -> Option<(Target<'c>, (usize, usize))> {
    let offset = offset.min(text.len());
    let word = word_at(text, offset);
    if let Some((ws, we)) = word {
        let w = &text[ws..we];
        if is_code(w) {
            if let Some(c) = Code::parse(w) {
                return Some((Target::Code(c), (ws, we)));
            }
        }
    }
    let at = word.map_or(offset, |(ws, _)| ws);
    let p = place(text, format, at);
    match p.section {
        Section::Key => {
            let (ws, we) = word?;
            let w = &text[ws..we];
            let k = match format {
                InputFormat::Yaml => keys::key(w),
                InputFormat::Dsl => keys::clause(w),
            }?;
            Some((Target::Key(k), (ws, we)))
        }
        Section::Source => {
            let (ws, we) = word?;
            let s = cat.source(&text[ws..we])?;
            Some((Target::Source(s), (ws, we)))
        }
        s if s.is_expr() => in_expression(text, format, p.start, offset, cat),
        _ => None,
    }
}

fn in_expression<'c>(
    text: &str,
    format: InputFormat,
    start: usize,
    offset: usize,
    cat: &'c Catalog,
) -> Option<(Target<'c>, (usize, usize))> {
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let toks = tokenize(text, start, line_end);
    let i = toks
        .iter()
        .position(|t| t.start <= offset && offset < t.end)
        .or_else(|| {
            toks.iter()
                .position(|t| t.end == offset && matches!(t.kind, Tok::Word | Tok::Quoted))
        })?;
    let t = toks[i];
    let range = (t.start, t.end);
    let source = cursor::source_of(text, format).and_then(|id| cat.source(&id));
    match t.kind {
        Tok::Str { .. } => {
            let column = compared_column(text, &toks, i)?;
            let c = source?.column(&column)?;
            let v = c.enum_value(t.string_value(text)?)?;
            Some((Target::Value(c, v), range))
        }
        Tok::Word | Tok::Quoted => {
            let name = t.name(text)?;
            let called = toks
                .get(i + 1)
                .is_some_and(|n| n.kind == Tok::Punct && n.text(text) == "(");
            if called {
                return vocab::function(&name).map(|f| (Target::Function(f), range));
            }
            if let Some((s, c)) = source.and_then(|s| s.column(&name).map(|c| (s, c))) {
                return Some((Target::Column(s, c), range));
            }
            let outputs = super::docs::outputs(text, format);
            let output = outputs.iter().find(|(n, _)| *n == name);
            // an output `- abandon_rate` is the measure itself; `- abandon_rate: ...` hides it
            let named = output.is_some_and(|(_, span)| {
                let after = text[span.end as usize..].trim_start();
                after.starts_with(':') || after.starts_with('=')
            });
            if let Some((s, m)) = source.and_then(|s| s.measure(&name).map(|m| (s, m))) {
                if !named {
                    return Some((Target::Measure(s, m), range));
                }
            }
            output.map(|(n, span)| (Target::Output(n.clone(), *span), range))
        }
        _ => None,
    }
}

/// `E` and four digits.
fn is_code(w: &str) -> bool {
    w.len() == 5 && w.starts_with(['E', 'e']) && w[1..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str, needle: &str) -> Option<String> {
        let offset = text.find(needle).expect(needle) + 1;
        let fmt = if text.starts_with("from") {
            InputFormat::Dsl
        } else {
            InputFormat::Yaml
        };
        target_at(text, fmt, offset, Catalog::builtin()).map(|(t, (a, b))| {
            let what = match t {
                Target::Key(k) => format!("key {}", k.key),
                Target::Source(s) => format!("source {}", s.id),
                Target::Column(_, c) => format!("column {}", c.id),
                Target::Measure(_, m) => format!("measure {}", m.id),
                Target::Value(c, v) => format!("value {} of {}", v.label, c.id),
                Target::Function(f) => format!("function {}", f.name),
                Target::Output(n, _) => format!("output {n}"),
                Target::Code(c) => format!("code {c}"),
            };
            format!("{what} @{}", &text[a..b])
        })
    }

    #[test]
    fn yaml_targets() {
        let t = "# E0202: a typo\nsource: incoming_message_distributions\ncolumns:\n  - queue\n  - avg_wait: avg(wait_time)\nfilters:\n  - messaging_type in ('chat', 'whatsapp')\norder_by: avg_wait desc\n";
        assert_eq!(target(t, "E0202").unwrap(), "code E0202 @E0202");
        assert_eq!(target(t, "source").unwrap(), "key source @source");
        assert_eq!(
            target(t, "incoming").unwrap(),
            "source incoming_message_distributions @incoming_message_distributions"
        );
        assert_eq!(target(t, "queue").unwrap(), "column queue @queue");
        assert_eq!(target(t, "avg(").unwrap(), "function avg @avg");
        assert_eq!(
            target(t, "wait_time)").unwrap(),
            "column wait_time @wait_time"
        );
        assert_eq!(
            target(t, "'whatsapp'").unwrap(),
            "value WhatsApp of messaging_type @'whatsapp'"
        );
        assert_eq!(
            target(t, "avg_wait desc").unwrap(),
            "output avg_wait @avg_wait"
        );
        assert_eq!(target(t, "a typo"), None);
        let m = "source: incoming_message_distributions\ncolumns:\n  - queue\n  - abandon_rate\nhaving: [abandon_rate > 0.1]\n";
        assert_eq!(
            target(m, "abandon_rate\n").unwrap(),
            "measure abandon_rate @abandon_rate"
        );
        assert_eq!(
            target(m, "abandon_rate >").unwrap(),
            "measure abandon_rate @abandon_rate"
        );
    }

    #[test]
    fn dsl_targets() {
        let t = "from sms\nselect recipient, n = count()\nwhere status = 'delivered'\n";
        assert_eq!(target(t, "from").unwrap(), "key source @from");
        assert_eq!(target(t, "sms").unwrap(), "source sms @sms");
        assert_eq!(
            target(t, "recipient").unwrap(),
            "column recipient @recipient"
        );
    }
}

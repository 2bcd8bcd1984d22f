//! The catalogue as a Markdown page (`reportc catalog --format markdown`, `docs/catalog.md`),
//! rendered with minijinja from `templates/catalog.md.j2`.

use super::{Catalog, ColumnType};

const TEMPLATE: &str = include_str!("../../templates/catalog.md.j2");

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn catalog_markdown(cat: &Catalog) -> Result<String, String> {
    let sources: Vec<_> = cat
        .sources
        .iter()
        .map(|s| {
            let columns: Vec<_> = s
                .columns
                .iter()
                .map(|c| {
                    let values: Vec<String> = match &c.ty {
                        ColumnType::Enum(v, _) => v
                            .iter()
                            .map(|v| {
                                if v.code == v.label {
                                    format!("`{}`", cell(&v.label))
                                } else {
                                    format!("`{}` (stored `{}`)", cell(&v.label), cell(&v.code))
                                }
                            })
                            .collect(),
                        _ => vec![],
                    };
                    minijinja::context! {
                        id => c.id, label => cell(&c.label), description => cell(&c.description),
                        type => c.ty.describe(), nullable => c.nullable, values => values,
                        decision => c.decision.as_deref().map(cell), relations => c.relations(),
                    }
                })
                .collect();
            let measures: Vec<_> = s
                .measures
                .iter()
                .map(|m| {
                    minijinja::context! {
                        id => m.id, label => cell(&m.label), description => cell(&m.description),
                        expr => cell(&m.text), kind => super::listing::measure_kind(m),
                        decision => m.decision.as_deref().map(cell),
                    }
                })
                .collect();
            minijinja::context! {
                id => s.id, label => cell(&s.label), description => cell(&s.description),
                table => s.table.join("."), decision => s.decision.as_deref().map(cell), columns => columns,
                measures => measures,
            }
        })
        .collect();
    let mut env = minijinja::Environment::new();
    env.add_template("catalog", TEMPLATE)
        .map_err(|e| e.to_string())?;
    let t = env.get_template("catalog").map_err(|e| e.to_string())?;
    t.render(minijinja::context! { catalog => minijinja::context! {
        name => cat.name, description => cat.description, sources => sources,
    }})
    .map_err(|e| e.to_string())
}

//! `pactum lookup`: institutions and technology areas by any of their
//! names (key, name, acronym, alias, former name), whatever the case,
//! width or accents.

use pactum::names::Lookup;
use pactum::{Entity, Institution, TechArea};
use serde_json::Value;

use crate::fail::{Fail, Outcome};
use crate::input::DataArg;
use crate::output::{col, Column, FormatArg, Listing, Out};

/// Find institutions and technology areas called NAME. Exits with 1, with
/// the closest names, when none is.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The name to look for (`MSIT`, `Ministry of Science and ICT`, `5G`).
    name: String,
    /// Look among institutions only, or technology areas only.
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    #[command(flatten)]
    data: DataArg,
    #[command(flatten)]
    format: FormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// Institutions.
    Institution,
    /// Technology areas.
    Area,
}

const MATCHES: &[Column] = &[
    col("entity", 12),
    col("key", 39),
    col("matched_by", 15),
    col("text", 30),
    col("name", 0),
];

fn rows<E: Entity>(found: &Lookup<'_, E>, name: fn(&E) -> &str) -> Vec<Vec<Value>> {
    found
        .matches()
        .iter()
        .map(|m| {
            vec![
                E::KIND.to_string().into(),
                m.entity().key().as_str().into(),
                m.matched_by().to_string().into(),
                m.text().into(),
                name(m.entity()).into(),
            ]
        })
        .collect()
}

/// Runs `pactum lookup`.
pub fn run(args: &Args) -> Result<Outcome, Fail> {
    let registry = args.data.load()?;
    let institutions =
        (args.kind != Some(Kind::Area)).then(|| registry.lookup_institution(&args.name));
    let areas =
        (args.kind != Some(Kind::Institution)).then(|| registry.lookup_tech_area(&args.name));
    let mut found = Vec::new();
    if let Some(l) = &institutions {
        found.extend(rows(l, Institution::name));
    }
    if let Some(l) = &areas {
        found.extend(rows(l, TechArea::name));
    }
    if found.is_empty() {
        return Err(Fail::Data(nothing(
            &args.name,
            institutions.as_ref(),
            areas.as_ref(),
        )));
    }
    let mut out = Out::stdout();
    let mut listing = Listing::start(&mut out, args.format.format, MATCHES)?;
    for row in found {
        listing.row(row)?;
    }
    listing.finish()?;
    out.finish()?;
    Ok(Outcome::Success)
}

/// "No institution or technology area is called ...", with the closest
/// names of either kind.
fn nothing(
    name: &str,
    institutions: Option<&Lookup<'_, Institution>>,
    areas: Option<&Lookup<'_, TechArea>>,
) -> String {
    match (institutions, areas) {
        (Some(l), None) => l.to_string(),
        (None, Some(l)) => l.to_string(),
        _ => {
            let mut close: Vec<(f64, String)> = Vec::new();
            if let Some(l) = institutions {
                close.extend(
                    l.suggestions()
                        .iter()
                        .map(|s| (s.similarity(), format!("{:?}", s.text()))),
                );
            }
            if let Some(l) = areas {
                close.extend(
                    l.suggestions()
                        .iter()
                        .map(|s| (s.similarity(), format!("{:?}", s.text()))),
                );
            }
            close.sort_by(|a, b| b.0.total_cmp(&a.0));
            let texts: Vec<String> = close.into_iter().take(3).map(|(_, t)| t).collect();
            let mut message = format!("no institution or technology area is called {name:?}");
            if !texts.is_empty() {
                message.push_str(&format!("; did you mean {}?", texts.join(", ")));
            }
            message
        }
    }
}

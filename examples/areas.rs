//! The technology taxonomy, what the seed dataset's partnerships cover, how
//! much of each official technology list the dataset's cooperation reaches,
//! and what each list calls the areas the partnerships name.
//!
//! ```text
//! cargo run --example areas
//! ```

#[macro_use]
mod common;

use std::collections::HashSet;

use pactum::crosswalk::{Mapping, LISTS};
use pactum::{Registry, TechArea};

const USAGE: &str = "usage: areas\n\nThe taxonomy tree, partnerships x areas, and the coverage of the US,\nKorean and EU technology lists.";

fn main() {
    common::Args::parse(USAGE, &[], &[]);
    let registry = pactum::seed();
    print_tree(&registry);
    say!();
    print_partnership_table(&registry);
    say!();
    print_crosswalks(&registry);
    print_names_by_list(&registry);
}

/// Every area under its parents; an area with several parents is printed
/// under each of them.
fn print_tree(registry: &Registry) {
    say!(
        "Technology taxonomy ({} areas)",
        registry.tech_areas().len()
    );
    for root in registry
        .tech_areas()
        .iter()
        .filter(|a| a.parents().is_empty())
    {
        print_subtree(registry, root, 1);
    }
}

fn print_subtree(registry: &Registry, area: &TechArea, depth: usize) {
    let also: Vec<&str> = area.parents().iter().map(|p| p.as_str()).collect();
    let note = if also.len() > 1 {
        format!("  (under {})", also.join(", "))
    } else {
        String::new()
    };
    say!(
        "{:indent$}{} [{}]{note}",
        "",
        area.name(),
        area.key(),
        indent = depth * 2
    );
    for child in registry.area_children(area.key().as_str()) {
        print_subtree(registry, child, depth + 1);
    }
}

/// Areas × partnerships: `#` when the partnership's cooperation (its own
/// tags, its meetings, MOUs and their commitments) names the area, `+` when
/// it names only narrower areas under it.
fn print_partnership_table(registry: &Registry) {
    let partnerships = registry.partnerships();
    let tagged: Vec<HashSet<&str>> = partnerships
        .iter()
        .map(|p| {
            registry
                .partnership_areas(p.key().as_str())
                .into_iter()
                .collect()
        })
        .collect();
    say!("Coverage of the seed partnerships (# named, + only narrower areas named)");
    for (i, p) in partnerships.iter().enumerate() {
        say!("  {}: {} [{}]", column(i), p.name(), p.key());
    }
    let width = registry
        .tech_areas()
        .iter()
        .map(|a| a.key().as_str().len())
        .max()
        .unwrap_or(0);
    let header: String = (0..partnerships.len())
        .map(|i| format!(" {}", column(i)))
        .collect();
    say!("  {:width$}{header}", "area");
    for area in registry.tech_areas() {
        let key = area.key().as_str();
        let below: Vec<&str> = registry
            .area_descendants(key)
            .iter()
            .map(|a| a.key().as_str())
            .collect();
        let cells: Vec<char> = tagged
            .iter()
            .map(|set| {
                if set.contains(key) {
                    '#'
                } else if below.iter().any(|b| set.contains(b)) {
                    '+'
                } else {
                    '.'
                }
            })
            .collect();
        if cells.iter().all(|&c| c == '.') {
            continue;
        }
        let row: String = cells.iter().map(|c| format!(" {c}")).collect();
        say!("  {key:width$}{row}");
    }
}

fn column(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}

/// For each official list, every area with its mapping and the cooperation
/// that covers it.
fn print_crosswalks(registry: &Registry) {
    for list in LISTS {
        let coverage = registry.list_coverage(list);
        let covered = coverage.iter().filter(|c| !c.is_uncovered()).count();
        say!(
            "{} ({}, {}): {covered} of {} areas have cooperation in the dataset",
            list.name(),
            list.publisher(),
            list.published(),
            coverage.len()
        );
        for c in &coverage {
            let area = c.area();
            let mapping = match area.mapping() {
                Mapping::Areas(keys) => keys.join(", "),
                Mapping::Unmapped(why) => format!("unmapped: {why}"),
                _ => String::from("?"),
            };
            let who: Vec<&str> = c.subjects().iter().map(|s| s.key()).collect();
            let who = if who.is_empty() {
                String::from("none")
            } else {
                who.join(", ")
            };
            say!("  {:>2}. {} -> {mapping}", area.number(), area.name());
            say!("      covered by: {who}");
        }
        say!();
    }
}

/// For each area a seed partnership names, the listed area of each official
/// list that covers it: what the US, Korea and the EU call it.
fn print_names_by_list(registry: &Registry) {
    say!("What each list calls the areas of the seed partnerships");
    let mut keys: Vec<&str> = registry
        .partnerships()
        .iter()
        .flat_map(|p| registry.partnership_areas(p.key().as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        say!("  {key}");
        let listed = registry.listed_areas_for(key);
        for list in LISTS {
            let names: Vec<String> = listed
                .iter()
                .filter(|(l, _)| l.key() == list.key())
                .map(|(_, a)| format!("{}. {}", a.number(), a.name()))
                .collect();
            let names = if names.is_empty() {
                String::from("-")
            } else {
                names.join("; ")
            };
            say!("    {:<17} {names}", list.key());
        }
    }
}

//! GraphViz DOT pictures: the institution hierarchy and the signing network.
//!
//! The output is plain DOT text; render it with `dot -Tsvg`. The hierarchy
//! groups institutions in one cluster per country or bloc.
//!
//! ```
//! use pactum::analysis;
//!
//! let registry = pactum::seed();
//! let hierarchy = pactum::export::dot::hierarchy(registry.institutions());
//! assert!(hierarchy.contains("\"kr-gov\" -> \"kr-msit\";"));
//! let network = analysis::network(&registry, analysis::agreements(&registry));
//! let picture = pactum::export::dot::network(&network);
//! assert!(picture.starts_with("graph signing_network {"));
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::analysis::Network;
use crate::model::country::Country;
use crate::model::institution::Institution;

/// Quotes a DOT identifier or label.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The institution hierarchy as a directed graph, parent → child, one
/// cluster per country or bloc, and one, last, labelled "no country" for the
/// institutions recorded without one. Nodes are labelled with the acronym (or the
/// name) and the kind; a parent outside the given institutions is drawn as a
/// plain node so every edge has both ends.
pub fn hierarchy<'r>(institutions: impl IntoIterator<Item = &'r Institution>) -> String {
    // Keyed so that the institutions without a country come last.
    let mut by_country: BTreeMap<(bool, Option<Country>), Vec<&Institution>> = BTreeMap::new();
    for i in institutions {
        by_country
            .entry((i.country().is_none(), i.country()))
            .or_default()
            .push(i);
    }
    let mut out = String::from(
        "digraph institutions {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n",
    );
    let mut edges = Vec::new();
    for ((_, country), mut members) in by_country {
        members.sort_by(|a, b| a.key().cmp(b.key()));
        let (id, label) = country.map_or(("none", "no country"), |c| (c.code(), c.code()));
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{id}")));
        let _ = writeln!(out, "    label={};", quote(label));
        for i in members {
            let label = format!(
                "{}\\n{}",
                i.acronym().unwrap_or(i.name()).replace('"', "'"),
                crate::analysis::snake_name(&i.kind()).replace('_', " ")
            );
            let _ = writeln!(
                out,
                "    {} [label=\"{}\", tooltip={}];",
                quote(i.key().as_str()),
                label,
                quote(i.name())
            );
            if let Some(parent) = i.parent() {
                edges.push((parent.as_str(), i.key().as_str()));
            }
        }
        out.push_str("  }\n");
    }
    edges.sort_unstable();
    for (parent, child) in edges {
        let _ = writeln!(out, "  {} -> {};", quote(parent), quote(child));
    }
    out.push_str("}\n");
    out
}

/// The signing network as an undirected graph laid out by `neato`: a node
/// per institution labelled with its key and country, an edge for each pair
/// that shares agreements, as thick as the number of agreements, with their
/// keys as tooltip.
pub fn network(network: &Network) -> String {
    let mut out = String::from(
        "graph signing_network {\n  layout=neato;\n  overlap=false;\n  splines=true;\n  node [shape=ellipse, fontname=\"Helvetica\"];\n",
    );
    for n in &network.nodes {
        let (label, country) = if n.country.is_empty() {
            (n.key.clone(), "no country")
        } else {
            (format!("{} {}", n.key, n.country), n.country.as_str())
        };
        let _ = writeln!(
            out,
            "  {} [label={}, tooltip={}];",
            quote(&n.key),
            quote(&label),
            quote(&format!("{} ({country}), degree {}", n.name, n.degree))
        );
    }
    for l in &network.links {
        let _ = writeln!(
            out,
            "  {} -- {} [penwidth={}, tooltip={}];",
            quote(&l.a),
            quote(&l.b),
            l.agreements.len(),
            quote(&l.agreements.join(", "))
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_in_labels_are_escaped() {
        assert_eq!(quote("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
    }
}

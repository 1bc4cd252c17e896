//! Technology areas: the taxonomy agreements and meetings are tagged with.
//!
//! The taxonomy is a directed acyclic graph: an area may sit under more than
//! one broader area. Every registry starts with the built-in areas listed in
//! [`BUILTIN`]; a dataset can add its own in its `tech_areas` array (it cannot
//! reuse a built-in key). Built-in keys are stable: data files refer to them.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Rule, ValidationError};
use crate::id::{entity, Key};
use crate::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::validate::Checker;

/// A technology field from the shared taxonomy: semiconductors, AI, 5G, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TechArea {
    key: Key<TechArea>,
    name: Box<str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parents: Vec<Key<TechArea>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Vec<Box<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    definition: Option<Box<str>>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(TechArea, TechArea);

impl TechArea {
    pub(crate) const FIELDS: &'static [&'static str] =
        &["name", "parents", "aliases", "definition"];

    /// Starts building an area with its key and name.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::TechArea;
    ///
    /// let area = TechArea::builder("hbm", "High-bandwidth memory")
    ///     .parent("semiconductors")
    ///     .alias("HBM")
    ///     .build()?;
    /// assert_eq!(area.parents()[0].as_str(), "semiconductors");
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn builder(key: impl Into<String>, name: impl Into<String>) -> TechAreaBuilder {
        TechAreaBuilder {
            raw: RawTechArea {
                key: key.into(),
                name: name.into(),
                parents: Vec::new(),
                aliases: Vec::new(),
                definition: None,
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The area's key (`semiconductors`, `5g`).
    pub fn key(&self) -> &Key<TechArea> {
        &self.key
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The broader areas it sits under.
    pub fn parents(&self) -> &[Key<TechArea>] {
        &self.parents
    }
    /// Other names.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.aliases.iter().map(|a| &**a)
    }
    /// A short definition.
    pub fn definition(&self) -> Option<&str> {
        self.definition.as_deref()
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }

    pub(crate) fn from_raw(raw: RawTechArea, ck: &mut Checker<'_>) -> Option<TechArea> {
        let key = ck.entity_key(&raw.key);
        let name = ck.text("name", raw.name);
        let parents = ck.keys::<TechArea>("parents", raw.parents);
        if let Some(k) = &key {
            if parents.contains(k) {
                ck.report(Rule::Cycle, "parents", "an area cannot be its own parent");
            }
        }
        let aliases = ck.texts("aliases", raw.aliases);
        let definition = ck.opt_text("definition", raw.definition);
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &[]);
        if ck.failed() {
            return None;
        }
        Some(TechArea {
            key: key?,
            name: name?,
            parents,
            aliases,
            definition: definition?,
            provenance,
        })
    }
}

/// Builds a [`TechArea`]; see [`TechArea::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct TechAreaBuilder {
    raw: RawTechArea,
}

impl TechAreaBuilder {
    /// Adds a broader area (a key).
    pub fn parent(mut self, key: impl Into<String>) -> Self {
        self.raw.parents.push(key.into());
        self
    }
    /// Adds another name.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.raw.aliases.push(alias.into());
        self
    }
    /// Sets a short definition.
    pub fn definition(mut self, definition: impl Into<String>) -> Self {
        self.raw.definition = Some(definition.into());
        self
    }
    provenance_builder!();
    /// Checks everything and builds the area.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: malformed keys, a blank
    /// name, a parent listed twice, an area that is its own parent.
    pub fn build(self) -> Result<TechArea, ValidationError> {
        crate::validate::build(self.raw, TechArea::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTechArea {
    key: String,
    name: String,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    parents: Vec<String>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    aliases: Vec<String>,
    #[serde(default)]
    definition: Option<String>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::validate::raw_entity!(RawTechArea, TechArea);

/// One built-in area: key, name, parents, aliases, definition.
pub type BuiltinArea = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

/// The built-in taxonomy, broader areas before narrower ones.
pub const BUILTIN: &[BuiltinArea] = &[
    (
        "ai",
        "Artificial intelligence",
        &[],
        &["AI", "artificial intelligence"],
        "Machine learning and other methods that let machines perceive, reason and act.",
    ),
    (
        "semiconductors",
        "Semiconductors",
        &[],
        &["semiconductor", "chips", "microelectronics"],
        "Design, manufacturing and supply chains of chips and other semiconductor devices.",
    ),
    (
        "quantum",
        "Quantum technologies",
        &[],
        &["quantum"],
        "Technologies that use quantum effects: computing, communication and sensing.",
    ),
    (
        "quantum-computing",
        "Quantum computing",
        &["quantum"],
        &[],
        "Computers that process information in quantum states.",
    ),
    (
        "communications",
        "Communications and networks",
        &[],
        &["next-generation communications", "telecommunications"],
        "Mobile and fixed networks, their standards and infrastructure.",
    ),
    (
        "5g",
        "5G",
        &["communications"],
        &["fifth-generation mobile", "5G networks"],
        "Fifth-generation mobile networks.",
    ),
    (
        "6g",
        "6G",
        &["communications"],
        &["sixth-generation mobile"],
        "Sixth-generation mobile networks, in research.",
    ),
    (
        "ran",
        "Radio access networks",
        &["communications"],
        &["RAN", "radio access network"],
        "The radio part of a mobile network, including open RAN.",
    ),
    (
        "network-connectivity",
        "Network connectivity",
        &["communications"],
        &["connectivity"],
        "Secure, trusted links for data flows between regions.",
    ),
    (
        "undersea-cables",
        "Undersea cables",
        &["network-connectivity"],
        &["submarine cables", "undersea cable connectivity"],
        "Submarine data cables and their landing infrastructure.",
    ),
    (
        "cybersecurity",
        "Cybersecurity",
        &[],
        &["cyber security", "cyber-security"],
        "Protection of systems, networks and data against attack.",
    ),
    (
        "clean-energy",
        "Clean energy",
        &[],
        &["clean energy generation and storage"],
        "Low-carbon energy generation, storage and grids.",
    ),
    (
        "secondary-batteries",
        "Secondary batteries",
        &["clean-energy"],
        &["rechargeable batteries", "batteries"],
        "Rechargeable batteries, from cells to materials and recycling.",
    ),
    (
        "robotics",
        "Robotics",
        &[],
        &["robots"],
        "Robots and the technologies that let them sense and move.",
    ),
    (
        "bipedal-robots",
        "Bipedal robots",
        &["robotics"],
        &["bipedal walking robots", "humanoid robots"],
        "Robots that walk on two legs.",
    ),
    (
        "unmanned-vehicles",
        "Drones and unmanned vehicles",
        &["robotics"],
        &["drones", "uncrewed systems"],
        "Vehicles operated without a crew on board: drones, unmanned ground and sea vehicles.",
    ),
    (
        "autonomous-vehicles",
        "Autonomous vehicles",
        &[],
        &["self-driving cars", "autonomous driving"],
        "Cars and other road vehicles that drive themselves.",
    ),
    (
        "iot",
        "Internet of Things",
        &[],
        &["IoT", "internet of things"],
        "Networked sensors and devices.",
    ),
    (
        "virtual-reality",
        "Virtual reality",
        &[],
        &["VR"],
        "Immersive computer-generated environments.",
    ),
    (
        "data",
        "Data",
        &[],
        &["data economy"],
        "Collection, sharing, governance and use of data.",
    ),
    (
        "big-data",
        "Big data",
        &["data"],
        &[],
        "Analysis of very large datasets.",
    ),
    (
        "industrial-data",
        "Industrial data",
        &["data"],
        &[],
        "Data produced across industrial value chains: design, production, logistics.",
    ),
    (
        "cloud-computing",
        "Cloud computing",
        &[],
        &["cloud"],
        "Computing resources delivered as services over networks.",
    ),
    (
        "smart-agriculture",
        "Smart agriculture",
        &[],
        &["smart farming", "agritech"],
        "Digital technologies applied to crops and harvests.",
    ),
    (
        "software",
        "Software",
        &[],
        &["SW"],
        "Software and the skills to build it.",
    ),
];

/// The built-in areas as entities.
pub(crate) fn builtin() -> Vec<TechArea> {
    BUILTIN
        .iter()
        .filter_map(|(key, name, parents, aliases, definition)| {
            let mut b = TechArea::builder(*key, *name).definition(*definition);
            for p in *parents {
                b = b.parent(*p);
            }
            for a in *aliases {
                b = b.alias(*a);
            }
            // The table is checked by a test; a bad row would be skipped, not panic.
            b.build().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_area_is_valid_and_parents_come_first() {
        let areas = builtin();
        assert_eq!(areas.len(), BUILTIN.len());
        for (i, area) in areas.iter().enumerate() {
            for parent in area.parents() {
                let pos = areas.iter().position(|a| a.key() == parent);
                assert!(
                    matches!(pos, Some(p) if p < i),
                    "{:?} before {:?}",
                    parent,
                    area.key()
                );
            }
        }
    }

    #[test]
    fn an_area_cannot_be_its_own_parent() {
        let err = TechArea::builder("x", "X").parent("x").build().unwrap_err();
        assert_eq!(err.diagnostics()[0].rule(), Rule::Cycle);
    }
}

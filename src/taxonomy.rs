//! Technology areas: the taxonomy agreements and meetings are tagged with.
//!
//! The taxonomy is a directed acyclic graph: an area may sit under more than
//! one broader area. Every registry starts with the built-in areas listed in
//! [`BUILTIN`]; a dataset can add its own in its `tech_areas` array (it cannot
//! reuse a built-in key). Built-in keys are stable: data files refer to them.
//!
//! A registry walks the graph in both directions
//! ([`Registry::area_ancestors`], [`Registry::area_descendants`],
//! [`Registry::is_area_under`]), finds areas by name
//! ([`Registry::lookup_tech_area`]), and maps them to official technology
//! lists ([`crate::crosswalk`]).
//!
//! ```
//! let registry = pactum::seed();
//! let chips = registry.lookup_tech_area("AI semiconductors").unique().expect("one area");
//! assert_eq!(chips.key().as_str(), "ai-chips");
//! assert!(registry.is_area_under("ai-chips", "ai"));
//! assert!(registry.is_area_under("ai-chips", "semiconductors"));
//! ```

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Rule, ValidationError};
use crate::id::{entity, raw_text, Key};
use crate::registry::Registry;
use crate::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::validate::Checker;

/// A technology field from the shared taxonomy: semiconductors, AI, 5G, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TechArea {
    key: Key<TechArea>,
    name: Box<str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    parents: Box<[Key<TechArea>]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Box<[Box<str>]>,
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
                key: raw_text(key),
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
        let key = ck.entity_key(raw.key);
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
            parents: parents.into(),
            aliases: aliases.into(),
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
        self.raw.parents.push(raw_text(key));
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
    key: CompactString,
    name: String,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    parents: Vec<CompactString>,
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
///
/// It covers every area the seed articles name and the areas of the three
/// official lists in [`crate::crosswalk`]. An area may have several parents:
/// `ai-chips` sits under both `ai` and `semiconductors`.
pub const BUILTIN: &[BuiltinArea] = &[
    (
        "ai",
        "Artificial intelligence",
        &[],
        &["AI", "artificial intelligence", "machine learning"],
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
        "ai-chips",
        "AI chips",
        &["ai", "semiconductors"],
        &["AI semiconductors", "AI accelerators", "neural processing units", "NPU"],
        "Processors built to train and run machine-learning models.",
    ),
    (
        "displays",
        "Displays",
        &[],
        &["display", "display panels", "OLED"],
        "Screens and the panel technologies behind them, such as OLED and micro-LED.",
    ),
    (
        "sensing",
        "Advanced sensing",
        &[],
        &["sensors", "advanced sensing technologies"],
        "Instruments that measure the physical world with new precision, reach or stealth.",
    ),
    (
        "quantum",
        "Quantum technologies",
        &[],
        &["quantum", "quantum information"],
        "Technologies that use quantum effects: computing, communication and sensing.",
    ),
    (
        "advanced-computing",
        "Advanced computing",
        &[],
        &["next-generation computing"],
        "Computing beyond ordinary machines: supercomputers, new architectures, and the storage and software they need.",
    ),
    (
        "quantum-computing",
        "Quantum computing",
        &["quantum", "advanced-computing"],
        &["quantum computers"],
        "Computers that process information in quantum states.",
    ),
    (
        "quantum-communication",
        "Quantum communication",
        &["quantum"],
        &["quantum cryptography", "quantum key distribution", "QKD"],
        "Links that carry quantum states, for instance to share keys that cannot be copied unnoticed.",
    ),
    (
        "quantum-sensing",
        "Quantum sensing",
        &["quantum", "sensing"],
        &["quantum sensors", "quantum metrology"],
        "Measurement that reads quantum states to detect fields, time or motion very finely.",
    ),
    (
        "high-performance-computing",
        "High-performance computing",
        &["advanced-computing"],
        &["HPC", "supercomputing", "supercomputers"],
        "Very large machines and clusters for simulation and data-heavy science.",
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
        &["RAN", "radio access network", "open RAN"],
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
        "pnt",
        "Positioning, navigation and timing",
        &[],
        &["PNT", "navigation", "satellite navigation", "GNSS"],
        "Knowing where one is, where to go and what time it is, by satellite or other means.",
    ),
    (
        "cybersecurity",
        "Cybersecurity",
        &[],
        &["cyber security", "information security"],
        "Protection of systems, networks and data against attack.",
    ),
    (
        "clean-energy",
        "Clean energy",
        &[],
        &["clean energy generation and storage", "energy technologies"],
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
        "nuclear-energy",
        "Nuclear energy",
        &["clean-energy"],
        &["nuclear power", "small modular reactors", "SMR"],
        "Fission and fusion power, including new reactor designs.",
    ),
    (
        "hydrogen",
        "Hydrogen",
        &["clean-energy"],
        &["hydrogen energy", "fuel cells"],
        "Producing, storing and using hydrogen as a fuel or feedstock.",
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
        &["drones", "uncrewed systems", "unmanned aerial vehicles", "UAV"],
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
        &["IoT"],
        "Networked sensors and devices.",
    ),
    (
        "human-machine-interfaces",
        "Human-machine interfaces",
        &[],
        &["HMI", "human-computer interaction", "brain-computer interfaces"],
        "Ways for people and machines to work together: immersive displays, voice, gesture and neural links.",
    ),
    (
        "virtual-reality",
        "Virtual reality",
        &["human-machine-interfaces"],
        &["VR", "extended reality", "XR"],
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
        "privacy-technologies",
        "Data privacy technologies",
        &["data", "cybersecurity"],
        &["data privacy", "privacy-enhancing technologies", "PETs"],
        "Techniques that let data be used while keeping personal details out of reach.",
    ),
    (
        "cloud-computing",
        "Cloud computing",
        &["advanced-computing"],
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
    (
        "biotechnology",
        "Biotechnology",
        &[],
        &["biotech", "biotechnologies", "synthetic biology"],
        "Engineering living cells and molecules for medicine, food, fuels and materials.",
    ),
    (
        "advanced-materials",
        "Advanced materials",
        &[],
        &["advanced engineering materials", "new materials"],
        "Materials designed for properties ordinary ones lack: strength, lightness, heat or conduction.",
    ),
    (
        "advanced-manufacturing",
        "Advanced manufacturing",
        &[],
        &["smart manufacturing", "smart factories", "additive manufacturing"],
        "Production that uses automation, data and new processes such as 3D printing.",
    ),
    (
        "space",
        "Space technologies",
        &[],
        &["space systems", "satellites", "aerospace"],
        "Launchers, satellites and the systems that run and use them.",
    ),
    (
        "ocean-technologies",
        "Ocean technologies",
        &[],
        &["marine technologies", "ocean"],
        "Exploring, observing and working the sea and the seabed.",
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

impl Registry {
    /// The areas directly under the area with `key`, in taxonomy order.
    pub fn area_children(&self, key: &str) -> Vec<&TechArea> {
        self.tech_areas()
            .iter()
            .filter(|a| a.parents().iter().any(|p| p == key))
            .collect()
    }

    /// The broader areas above the area with `key`, through every parent,
    /// nearest first, each once. Empty for a root area or an unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.area_ancestors("undersea-cables").iter().map(|a| a.key().as_str()).collect();
    /// assert_eq!(keys, ["network-connectivity", "communications"]);
    /// let keys: Vec<&str> = registry.area_ancestors("ai-chips").iter().map(|a| a.key().as_str()).collect();
    /// assert_eq!(keys, ["ai", "semiconductors"]);
    /// ```
    pub fn area_ancestors(&self, key: &str) -> Vec<&TechArea> {
        let mut out: Vec<&TechArea> = Vec::new();
        let mut frontier: Vec<&str> = vec![key];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for k in frontier {
                let parents = self.tech_area(k).map(TechArea::parents).unwrap_or_default();
                for p in parents {
                    if p != key && !out.iter().any(|a| a.key() == p) {
                        if let Some(area) = self.tech_area(p.as_str()) {
                            out.push(area);
                            next.push(p.as_str());
                        }
                    }
                }
            }
            frontier = next;
        }
        out
    }

    /// The narrower areas below the area with `key`, through every child,
    /// nearest first, each once. Empty for a leaf area or an unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.area_descendants("semiconductors").iter().map(|a| a.key().as_str()).collect();
    /// assert_eq!(keys, ["ai-chips"]);
    /// ```
    pub fn area_descendants(&self, key: &str) -> Vec<&TechArea> {
        let mut out: Vec<&TechArea> = Vec::new();
        let mut i = 0;
        let mut current = Some(key);
        while let Some(k) = current {
            for child in self.area_children(k) {
                if child.key() != key && !out.iter().any(|a| a.key() == child.key()) {
                    out.push(child);
                }
            }
            current = out.get(i).map(|a| a.key().as_str());
            i += 1;
        }
        out
    }

    /// Whether the area with `key` is the area `ancestor` or lies under it:
    /// `5g` is under `communications`, `ai-chips` under both `ai` and
    /// `semiconductors`.
    pub fn is_area_under(&self, key: &str, ancestor: &str) -> bool {
        key == ancestor && self.tech_area(key).is_some()
            || self.area_ancestors(key).iter().any(|a| a.key() == ancestor)
    }

    /// Whether the area with `key` is built in (not added by the dataset).
    pub fn is_builtin_area(&self, key: &str) -> bool {
        BUILTIN.iter().any(|(k, ..)| *k == key)
    }
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
    fn no_two_builtin_areas_answer_to_the_same_name() {
        let reg = Registry::new();
        let collisions = reg.ambiguous_tech_area_names();
        assert!(collisions.is_empty(), "{collisions:?}");
    }

    #[test]
    fn a_dataset_alias_that_collides_with_a_builtin_name_makes_the_lookup_ambiguous() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "chiplets", "name": "Chiplets", "parents": ["semiconductors"], "aliases": ["chips"]}
        ]}"#;
        let reg = Registry::from_json_str(text).unwrap();
        let found = reg.lookup_tech_area("Chips");
        let keys: Vec<&str> = found.entities().map(|a| a.key().as_str()).collect();
        assert_eq!(keys, ["chiplets", "semiconductors"]);
        let collisions = reg.ambiguous_tech_area_names();
        assert_eq!(collisions.len(), 1);
        assert_eq!(collisions[0].0, "chips");
    }

    #[test]
    fn every_builtin_area_has_a_definition_and_the_seed_keys_are_kept() {
        for (key, _, _, _, definition) in BUILTIN {
            assert!(!definition.is_empty(), "{key}");
        }
        for key in [
            "ai",
            "semiconductors",
            "quantum",
            "quantum-computing",
            "communications",
            "5g",
            "6g",
            "ran",
            "network-connectivity",
            "undersea-cables",
            "cybersecurity",
            "clean-energy",
            "secondary-batteries",
            "robotics",
            "bipedal-robots",
            "unmanned-vehicles",
            "autonomous-vehicles",
            "iot",
            "virtual-reality",
            "data",
            "big-data",
            "industrial-data",
            "cloud-computing",
            "smart-agriculture",
            "software",
        ] {
            assert!(BUILTIN.iter().any(|(k, ..)| *k == key), "{key}");
        }
    }

    #[test]
    fn a_cycle_through_dataset_areas_is_rejected_with_its_path() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "a", "name": "A", "parents": ["b"]},
            {"key": "b", "name": "B", "parents": ["semiconductors", "a"]}
        ]}"#;
        let Err(crate::LoadError::Invalid(err)) = Registry::from_json_str(text) else {
            panic!("a cycle must be rejected");
        };
        let cycles: Vec<String> = err
            .diagnostics()
            .iter()
            .filter(|d| d.rule() == Rule::Cycle)
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            cycles,
            [
                r#"tech_area "a": tech_areas[0].parents: the taxonomy has a cycle: a -> b -> a"#,
                r#"tech_area "b": tech_areas[1].parents: the taxonomy has a cycle: b -> a -> b"#,
            ]
        );
    }

    #[test]
    fn a_dangling_parent_is_rejected_with_a_suggestion() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "hbm", "name": "High-bandwidth memory", "parents": ["semiconductor"]}
        ]}"#;
        let Err(crate::LoadError::Invalid(err)) = Registry::from_json_str(text) else {
            panic!("a dangling parent must be rejected");
        };
        let d = &err.diagnostics()[0];
        assert_eq!(d.rule(), Rule::DanglingReference);
        assert_eq!(
            d.to_string(),
            r#"tech_area "hbm": tech_areas[0].parents[0]: unknown tech_area "semiconductor"; did you mean "semiconductors"?"#
        );
    }

    #[test]
    fn a_dataset_area_under_two_parents_is_reached_from_both() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "quantum-chips", "name": "Quantum chips", "parents": ["quantum-computing", "semiconductors"]}
        ]}"#;
        let reg = Registry::from_json_str(text).unwrap();
        assert!(reg.is_area_under("quantum-chips", "quantum"));
        assert!(reg.is_area_under("quantum-chips", "semiconductors"));
        assert!(reg.is_area_under("quantum-chips", "advanced-computing"));
        assert!(!reg.is_area_under("quantum-chips", "ai"));
        assert!(!reg.is_builtin_area("quantum-chips"));
        let below: Vec<&str> = reg
            .area_descendants("quantum")
            .iter()
            .map(|a| a.key().as_str())
            .collect();
        assert_eq!(
            below,
            [
                "quantum-computing",
                "quantum-communication",
                "quantum-sensing",
                "quantum-chips"
            ]
        );
        let above: Vec<&str> = reg
            .area_ancestors("quantum-chips")
            .iter()
            .map(|a| a.key().as_str())
            .collect();
        assert_eq!(
            above,
            [
                "quantum-computing",
                "semiconductors",
                "quantum",
                "advanced-computing"
            ]
        );
    }

    #[test]
    fn an_area_cannot_be_its_own_parent() {
        let err = TechArea::builder("x", "X").parent("x").build().unwrap_err();
        assert_eq!(err.diagnostics()[0].rule(), Rule::Cycle);
    }
}

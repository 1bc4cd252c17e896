//! Technology areas: the taxonomy agreements and meetings are tagged with.
//!
//! The taxonomy is a directed acyclic graph: an area may sit under more than
//! one broader area. Every registry starts with the built-in areas listed in
//! [`BUILTIN_AREAS`]; a dataset can add its own in its `tech_areas` array (it cannot
//! reuse a built-in key). Built-in keys are stable: data files refer to them.
//!
//! A registry walks the graph in both directions
//! ([`Registry::area_ancestors`], [`Registry::area_descendants`],
//! [`Registry::is_area_under`]), finds areas by name
//! ([`Registry::lookup_tech_area`]), and maps them to official technology
//! lists (module `pactum::crosswalk`).
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

use crate::model::check::{Checker, KeyList};
use crate::model::diagnostic::{Rule, ValidationError};
use crate::model::id::{entity, raw_text, Key};
use crate::model::source::{provenance_builder, Provenance, RawCitation, RawClaim};

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
                parents: KeyList::default(),
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
        let parents = ck.key_list("parents", raw.parents);
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
        crate::model::check::build(self.raw, TechArea::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTechArea {
    key: CompactString,
    name: String,
    #[serde(default, deserialize_with = "crate::model::check::null_as_no_keys")]
    parents: KeyList<TechArea>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    aliases: Vec<String>,
    #[serde(default)]
    definition: Option<String>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::model::check::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::model::check::raw_entity!(RawTechArea, TechArea);

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
/// official lists of module `pactum::crosswalk`. An area may have several parents:
/// `ai-chips` sits under both `ai` and `semiconductors`.
pub const BUILTIN_AREAS: &[BuiltinArea] = &[
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
    BUILTIN_AREAS
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

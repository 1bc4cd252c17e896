//! Crosswalks from official technology lists to the taxonomy.
//!
//! Governments publish lists of the technologies they consider critical or
//! strategic, each with its own names and cut. pactum records three of them
//! as data, each area exactly as published and in published order, and maps
//! every listed area to the taxonomy keys that cover it, or marks it
//! explicitly as unmapped with the reason:
//!
//! - [`US_CET_2024`]: the United States Critical and Emerging Technologies
//!   List Update (National Science and Technology Council, 2024-02-12);
//! - [`KR_NST_2022`]: the Republic of Korea's 12 National Strategic
//!   Technologies (2022-10-28);
//! - [`EU_CRITICAL_2023`]: the European Union's 10 critical technology areas
//!   for economic security (Commission Recommendation (EU) 2023/2113,
//!   2023-10-03).
//!
//! A cooperation covers a listed area when one of its technology areas is a
//! mapped key or lies under one. A cooperation tagged only with a broader
//! area does not cover a narrower listed area: a partnership on clean energy
//! is not, from that alone, a partnership on hydrogen.
//!
//! ```
//! use pactum::crosswalk::KR_NST_2022;
//!
//! let registry = pactum::seed();
//! let covered: Vec<&str> = registry
//!     .partnership_coverage(&KR_NST_2022, "kr-us-tech")
//!     .iter()
//!     .map(|a| a.name())
//!     .collect();
//! assert_eq!(
//!     covered,
//!     ["Semiconductors and Displays", "Secondary Batteries", "Advanced Mobility", "Advanced Robotics and Manufacturing"]
//! );
//! ```

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::commitment::Origin;
use crate::model::country::Country;
use crate::query::Subject;
use crate::registry::Registry;

/// An official list of critical or strategic technologies, with its areas as
/// published.
#[derive(Debug, PartialEq, Eq)]
pub struct TechList {
    key: &'static str,
    name: &'static str,
    issuer: Country,
    publisher: &'static str,
    published: NaiveDate,
    areas: &'static [ListedArea],
}

impl TechList {
    /// A short stable key for the list (`us-cet-2024`).
    pub fn key(&self) -> &'static str {
        self.key
    }
    /// The list's title as published.
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// The country or bloc that issued it.
    pub fn issuer(&self) -> Country {
        self.issuer
    }
    /// Who published it.
    pub fn publisher(&self) -> &'static str {
        self.publisher
    }
    /// The day it was published or announced.
    pub fn published(&self) -> NaiveDate {
        self.published
    }
    /// Its areas, in published order.
    pub fn areas(&self) -> &'static [ListedArea] {
        self.areas
    }
    /// The listed area with `number` (1-based, as published).
    pub fn area(&self, number: u8) -> Option<&'static ListedArea> {
        self.areas.iter().find(|a| a.number == number)
    }
}

/// One area of an official list, with the taxonomy keys it maps to.
#[derive(Debug, PartialEq, Eq)]
pub struct ListedArea {
    number: u8,
    name: &'static str,
    mapping: Mapping,
    most_sensitive: bool,
}

impl ListedArea {
    /// Its number in the list, from 1, as published.
    pub fn number(&self) -> u8 {
        self.number
    }
    /// Its name exactly as published.
    pub fn name(&self) -> &'static str {
        self.name
    }
    /// How it maps to the taxonomy.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }
    /// The taxonomy keys it maps to; empty when it is unmapped.
    pub fn tech_areas(&self) -> &'static [&'static str] {
        match self.mapping {
            Mapping::Areas(keys) => keys,
            Mapping::Unmapped(_) => &[],
        }
    }
    /// Whether the list marks it as one of the areas most likely to
    /// present the most sensitive and immediate risks (the first four of
    /// the EU's list); `false` on lists that mark no area so.
    pub fn is_most_sensitive(&self) -> bool {
        self.most_sensitive
    }
    /// Whether it maps to no taxonomy area.
    pub fn is_unmapped(&self) -> bool {
        matches!(self.mapping, Mapping::Unmapped(_))
    }
}

/// How a listed area maps to the taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Mapping {
    /// To these taxonomy keys: cooperation on any of them, or on an area
    /// under one, covers the listed area.
    Areas(&'static [&'static str]),
    /// To nothing in the taxonomy, for the reason given.
    Unmapped(&'static str),
}

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("a list date in the crosswalk table is not a day"),
    }
}

const fn mapped(number: u8, name: &'static str, keys: &'static [&'static str]) -> ListedArea {
    ListedArea {
        number,
        name,
        mapping: Mapping::Areas(keys),
        most_sensitive: false,
    }
}

/// An area the list marks as highly likely to present the most sensitive
/// and immediate risks.
const fn sensitive(area: ListedArea) -> ListedArea {
    ListedArea {
        most_sensitive: true,
        ..area
    }
}

const fn unmapped(number: u8, name: &'static str, why: &'static str) -> ListedArea {
    ListedArea {
        number,
        name,
        mapping: Mapping::Unmapped(why),
        most_sensitive: false,
    }
}

/// The United States Critical and Emerging Technologies List Update
/// (February 2024): 18 areas.
pub const US_CET_2024: TechList = TechList {
    key: "us-cet-2024",
    name: "Critical and Emerging Technologies List Update",
    issuer: Country::US,
    publisher: "National Science and Technology Council (White House Office of Science and Technology Policy)",
    published: day(2024, 2, 12),
    areas: &[
        mapped(1, "Advanced Computing", &["advanced-computing"]),
        mapped(2, "Advanced Engineering Materials", &["advanced-materials"]),
        unmapped(
            3,
            "Advanced Gas Turbine Engine Technologies",
            "the taxonomy has no area for aircraft engines or propulsion",
        ),
        mapped(
            4,
            "Advanced and Networked Sensing and Signature Management",
            &["sensing"],
        ),
        mapped(5, "Advanced Manufacturing", &["advanced-manufacturing"]),
        mapped(6, "Artificial Intelligence", &["ai"]),
        mapped(7, "Biotechnologies", &["biotechnology"]),
        mapped(8, "Clean Energy Generation and Storage", &["clean-energy"]),
        mapped(
            9,
            "Data Privacy, Data Security, and Cybersecurity Technologies",
            &["cybersecurity", "privacy-technologies"],
        ),
        unmapped(
            10,
            "Directed Energy",
            "the taxonomy has no area for directed-energy weapons",
        ),
        mapped(
            11,
            "Highly Automated, Autonomous, and Uncrewed Systems, and Robotics",
            &["autonomous-vehicles", "robotics", "unmanned-vehicles"],
        ),
        mapped(12, "Human-Machine Interfaces", &["human-machine-interfaces"]),
        unmapped(
            13,
            "Hypersonics",
            "the taxonomy has no area for hypersonic flight",
        ),
        mapped(
            14,
            "Integrated Communication and Networking Technologies",
            &["communications"],
        ),
        mapped(
            15,
            "Positioning, Navigation, and Timing (PNT) Technologies",
            &["pnt"],
        ),
        mapped(16, "Quantum Information and Enabling Technologies", &["quantum"]),
        mapped(17, "Semiconductors and Microelectronics", &["semiconductors"]),
        mapped(18, "Space Technologies and Systems", &["space"]),
    ],
};

/// The Republic of Korea's 12 National Strategic Technologies (October
/// 2022).
pub const KR_NST_2022: TechList = TechList {
    key: "kr-nst-2022",
    name: "12 National Strategic Technologies",
    issuer: Country::KR,
    publisher: "Government of the Republic of Korea (National Science and Technology Advisory Council, Ministry of Science and ICT)",
    published: day(2022, 10, 28),
    areas: &[
        mapped(1, "Semiconductors and Displays", &["semiconductors", "displays"]),
        mapped(2, "Secondary Batteries", &["secondary-batteries"]),
        mapped(
            3,
            "Advanced Mobility",
            &["autonomous-vehicles", "unmanned-vehicles"],
        ),
        mapped(4, "Next-generation Nuclear Energy", &["nuclear-energy"]),
        mapped(5, "Advanced Biotechnology", &["biotechnology"]),
        mapped(6, "Aerospace and Ocean", &["space", "ocean-technologies"]),
        mapped(7, "Hydrogen", &["hydrogen"]),
        mapped(8, "Cybersecurity", &["cybersecurity"]),
        mapped(9, "Artificial Intelligence", &["ai"]),
        mapped(10, "Next-generation Communications", &["communications"]),
        mapped(
            11,
            "Advanced Robotics and Manufacturing",
            &["robotics", "advanced-manufacturing"],
        ),
        mapped(12, "Quantum", &["quantum"]),
    ],
};

/// The European Union's 10 critical technology areas for economic security
/// (Commission Recommendation (EU) 2023/2113 of 3 October 2023). The first
/// four are those the Recommendation marks as highly likely to present the
/// most sensitive and immediate risks: [`ListedArea::is_most_sensitive`].
pub const EU_CRITICAL_2023: TechList = TechList {
    key: "eu-critical-2023",
    name: "Critical technology areas for the EU's economic security",
    issuer: Country::EU,
    publisher: "European Commission (Commission Recommendation (EU) 2023/2113)",
    published: day(2023, 10, 3),
    areas: &[
        sensitive(mapped(
            1,
            "Advanced Semiconductors Technologies",
            &["semiconductors"],
        )),
        sensitive(mapped(2, "Artificial Intelligence Technologies", &["ai"])),
        sensitive(mapped(3, "Quantum Technologies", &["quantum"])),
        sensitive(mapped(4, "Biotechnologies", &["biotechnology"])),
        mapped(
            5,
            "Advanced Connectivity, Navigation and Digital Technologies",
            &[
                "communications",
                "pnt",
                "cybersecurity",
                "iot",
                "virtual-reality",
            ],
        ),
        mapped(6, "Advanced Sensing Technologies", &["sensing"]),
        mapped(7, "Space and Propulsion Technologies", &["space"]),
        mapped(8, "Energy Technologies", &["clean-energy"]),
        mapped(
            9,
            "Robotics and Autonomous Systems",
            &["robotics", "autonomous-vehicles"],
        ),
        mapped(
            10,
            "Advanced Materials, Manufacturing and Recycling Technologies",
            &["advanced-materials", "advanced-manufacturing"],
        ),
    ],
};

/// The official lists pactum has crosswalks for.
pub const LISTS: &[&TechList] = &[&US_CET_2024, &KR_NST_2022, &EU_CRITICAL_2023];

/// The official list with `key` (`us-cet-2024`, `kr-nst-2022`,
/// `eu-critical-2023`).
///
/// # Example
///
/// ```
/// let list = pactum::crosswalk::list("kr-nst-2022").expect("a known list");
/// assert_eq!(list.areas().len(), 12);
/// ```
pub fn list(key: &str) -> Option<&'static TechList> {
    LISTS.iter().copied().find(|l| l.key == key)
}

/// A listed area with the cooperation in a dataset that covers it.
#[derive(Debug, Clone)]
pub struct ListCoverage<'r> {
    area: &'static ListedArea,
    subjects: Vec<Subject<'r>>,
}

impl<'r> ListCoverage<'r> {
    /// The listed area.
    pub fn area(&self) -> &'static ListedArea {
        self.area
    }
    /// The partnerships, meetings, MOUs and commitments tagged with an area
    /// that covers it, by kind and then key.
    pub fn subjects(&self) -> &[Subject<'r>] {
        &self.subjects
    }
    /// Whether nothing in the dataset covers it.
    pub fn is_uncovered(&self) -> bool {
        self.subjects.is_empty()
    }
}

impl Registry {
    /// The taxonomy keys that count for a listed area: its mapped keys and
    /// every area under them, including areas the dataset added.
    pub fn keys_covering(&self, area: &ListedArea) -> HashSet<&str> {
        let mut keys: HashSet<&str> = HashSet::new();
        for &k in area.tech_areas() {
            if let Some(a) = self.tech_area(k) {
                keys.insert(a.key().as_str());
            }
            keys.extend(self.area_descendants(k).iter().map(|a| a.key().as_str()));
        }
        keys
    }

    /// The areas of `list` that cooperation on the technology areas `areas`
    /// (keys) covers, in published order.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::crosswalk::EU_CRITICAL_2023;
    ///
    /// let registry = pactum::seed();
    /// let covered = registry.list_areas_covered_by(&EU_CRITICAL_2023, ["undersea-cables", "ai-chips"]);
    /// let numbers: Vec<u8> = covered.iter().map(|a| a.number()).collect();
    /// assert_eq!(numbers, [1, 2, 5]);
    /// ```
    pub fn list_areas_covered_by<'k>(
        &self,
        list: &'static TechList,
        areas: impl IntoIterator<Item = &'k str>,
    ) -> Vec<&'static ListedArea> {
        let areas: Vec<&str> = areas.into_iter().collect();
        list.areas()
            .iter()
            .filter(|listed| {
                let keys = self.keys_covering(listed);
                areas.iter().any(|a| keys.contains(a))
            })
            .collect()
    }

    /// Every technology area (key) of a partnership's cooperation: its own,
    /// and those of its meetings, of its MOUs, and of the commitments made at
    /// them, in key order. Empty for an unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let areas = registry.partnership_areas("kr-us-tech");
    /// assert!(areas.contains(&"bipedal-robots"));
    /// ```
    pub fn partnership_areas(&self, key: &str) -> Vec<&str> {
        let Some(p) = self.partnership(key) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = p.tech_areas().iter().map(|k| k.as_str()).collect();
        let meetings: Vec<&str> = self
            .meetings()
            .iter()
            .filter(|m| m.partnership().is_some_and(|q| q == key))
            .map(|m| {
                out.extend(m.tech_areas().iter().map(|k| k.as_str()));
                m.key().as_str()
            })
            .collect();
        let mous: Vec<&str> = self
            .mous()
            .iter()
            .filter(|m| {
                m.partnership().is_some_and(|q| q == key)
                    || m.meeting().is_some_and(|q| meetings.contains(&q.as_str()))
            })
            .map(|m| {
                out.extend(m.tech_areas().iter().map(|k| k.as_str()));
                m.key().as_str()
            })
            .collect();
        for c in self.commitments() {
            let from_here = match c.origin() {
                Origin::Meeting(m) => meetings.contains(&m.as_str()),
                Origin::Mou(m) => mous.contains(&m.as_str()),
            };
            if from_here {
                out.extend(c.tech_areas().iter().map(|k| k.as_str()));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The areas of `list` that a partnership's cooperation covers (see
    /// [`Registry::partnership_areas`]), in published order: "which of
    /// Korea's national strategic technologies does this partnership cover".
    /// Empty for an unknown key.
    pub fn partnership_coverage(
        &self,
        list: &'static TechList,
        key: &str,
    ) -> Vec<&'static ListedArea> {
        self.list_areas_covered_by(list, self.partnership_areas(key))
    }

    /// For every area of `list`, in published order, the partnerships,
    /// meetings, MOUs and commitments of the dataset that cover it.
    pub fn list_coverage(&self, list: &'static TechList) -> Vec<ListCoverage<'_>> {
        list.areas()
            .iter()
            .map(|area| {
                let keys = self.keys_covering(area);
                let tagged = |ks: &[crate::model::id::Key<crate::model::taxonomy::TechArea>]| {
                    ks.iter().any(|k| keys.contains(k.as_str()))
                };
                let mut subjects: Vec<Subject<'_>> = Vec::new();
                subjects.extend(
                    self.partnerships()
                        .iter()
                        .filter(|p| tagged(p.tech_areas()))
                        .map(Subject::Partnership),
                );
                subjects.extend(
                    self.meetings()
                        .iter()
                        .filter(|m| tagged(m.tech_areas()))
                        .map(Subject::Meeting),
                );
                subjects.extend(
                    self.mous()
                        .iter()
                        .filter(|m| tagged(m.tech_areas()))
                        .map(Subject::Mou),
                );
                subjects.extend(
                    self.commitments()
                        .iter()
                        .filter(|c| tagged(c.tech_areas()))
                        .map(Subject::Commitment),
                );
                subjects.sort_by(|a, b| a.kind().cmp(&b.kind()).then_with(|| a.key().cmp(b.key())));
                ListCoverage { area, subjects }
            })
            .collect()
    }

    /// What each official list calls a technology area: for the area with
    /// `key`, the listed areas that cover it (it is one of their mapped keys
    /// or lies under one), list by list in the order of [`LISTS`].
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let names: Vec<(&str, &str)> = registry
    ///     .listed_areas_for("ai-chips")
    ///     .iter()
    ///     .map(|(list, area)| (list.key(), area.name()))
    ///     .collect();
    /// assert_eq!(names, [
    ///     ("us-cet-2024", "Artificial Intelligence"),
    ///     ("us-cet-2024", "Semiconductors and Microelectronics"),
    ///     ("kr-nst-2022", "Semiconductors and Displays"),
    ///     ("kr-nst-2022", "Artificial Intelligence"),
    ///     ("eu-critical-2023", "Advanced Semiconductors Technologies"),
    ///     ("eu-critical-2023", "Artificial Intelligence Technologies"),
    /// ]);
    /// ```
    pub fn listed_areas_for(&self, key: &str) -> Vec<(&'static TechList, &'static ListedArea)> {
        LISTS
            .iter()
            .flat_map(|&list| {
                self.list_areas_covered_by(list, [key])
                    .into_iter()
                    .map(move |area| (list, area))
            })
            .collect()
    }

    /// The areas of `other` that overlap the area numbered `number` of
    /// `list`: some technology area counts for both. This is how one
    /// government's name for a field maps to another's: Korea's
    /// "Next-generation Communications" is the US "Integrated Communication
    /// and Networking Technologies". Empty when `number` is not in `list` or
    /// the area is unmapped.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::crosswalk::{KR_NST_2022, US_CET_2024};
    ///
    /// let registry = pactum::seed();
    /// let us: Vec<&str> = registry
    ///     .counterparts(&KR_NST_2022, 10, &US_CET_2024)
    ///     .iter()
    ///     .map(|a| a.name())
    ///     .collect();
    /// assert_eq!(us, ["Integrated Communication and Networking Technologies"]);
    /// ```
    pub fn counterparts(
        &self,
        list: &'static TechList,
        number: u8,
        other: &'static TechList,
    ) -> Vec<&'static ListedArea> {
        let Some(area) = list.area(number) else {
            return Vec::new();
        };
        let mine = self.keys_covering(area);
        other
            .areas()
            .iter()
            .filter(|theirs| !self.keys_covering(theirs).is_disjoint(&mine))
            .collect()
    }

    /// The areas of `list` with no cooperation in the dataset: no
    /// partnership, meeting, MOU or commitment covers them. Unmapped areas
    /// are always among them. In published order.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::crosswalk::US_CET_2024;
    ///
    /// let registry = pactum::seed();
    /// let gaps: Vec<u8> = registry.uncovered(&US_CET_2024).iter().map(|a| a.number()).collect();
    /// assert_eq!(gaps, [2, 3, 4, 5, 7, 10, 13, 15, 18]);
    /// ```
    pub fn uncovered(&self, list: &'static TechList) -> Vec<&'static ListedArea> {
        self.list_coverage(list)
            .into_iter()
            .filter(ListCoverage::is_uncovered)
            .map(|c| c.area)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_have_their_published_sizes_and_numbering() {
        let sizes: Vec<usize> = LISTS.iter().map(|l| l.areas().len()).collect();
        assert_eq!(sizes, [18, 12, 10]);
        for list in LISTS {
            for (i, area) in list.areas().iter().enumerate() {
                assert_eq!(usize::from(area.number()), i + 1, "{}", list.key());
                assert_eq!(list.area(area.number()), Some(area));
            }
        }
    }

    /// The Recommendation marks its first four areas as the most sensitive;
    /// the other lists mark none.
    #[test]
    fn only_the_first_four_eu_areas_are_marked_most_sensitive() {
        let marked: Vec<(&str, u8)> = LISTS
            .iter()
            .flat_map(|l| l.areas().iter().map(move |a| (l.key(), a)))
            .filter(|(_, a)| a.is_most_sensitive())
            .map(|(list, a)| (list, a.number()))
            .collect();
        assert_eq!(
            marked,
            [
                ("eu-critical-2023", 1),
                ("eu-critical-2023", 2),
                ("eu-critical-2023", 3),
                ("eu-critical-2023", 4)
            ]
        );
    }

    #[test]
    fn every_listed_area_maps_to_known_keys_or_says_why_not() {
        let reg = Registry::new();
        for list in LISTS {
            for area in list.areas() {
                match area.mapping() {
                    Mapping::Areas(keys) => {
                        assert!(!keys.is_empty(), "{}: {}", list.key(), area.name());
                        for k in *keys {
                            assert!(reg.is_builtin_area(k), "{}: unknown {k}", list.key());
                        }
                        let mut unique = keys.to_vec();
                        unique.sort_unstable();
                        unique.dedup();
                        assert_eq!(unique.len(), keys.len(), "{}", area.name());
                    }
                    Mapping::Unmapped(why) => assert!(!why.is_empty(), "{}", area.name()),
                }
            }
        }
    }

    #[test]
    fn list_dates_and_issuers_are_as_published() {
        assert_eq!(US_CET_2024.published().to_string(), "2024-02-12");
        assert_eq!(KR_NST_2022.published().to_string(), "2022-10-28");
        assert_eq!(EU_CRITICAL_2023.published().to_string(), "2023-10-03");
        let issuers: Vec<Country> = LISTS.iter().map(|l| l.issuer()).collect();
        assert_eq!(issuers, [Country::US, Country::KR, Country::EU]);
    }

    #[test]
    fn names_are_kept_exactly_as_published() {
        assert_eq!(
            US_CET_2024.area(9).map(ListedArea::name),
            Some("Data Privacy, Data Security, and Cybersecurity Technologies")
        );
        assert_eq!(
            KR_NST_2022.area(4).map(ListedArea::name),
            Some("Next-generation Nuclear Energy")
        );
        assert_eq!(
            EU_CRITICAL_2023.area(10).map(ListedArea::name),
            Some("Advanced Materials, Manufacturing and Recycling Technologies")
        );
    }

    #[test]
    fn a_broader_area_does_not_cover_a_narrower_listed_area() {
        let reg = Registry::new();
        let covered = reg.list_areas_covered_by(&KR_NST_2022, ["clean-energy"]);
        assert!(covered.is_empty(), "{covered:?}");
        let covered = reg.list_areas_covered_by(&KR_NST_2022, ["hydrogen"]);
        assert_eq!(covered.iter().map(|a| a.number()).collect::<Vec<_>>(), [7]);
    }

    #[test]
    fn a_dataset_area_under_a_mapped_key_covers_the_listed_area() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "hbm", "name": "High-bandwidth memory", "parents": ["ai-chips"]}
        ]}"#;
        let reg = Registry::from_json_str(text).unwrap();
        let covered = reg.list_areas_covered_by(&US_CET_2024, ["hbm"]);
        assert_eq!(
            covered.iter().map(|a| a.number()).collect::<Vec<_>>(),
            [6, 17]
        );
    }

    #[test]
    fn lists_are_found_by_their_keys() {
        for l in LISTS {
            assert_eq!(list(l.key()), Some(*l));
        }
        assert_eq!(list("us-cet-2023"), None);
    }

    #[test]
    fn counterparts_share_a_technology_area_and_unmapped_areas_have_none() {
        let reg = Registry::new();
        let numbers =
            |areas: Vec<&ListedArea>| -> Vec<u8> { areas.iter().map(|a| a.number()).collect() };
        // Korea's cybersecurity is in the US privacy-and-security area and
        // in the EU's connectivity and digital area.
        assert_eq!(
            numbers(reg.counterparts(&KR_NST_2022, 8, &US_CET_2024)),
            [9]
        );
        assert_eq!(
            numbers(reg.counterparts(&KR_NST_2022, 8, &EU_CRITICAL_2023)),
            [5]
        );
        // Hydrogen sits under clean energy: the EU's energy area covers it.
        assert_eq!(
            numbers(reg.counterparts(&KR_NST_2022, 7, &EU_CRITICAL_2023)),
            [8]
        );
        assert!(reg.counterparts(&US_CET_2024, 13, &KR_NST_2022).is_empty());
        assert!(reg.counterparts(&US_CET_2024, 99, &KR_NST_2022).is_empty());
        // Every mapped area is its own counterpart within its list.
        for l in LISTS {
            for a in l.areas().iter().filter(|a| !a.is_unmapped()) {
                assert!(numbers(reg.counterparts(l, a.number(), l)).contains(&a.number()));
            }
        }
    }

    #[test]
    fn an_unknown_partnership_covers_nothing() {
        let reg = crate::seed();
        assert!(reg.partnership_coverage(&US_CET_2024, "nope").is_empty());
        assert!(reg.partnership_areas("nope").is_empty());
    }
}

//! Finding institutions and technology areas by what people call them.
//!
//! Sources spell names in many ways: `5G`, `5g` and `fifth-generation
//! mobile`; `Việt Nam` and `Viet Nam`; `MSIT` and `Ministry of Science and
//! ICT`; names in Hangul. A lookup compares a query with every key, name,
//! acronym, alias and former name after [`normalize`]: equal normal forms
//! match. A lookup never picks one candidate arbitrarily: an ambiguous
//! acronym returns every institution that uses it, and a query that matches
//! nothing returns close names to suggest ("did you mean").
//!
//! ```
//! let registry = pactum::seed();
//! let found = registry.lookup_tech_area("Fifth Generation mobile");
//! assert_eq!(found.unique().map(|a| a.key().as_str()), Some("5g"));
//!
//! let missed = registry.lookup_institution("Nattbat");
//! assert!(missed.is_empty());
//! assert_eq!(missed.suggestions()[0].entity().key().as_str(), "us-naatbatt");
//! ```

use std::fmt;

use crate::model::id::Entity;
use crate::model::institution::Institution;
use crate::model::taxonomy::TechArea;
use crate::registry::Registry;
use crate::spelling::{similarity, MAX_SUGGESTIONS, SUGGEST_FROM};
use crate::store::Stored;

pub use crate::spelling::normalize;

/// Which of an entity's names a lookup matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchedBy {
    /// Its key (`kr-msit`, `5g`).
    Key,
    /// Its name.
    Name,
    /// Its acronym.
    Acronym,
    /// One of its aliases.
    Alias,
    /// A name it had before a rename.
    FormerName,
    /// An acronym it had before a rename.
    FormerAcronym,
}

impl fmt::Display for MatchedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MatchedBy::Key => "key",
            MatchedBy::Name => "name",
            MatchedBy::Acronym => "acronym",
            MatchedBy::Alias => "alias",
            MatchedBy::FormerName => "former name",
            MatchedBy::FormerAcronym => "former acronym",
        })
    }
}

/// An entity a lookup found, with the name it was found by.
#[derive(Debug)]
pub struct NameMatch<'r, E> {
    entity: &'r E,
    by: MatchedBy,
    text: &'r str,
}

impl<E> Clone for NameMatch<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for NameMatch<'_, E> {}

impl<'r, E> NameMatch<'r, E> {
    /// The entity found.
    pub fn entity(&self) -> &'r E {
        self.entity
    }
    /// Which of its names matched.
    pub fn matched_by(&self) -> MatchedBy {
        self.by
    }
    /// The name that matched, as the data records it.
    pub fn text(&self) -> &'r str {
        self.text
    }
}

/// A close name offered when a lookup finds nothing.
#[derive(Debug)]
pub struct Suggestion<'r, E> {
    entity: &'r E,
    by: MatchedBy,
    text: &'r str,
    similarity: f64,
}

impl<E> Clone for Suggestion<'_, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for Suggestion<'_, E> {}

impl<'r, E> Suggestion<'r, E> {
    /// The entity suggested.
    pub fn entity(&self) -> &'r E {
        self.entity
    }
    /// Its name closest to the query, as the data records it.
    pub fn text(&self) -> &'r str {
        self.text
    }
    /// Which of its names that is.
    pub fn matched_by(&self) -> MatchedBy {
        self.by
    }
    /// Whether this is a better suggestion for its entity than `other`:
    /// more similar, then a better kind of name, then the first text in
    /// character order, so every way of looking up agrees.
    fn beats(&self, other: &Self) -> bool {
        self.similarity
            .total_cmp(&other.similarity)
            .then_with(|| other.by.cmp(&self.by))
            .then_with(|| other.text.cmp(self.text))
            .is_gt()
    }
    /// How close the name is to the query, from 0 (nothing alike) to 1.
    pub fn similarity(&self) -> f64 {
        self.similarity
    }
}

/// What a lookup found: every matching entity (several when a name or
/// acronym is ambiguous), or close names to suggest when none matched.
#[derive(Debug, Clone)]
pub struct Lookup<'r, E> {
    query: String,
    matches: Vec<NameMatch<'r, E>>,
    suggestions: Vec<Suggestion<'r, E>>,
}

impl<'r, E: Entity> Lookup<'r, E> {
    /// The query as given.
    pub fn query(&self) -> &str {
        &self.query
    }
    /// Every entity found, each once with its best-matching name (the best
    /// [`MatchedBy`], then the first text in character order), ordered by
    /// [`MatchedBy`], then by key.
    pub fn matches(&self) -> &[NameMatch<'r, E>] {
        &self.matches
    }
    /// The entity found, when exactly one was.
    pub fn unique(&self) -> Option<&'r E> {
        match self.matches.as_slice() {
            [one] => Some(one.entity),
            _ => None,
        }
    }
    /// Whether more than one entity answers to the query.
    pub fn is_ambiguous(&self) -> bool {
        self.matches.len() > 1
    }
    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }
    /// The entities found, in the order of [`Lookup::matches`].
    pub fn entities(&self) -> impl Iterator<Item = &'r E> + '_ {
        self.matches.iter().map(|m| m.entity)
    }
    /// Close names, most similar first, when nothing matched (at most five);
    /// empty when something matched.
    pub fn suggestions(&self) -> &[Suggestion<'r, E>] {
        &self.suggestions
    }
}

impl<E: Entity> fmt::Display for Lookup<'_, E> {
    /// A one-line account: what matched, or that nothing did and what the
    /// query may have meant.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = E::KIND;
        match self.matches.as_slice() {
            [] => {
                write!(f, "no {kind} is called {:?}", self.query)?;
                if let Some((first, rest)) = self.suggestions.split_first() {
                    write!(f, "; did you mean {:?}", first.text)?;
                    for s in rest {
                        write!(f, ", {:?}", s.text)?;
                    }
                    f.write_str("?")?;
                }
                Ok(())
            }
            [one] => write!(
                f,
                "{kind} {:?} by its {} {:?}",
                one.entity.key().as_str(),
                one.by,
                one.text
            ),
            many => {
                write!(f, "{:?} is ambiguous: {} {kind}s (", self.query, many.len())?;
                for (i, m) in many.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{:?}", m.entity.key().as_str())?;
                }
                f.write_str(")")
            }
        }
    }
}

/// An entity that has names to look up by: [`Institution`] and
/// [`TechArea`]. Sealed.
pub trait Named: Stored + sealed::Sealed {
    #[doc(hidden)]
    /// Every name with what it is, the key first.
    fn names(&self) -> Vec<(MatchedBy, &str)>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for crate::model::institution::Institution {}
    impl Sealed for crate::model::taxonomy::TechArea {}
}

impl Named for Institution {
    fn names(&self) -> Vec<(MatchedBy, &str)> {
        let mut out = vec![
            (MatchedBy::Key, self.key().as_str()),
            (MatchedBy::Name, self.name()),
        ];
        out.extend(self.acronym().map(|a| (MatchedBy::Acronym, a)));
        out.extend(self.aliases().map(|a| (MatchedBy::Alias, a)));
        for f in self.former_names() {
            out.push((MatchedBy::FormerName, f.name()));
            out.extend(f.acronym().map(|a| (MatchedBy::FormerAcronym, a)));
        }
        out
    }
}

impl Named for TechArea {
    fn names(&self) -> Vec<(MatchedBy, &str)> {
        let mut out = vec![
            (MatchedBy::Key, self.key().as_str()),
            (MatchedBy::Name, self.name()),
        ];
        out.extend(self.aliases().map(|a| (MatchedBy::Alias, a)));
        out
    }
}

fn lookup<'r, E: Named>(reg: &'r Registry, query: &str) -> Lookup<'r, E> {
    let wanted = normalize(query);
    let mut matches: Vec<NameMatch<'r, E>> = Vec::new();
    if !wanted.is_empty() {
        for entity in reg.all::<E>() {
            let mut best: Option<NameMatch<'r, E>> = None;
            for (by, text) in entity.names() {
                if normalize(text) == wanted
                    && best.as_ref().map_or(true, |b| (by, text) < (b.by, b.text))
                {
                    best = Some(NameMatch { entity, by, text });
                }
            }
            matches.extend(best);
        }
    }
    matches.sort_by(|a, b| {
        a.by.cmp(&b.by)
            .then_with(|| a.entity.key().cmp(b.entity.key()))
    });
    // Suggestions cost a similarity per name: only when nothing matched.
    let mut close: Vec<Suggestion<'r, E>> = Vec::new();
    if matches.is_empty() && !wanted.is_empty() {
        for entity in reg.all::<E>() {
            let mut nearest: Option<Suggestion<'r, E>> = None;
            for (by, text) in entity.names() {
                let normal = normalize(text);
                if normal.is_empty() {
                    continue;
                }
                let candidate = Suggestion {
                    entity,
                    by,
                    text,
                    similarity: similarity(&wanted, &normal),
                };
                if candidate.similarity >= SUGGEST_FROM
                    && nearest.as_ref().map_or(true, |n| candidate.beats(n))
                {
                    nearest = Some(candidate);
                }
            }
            close.extend(nearest);
        }
        close.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.entity.key().cmp(b.entity.key()))
        });
        close.truncate(MAX_SUGGESTIONS);
    }
    Lookup {
        query: query.to_owned(),
        matches,
        suggestions: close,
    }
}

/// Normalised names that more than one entity answers to.
fn collisions<E: Named>(reg: &Registry) -> Vec<(String, Vec<&E>)> {
    let mut by_name: std::collections::BTreeMap<String, Vec<&E>> = Default::default();
    for entity in reg.all::<E>() {
        let mut own: Vec<String> = entity.names().iter().map(|(_, t)| normalize(t)).collect();
        own.sort_unstable();
        own.dedup();
        for name in own.into_iter().filter(|n| !n.is_empty()) {
            by_name.entry(name).or_default().push(entity);
        }
    }
    by_name.into_iter().filter(|(_, es)| es.len() > 1).collect()
}

/// The names of one kind of entity, normalised once: for programs that look
/// up many names in one registry (an import that resolves every name of a
/// scraped press release), where [`Registry::lookup_institution`] would
/// normalise every name of the registry again for each query.
///
/// Build it with [`NameIndex::new`]; it borrows the registry, so it cannot
/// outlive an edit. Its answers are those of the registry's lookups.
///
/// # Example
///
/// ```
/// use pactum::names::NameIndex;
/// use pactum::Institution;
///
/// let registry = pactum::seed();
/// let index: NameIndex<'_, Institution> = NameIndex::new(&registry);
/// for name in ["MOTIE", "Ministry of Trade, Industry and Energy", "kr-motie"] {
///     assert_eq!(index.lookup(name).unique().unwrap().key().as_str(), "kr-motie");
/// }
/// ```
#[derive(Debug)]
pub struct NameIndex<'r, E> {
    by_name: std::collections::HashMap<String, Vec<NameMatch<'r, E>>>,
}

impl<'r, E: Named> NameIndex<'r, E> {
    /// Normalises every key and name of the registry's entities of kind `E`
    /// (institutions or technology areas).
    pub fn new(registry: &'r Registry) -> NameIndex<'r, E> {
        let mut by_name: std::collections::HashMap<String, Vec<NameMatch<'r, E>>> =
            std::collections::HashMap::new();
        for entity in registry.all::<E>() {
            for (by, text) in entity.names() {
                let normal = normalize(text);
                if normal.is_empty() {
                    continue;
                }
                let entry = by_name.entry(normal).or_default();
                let found = NameMatch { entity, by, text };
                match entry.last_mut() {
                    // Entities are indexed one at a time: an earlier name of
                    // this one with the same normal form is the last entry.
                    Some(last) if std::ptr::eq(last.entity, entity) => {
                        if (by, text) < (last.by, last.text) {
                            *last = found;
                        }
                    }
                    _ => entry.push(found),
                }
            }
        }
        for matches in by_name.values_mut() {
            matches.sort_by(|a, b| {
                a.by.cmp(&b.by)
                    .then_with(|| a.entity.key().cmp(b.entity.key()))
            });
        }
        NameIndex { by_name }
    }

    /// The entities called `query`, as [`Registry::lookup_institution`] and
    /// [`Registry::lookup_tech_area`] find them; close names when none is.
    pub fn lookup(&self, query: &str) -> Lookup<'r, E> {
        let wanted = normalize(query);
        let matches = self.by_name.get(&wanted).cloned().unwrap_or_default();
        let suggestions = if matches.is_empty() && !wanted.is_empty() {
            let mut best: std::collections::HashMap<&str, Suggestion<'r, E>> =
                std::collections::HashMap::new();
            for (normal, named) in &self.by_name {
                let s = similarity(&wanted, normal);
                if s < SUGGEST_FROM {
                    continue;
                }
                for m in named {
                    let slot = best.entry(m.entity.key().as_str());
                    let candidate = Suggestion {
                        entity: m.entity,
                        by: m.by,
                        text: m.text,
                        similarity: s,
                    };
                    slot.and_modify(|old| {
                        if candidate.beats(old) {
                            *old = candidate;
                        }
                    })
                    .or_insert(candidate);
                }
            }
            let mut close: Vec<Suggestion<'r, E>> = best.into_values().collect();
            close.sort_by(|a, b| {
                b.similarity
                    .total_cmp(&a.similarity)
                    .then_with(|| a.entity.key().cmp(b.entity.key()))
            });
            close.truncate(MAX_SUGGESTIONS);
            close
        } else {
            Vec::new()
        };
        Lookup {
            query: query.to_owned(),
            matches,
            suggestions,
        }
    }

    /// The number of distinct normalised names.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether there are no names at all.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

impl Registry {
    /// The institutions called `query`: by key, name, acronym, alias, or a
    /// former name or acronym, compared in [`normalize`]d form. Every
    /// institution that answers to the query is returned, so an ambiguous
    /// acronym gives all its candidates; when none does, the lookup offers
    /// close names.
    ///
    /// Each call normalises every name of the registry (a few tens of
    /// milliseconds for 100,000 institutions); a program with many names to
    /// resolve builds a [`NameIndex`] once instead.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::names::MatchedBy;
    ///
    /// let registry = pactum::seed();
    /// let found = registry.lookup_institution("msit");
    /// let m = &found.matches()[0];
    /// assert_eq!(m.entity().key().as_str(), "kr-msit");
    /// assert_eq!(m.matched_by(), MatchedBy::Acronym);
    ///
    /// let garbled = registry.lookup_institution("Ministry of Sceince and ICT");
    /// assert_eq!(
    ///     garbled.to_string(),
    ///     r#"no institution is called "Ministry of Sceince and ICT"; did you mean "Ministry of Science and ICT"?"#
    /// );
    /// ```
    pub fn lookup_institution(&self, query: &str) -> Lookup<'_, Institution> {
        lookup(self, query)
    }

    /// The technology areas called `query`: by key, name or alias, compared
    /// in [`normalize`]d form; close names when none is.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// for query in ["5G", "5g", "fifth-generation mobile", "5G networks"] {
    ///     assert_eq!(registry.lookup_tech_area(query).unique().unwrap().key().as_str(), "5g");
    /// }
    /// ```
    pub fn lookup_tech_area(&self, query: &str) -> Lookup<'_, TechArea> {
        lookup(self, query)
    }

    /// Names (in [`normalize`]d form) that more than one institution answers
    /// to, with those institutions: the acronyms and aliases a lookup cannot
    /// settle alone. In name order.
    pub fn ambiguous_institution_names(&self) -> Vec<(String, Vec<&Institution>)> {
        collisions(self)
    }

    /// Names (in [`normalize`]d form) that more than one technology area
    /// answers to, with those areas. In name order.
    pub fn ambiguous_tech_area_names(&self) -> Vec<(String, Vec<&TechArea>)> {
        collisions(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Date, InstitutionKind};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn case_width_and_punctuation_do_not_matter() {
        assert_eq!(normalize("5G"), "5g");
        assert_eq!(normalize("５Ｇ"), "5g");
        assert_eq!(normalize("Cyber-Security"), normalize("cyber security"));
        assert_eq!(normalize("  A.I.  "), "ai");
        assert_eq!(normalize("EU–Korea"), "eukorea");
    }

    #[test]
    fn ascii_names_normalise_as_they_would_through_unicode() {
        for text in [
            "5G networks",
            "R&D",
            "Kr-MSIT",
            "A.I.",
            "  x  ",
            "Ministry of Trade, Industry and Energy",
        ] {
            // A trailing non-ASCII space sends the text down the Unicode path.
            let slow = normalize(&format!("{text}\u{a0}"));
            assert_eq!(normalize(text), slow, "{text}");
        }
    }

    #[test]
    fn normalising_twice_or_from_any_normal_form_gives_the_same_name() {
        let reg = crate::seed();
        let mut samples: Vec<String> = [
            "Việt Nam",
            "Đà Nẵng",
            "ǅemal",
            "Kelvin K",
            "İstanbul",
            "ﬁber",
            "Ὀδυσσεύς",
            "과학기술정보통신부",
            "ｶﾞｲﾑｼｮｳ",
            "Straße",
            "Москва́",
            "R&D",
            "①②",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for inst in reg.institutions() {
            samples.extend(inst.names().iter().map(|(_, t)| (*t).to_owned()));
        }
        for area in reg.tech_areas() {
            samples.extend(area.names().iter().map(|(_, t)| (*t).to_owned()));
        }
        for text in &samples {
            let once = normalize(text);
            assert_eq!(normalize(&once), once, "{text}");
            let nfd: String = text.nfd().collect();
            let nfkc: String = text.nfkc().collect();
            assert_eq!(normalize(&nfd), once, "{text}");
            assert_eq!(normalize(&nfkc), once, "{text}");
            assert!(once.chars().all(|c| !c.is_uppercase()), "{text}: {once}");
        }
    }

    #[test]
    fn names_far_apart_in_length_are_never_similar() {
        assert_eq!(similarity("ai", "artificialintelligence"), 0.0);
        assert!(similarity("semiconductor", "semiconductors") > SUGGEST_FROM);
        assert!(similarity("nattbat", "naatbatt") > SUGGEST_FROM);
    }

    #[test]
    fn diacritics_on_latin_letters_are_dropped() {
        assert_eq!(normalize("Việt Nam"), "vietnam");
        assert_eq!(normalize("Đà Nẵng"), "danang");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Straße"), normalize("STRASSE"));
        assert_eq!(normalize("Ὀδυσσεύς"), normalize("οδυσσευσ"));
    }

    #[test]
    fn hangul_and_kana_keep_their_letters() {
        // A decomposed Hangul syllable and the precomposed one are one name.
        let decomposed: String = "과학".nfd().collect();
        assert_ne!(decomposed, "과학");
        assert_eq!(normalize(&decomposed), "과학");
        // The voicing mark makes a different kana: it must not be dropped.
        assert_ne!(normalize("が"), normalize("か"));
        assert_eq!(normalize("ｶﾞ"), normalize("ガ"));
    }

    #[test]
    fn a_blank_query_matches_nothing() {
        let reg = crate::seed();
        assert!(reg.lookup_institution("").is_empty());
        assert!(reg.lookup_institution(" - ").is_empty());
        assert!(reg.lookup_tech_area("").suggestions().is_empty());
    }

    fn ministry(key: &str, name: &str, acronym: &str, country: &str) -> Institution {
        Institution::builder(key, name, InstitutionKind::Ministry, country)
            .acronym(acronym)
            .build()
            .unwrap()
    }

    #[test]
    fn an_ambiguous_acronym_returns_every_candidate() {
        let mut reg = Registry::new();
        reg.insert(ministry(
            "vn-most",
            "Ministry of Science and Technology",
            "MOST",
            "VN",
        ))
        .unwrap();
        reg.insert(ministry(
            "tw-most",
            "Ministry of Science and Technology",
            "MOST",
            "TW",
        ))
        .unwrap();
        reg.insert(ministry(
            "kr-msit",
            "Ministry of Science and ICT",
            "MSIT",
            "KR",
        ))
        .unwrap();
        let found = reg.lookup_institution("most");
        assert!(found.is_ambiguous());
        assert_eq!(found.unique(), None);
        let keys: Vec<&str> = found.entities().map(|i| i.key().as_str()).collect();
        assert_eq!(keys, ["tw-most", "vn-most"]);
        assert_eq!(
            found.to_string(),
            r#""most" is ambiguous: 2 institutions ("tw-most", "vn-most")"#
        );
        let collisions = reg.ambiguous_institution_names();
        let names: Vec<&str> = collisions.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["ministryofscienceandtechnology", "most"]);
    }

    #[test]
    fn an_entity_matched_by_several_names_is_returned_once_by_its_best() {
        let mut reg = Registry::new();
        let i = Institution::builder("kr-iitp", "IITP", InstitutionKind::Agency, "KR")
            .acronym("IITP")
            .alias("iitp")
            .build()
            .unwrap();
        reg.insert(i).unwrap();
        let found = reg.lookup_institution("IITP");
        assert_eq!(found.matches().len(), 1);
        assert_eq!(found.matches()[0].matched_by(), MatchedBy::Name);
    }

    #[test]
    fn hangul_and_vietnamese_names_resolve() {
        let mut reg = Registry::new();
        let msit = Institution::builder(
            "kr-msit",
            "Ministry of Science and ICT",
            InstitutionKind::Ministry,
            "KR",
        )
        .alias("과학기술정보통신부")
        .build()
        .unwrap();
        let vn = Institution::builder(
            "vn-gov",
            "Government of Viet Nam",
            InstitutionKind::Government,
            "VN",
        )
        .alias("Chính phủ Việt Nam")
        .build()
        .unwrap();
        reg.insert(msit).unwrap();
        reg.insert(vn).unwrap();
        let ko = reg.lookup_institution("과학기술정보통신부");
        assert_eq!(ko.unique().map(|i| i.key().as_str()), Some("kr-msit"));
        let vi = reg.lookup_institution("chinh phu viet nam");
        assert_eq!(vi.unique().map(|i| i.key().as_str()), Some("vn-gov"));
        assert_eq!(vi.matches()[0].text(), "Chính phủ Việt Nam");
    }

    #[test]
    fn a_former_name_still_resolves() {
        let mut reg = Registry::new();
        let agency = Institution::builder(
            "xx-agency",
            "Agency for Digital Affairs",
            InstitutionKind::Agency,
            "KR",
        )
        .former_name(
            "Office for Computing",
            Some("OFC"),
            Date::parse("2015").unwrap(),
        )
        .build()
        .unwrap();
        reg.insert(agency).unwrap();
        let by_name = reg.lookup_institution("office for computing");
        assert_eq!(by_name.matches()[0].matched_by(), MatchedBy::FormerName);
        let by_acronym = reg.lookup_institution("O.F.C.");
        assert_eq!(
            by_acronym.matches()[0].matched_by(),
            MatchedBy::FormerAcronym
        );
    }

    #[test]
    fn a_failed_lookup_suggests_close_names_most_similar_first() {
        let reg = crate::seed();
        let found = reg.lookup_institution("Society of Automotive Engineer");
        assert!(found.is_empty());
        let first = found.suggestions().first().expect("a suggestion");
        assert_eq!(first.entity().key().as_str(), "us-sae");
        assert!(found
            .suggestions()
            .windows(2)
            .all(|w| w[0].similarity() >= w[1].similarity()));
        assert!(reg.lookup_institution("zzzz qqqq").suggestions().is_empty());
    }

    fn summary<E: Entity>(l: &Lookup<'_, E>) -> Vec<(String, MatchedBy, String, u64)> {
        let m = l.matches().iter().map(|m| {
            (
                m.entity().key().to_string(),
                m.matched_by(),
                m.text().to_owned(),
                0,
            )
        });
        let s = l.suggestions().iter().map(|s| {
            (
                s.entity().key().to_string(),
                s.matched_by(),
                s.text().to_owned(),
                s.similarity().to_bits(),
            )
        });
        m.chain(s).collect()
    }

    #[test]
    fn the_name_index_answers_as_the_registry_lookups_do() {
        let reg = crate::seed();
        let institutions: NameIndex<'_, Institution> = NameIndex::new(&reg);
        let areas: NameIndex<'_, TechArea> = NameIndex::new(&reg);
        let mut queries: Vec<String> = [
            "",
            "MSIT",
            "msip",
            "Nattbat",
            "Ministry of Sceince",
            "Việt Nam",
            "5g",
            "quantum",
            "chip",
            "robot",
            "cyber",
            "Society of Automotive Engineer",
            "EU",
            "kr-gov",
            "zzz",
        ]
        .iter()
        .map(|q| (*q).to_owned())
        .collect();
        // Every name with one letter dropped: near misses of every kind.
        for inst in reg.institutions() {
            for (_, text) in inst.names() {
                queries.push(text.chars().skip(1).collect());
            }
        }
        for area in reg.tech_areas() {
            for (_, text) in area.names() {
                queries.push(text.chars().skip(1).collect());
            }
        }
        for q in &queries {
            assert_eq!(
                summary(&institutions.lookup(q)),
                summary(&reg.lookup_institution(q)),
                "{q}"
            );
            assert_eq!(
                summary(&areas.lookup(q)),
                summary(&reg.lookup_tech_area(q)),
                "{q}"
            );
        }
        assert!(!institutions.is_empty());
        assert!(areas.len() >= reg.tech_areas().len());
    }

    #[test]
    fn a_successful_lookup_offers_no_suggestions() {
        let reg = crate::seed();
        let found = reg.lookup_institution("KIAT");
        assert_eq!(found.matches().len(), 1);
        assert!(found.suggestions().is_empty());
    }
}

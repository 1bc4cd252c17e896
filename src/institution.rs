//! Institutions: the bodies that act.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::country::Country;
use crate::date::Date;
use crate::diagnostic::ValidationError;
use crate::history::{FormerName, RawFormerName, RawSuccession, Succession};
use crate::id::{entity, raw_text, Key};
use crate::registry::Registry;
use crate::source::{provenance_builder, Provenance, RawCitation, RawClaim};
use crate::validate::Checker;

/// What kind of body an institution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InstitutionKind {
    /// A national government as a whole (`kr-gov`).
    Government,
    /// A ministry or department of a national government.
    Ministry,
    /// A government agency, institute or office under a ministry.
    Agency,
    /// A research institute or laboratory, public or private.
    ResearchInstitute,
    /// A university.
    University,
    /// An industry association, standards body or professional society.
    IndustryAssociation,
    /// A company.
    Company,
    /// A parliament or assembly.
    Legislature,
    /// Armed forces or one of their branches.
    ArmedForces,
    /// An embassy, consulate or other diplomatic mission.
    DiplomaticMission,
    /// A city, province or other sub-national government or its department.
    LocalGovernment,
    /// A supranational body: the European Union and its institutions.
    SupranationalBody,
    /// Anything else.
    Other,
}

/// A body that acts: a government, ministry, agency, research institute,
/// university, association, company, legislature or supranational body.
///
/// Institutions form a hierarchy through [`parent`](Institution::parent): an
/// agency sits under its ministry, a ministry under its government.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Institution {
    key: Key<Institution>,
    name: Box<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    acronym: Option<Box<str>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: Box<[Box<str>]>,
    kind: InstitutionKind,
    country: Country,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<Key<Institution>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    former_names: Box<[FormerName]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    predecessors: Box<[Succession]>,
    #[serde(flatten)]
    provenance: Provenance,
}

entity!(Institution, Institution);

impl Institution {
    /// The field names a citation or claim can name.
    pub(crate) const FIELDS: &'static [&'static str] = &[
        "name",
        "acronym",
        "aliases",
        "kind",
        "country",
        "parent",
        "former_names",
        "predecessors",
    ];

    /// Starts building an institution.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Country, Institution, InstitutionKind};
    ///
    /// let msit = Institution::builder("kr-msit", "Ministry of Science and ICT", InstitutionKind::Ministry, "KR")
    ///     .acronym("MSIT")
    ///     .parent("kr-gov")
    ///     .build()?;
    /// assert_eq!(msit.country(), Country::KR);
    /// # Ok::<(), pactum::ValidationError>(())
    /// ```
    pub fn builder(
        key: impl Into<String>,
        name: impl Into<String>,
        kind: InstitutionKind,
        country: impl Into<String>,
    ) -> InstitutionBuilder {
        InstitutionBuilder {
            raw: RawInstitution {
                key: raw_text(key),
                name: name.into(),
                acronym: None,
                aliases: Vec::new(),
                kind,
                country: country.into(),
                parent: None,
                former_names: Vec::new(),
                predecessors: Vec::new(),
                sources: Vec::new(),
                claims: Vec::new(),
            },
        }
    }

    /// The institution's key.
    pub fn key(&self) -> &Key<Institution> {
        &self.key
    }
    /// Its official name in English.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Its acronym (`MSIT`).
    pub fn acronym(&self) -> Option<&str> {
        self.acronym.as_deref()
    }
    /// Other names, including garbled spellings found in sources.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = &str> {
        self.aliases.iter().map(|a| &**a)
    }
    /// What kind of body it is.
    pub fn kind(&self) -> InstitutionKind {
        self.kind
    }
    /// The country or bloc it belongs to.
    pub fn country(&self) -> Country {
        self.country
    }
    /// The body it sits under.
    pub fn parent(&self) -> Option<&Key<Institution>> {
        self.parent.as_ref()
    }
    /// The names it was known by before it was renamed, as recorded (see
    /// [`crate::history`]).
    pub fn former_names(&self) -> &[FormerName] {
        &self.former_names
    }
    /// The institutions it took over, each with the day it took over (see
    /// [`crate::history`]).
    pub fn predecessors(&self) -> &[Succession] {
        &self.predecessors
    }
    /// Its citations and claims.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// Whether `name` is its name, acronym or one of its aliases (exact
    /// match; [`Registry::lookup_institution`](crate::Registry::lookup_institution)
    /// forgives case, punctuation and diacritics).
    pub fn is_called(&self, name: &str) -> bool {
        &*self.name == name
            || self.acronym.as_deref() == Some(name)
            || self.aliases.iter().any(|a| &**a == name)
    }

    pub(crate) fn from_raw(raw: RawInstitution, ck: &mut Checker<'_>) -> Option<Institution> {
        let key = ck.entity_key(raw.key);
        let name = ck.text("name", raw.name);
        let acronym = ck.opt_text("acronym", raw.acronym);
        let aliases = ck.texts("aliases", raw.aliases);
        let country = ck.country("country", &raw.country);
        let parent = ck.opt_key("parent", raw.parent);
        if let (Some(k), Some(Some(p))) = (&key, &parent) {
            if k == p {
                ck.report(
                    crate::diagnostic::Rule::Cycle,
                    "parent",
                    "an institution cannot be its own parent",
                );
            }
        }
        let former_names = crate::history::former_names(ck, raw.former_names);
        let predecessors = crate::history::successions(ck, key.as_ref(), raw.predecessors);
        let provenance = ck.provenance(raw.sources, raw.claims, Self::FIELDS, &[]);
        if ck.failed() {
            return None;
        }
        Some(Institution {
            key: key?,
            name: name?,
            acronym: acronym?,
            aliases: aliases.into(),
            kind: raw.kind,
            country: country?,
            parent: parent?,
            former_names: former_names.into(),
            predecessors: predecessors.into(),
            provenance,
        })
    }
}

/// Builds an [`Institution`]; see [`Institution::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct InstitutionBuilder {
    raw: RawInstitution,
}

impl InstitutionBuilder {
    /// Sets the acronym.
    pub fn acronym(mut self, acronym: impl Into<String>) -> Self {
        self.raw.acronym = Some(acronym.into());
        self
    }
    /// Adds another name.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.raw.aliases.push(alias.into());
        self
    }
    /// Sets the body it sits under (a key).
    pub fn parent(mut self, key: impl Into<String>) -> Self {
        self.raw.parent = Some(raw_text(key));
        self
    }
    /// Records a name it used before a rename, with the acronym of that time
    /// and the day the next name took effect.
    pub fn former_name(
        mut self,
        name: impl Into<String>,
        acronym: Option<&str>,
        renamed: Date,
    ) -> Self {
        self.raw.former_names.push(RawFormerName {
            name: name.into(),
            acronym: acronym.map(str::to_owned),
            renamed: crate::validate::DateInput::Date(renamed),
        });
        self
    }
    /// Records an institution it took over (a key), with the day it took
    /// over.
    pub fn predecessor(mut self, key: impl Into<String>, date: Date) -> Self {
        self.raw.predecessors.push(RawSuccession {
            institution: raw_text(key),
            date: crate::validate::DateInput::Date(date),
        });
        self
    }
    provenance_builder!();
    /// Checks everything and builds the institution.
    ///
    /// # Errors
    ///
    /// A [`ValidationError`] listing every problem: malformed keys, blank
    /// names, an unknown country code, an institution that is its own parent
    /// or its own predecessor, a predecessor listed twice.
    pub fn build(self) -> Result<Institution, ValidationError> {
        crate::validate::build(self.raw, Institution::from_raw)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInstitution {
    key: CompactString,
    name: String,
    #[serde(default)]
    acronym: Option<String>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    aliases: Vec<String>,
    kind: InstitutionKind,
    country: String,
    #[serde(default)]
    parent: Option<CompactString>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    former_names: Vec<RawFormerName>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    predecessors: Vec<RawSuccession>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    sources: Vec<RawCitation>,
    #[serde(default, deserialize_with = "crate::validate::null_as_empty")]
    claims: Vec<RawClaim>,
}

crate::validate::raw_entity!(RawInstitution, Institution);

/// One side of an agreement: a country or bloc and the parties that act for
/// it.
#[derive(Debug, Clone)]
pub struct Side<'r> {
    country: Country,
    parties: Vec<&'r Institution>,
}

impl<'r> Side<'r> {
    /// The country or bloc.
    pub fn country(&self) -> Country {
        self.country
    }
    /// The parties (partners or signatories) on this side, in the order the
    /// agreement lists them.
    pub fn parties(&self) -> &[&'r Institution] {
        &self.parties
    }
}

impl Registry {
    /// The institutions directly under the institution with `key`, in key
    /// order.
    pub fn institution_children(&self, key: &str) -> Vec<&Institution> {
        let mut out: Vec<&Institution> = self
            .institutions()
            .iter()
            .filter(|i| i.parent().is_some_and(|p| p == key))
            .collect();
        out.sort_by(|a, b| a.key().cmp(b.key()));
        out
    }

    /// The bodies above the institution with `key`, nearest first: an
    /// agency's ministry, then its government. Empty for a top-level body or
    /// an unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.institution_ancestors("kr-iitp").iter().map(|i| i.key().as_str()).collect();
    /// assert_eq!(keys, ["kr-msit", "kr-gov"]);
    /// ```
    pub fn institution_ancestors(&self, key: &str) -> Vec<&Institution> {
        let mut out: Vec<&Institution> = Vec::new();
        let mut current = self.institution(key).and_then(Institution::parent);
        while let Some(parent) = current {
            // The hierarchy has no cycles; the check keeps the walk finite
            // whatever the data.
            if parent == key || out.iter().any(|i| i.key() == parent) {
                break;
            }
            let Some(inst) = self.institution(parent.as_str()) else {
                break;
            };
            out.push(inst);
            current = inst.parent();
        }
        out
    }

    /// The institutions under the institution with `key`, directly or
    /// through intermediate bodies, nearest first. Empty for an unknown key.
    pub fn institution_descendants(&self, key: &str) -> Vec<&Institution> {
        // One pass builds the children of every body, so a large hierarchy
        // is walked in linear time.
        let mut children: std::collections::HashMap<&str, Vec<&Institution>> =
            std::collections::HashMap::new();
        for inst in self.institutions() {
            if let Some(p) = inst.parent() {
                children.entry(p.as_str()).or_default().push(inst);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.key().cmp(b.key()));
        }
        let mut out: Vec<&Institution> = Vec::new();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::from([key]);
        let mut i = 0;
        let mut current = Some(key);
        while let Some(k) = current {
            for &child in children.get(k).into_iter().flatten() {
                if seen.insert(child.key().as_str()) {
                    out.push(child);
                }
            }
            current = out.get(i).map(|o| o.key().as_str());
            i += 1;
        }
        out
    }

    /// The country or bloc an institution acts for, derived through the
    /// hierarchy: the country of its topmost body. An agency counts for the
    /// government it sits under even if the data records it where it sits
    /// (a delegation abroad), and an EU body for the EU. `None` for an
    /// unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// assert_eq!(registry.side_of_institution("kr-consulate-danang"), Some(pactum::Country::KR));
    /// assert_eq!(registry.side_of_institution("eu-commission"), Some(pactum::Country::EU));
    /// ```
    pub fn side_of_institution(&self, key: &str) -> Option<Country> {
        let inst = self.institution(key)?;
        Some(
            self.institution_ancestors(key)
                .last()
                .map_or(inst.country(), |top| top.country()),
        )
    }

    /// The sides of an agreement: its parties (a partnership's partners, an
    /// MOU's signatories) grouped by the country or bloc they act for
    /// ([`Registry::side_of_institution`]), in country-code order.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Agreement, Country};
    ///
    /// let registry = pactum::seed();
    /// let p = registry.partnership("eu-kr-digital").unwrap();
    /// let sides = registry.sides_of(Agreement::Partnership(p));
    /// let countries: Vec<Country> = sides.iter().map(|s| s.country()).collect();
    /// assert_eq!(countries, [Country::EU, Country::KR]);
    /// assert_eq!(sides[1].parties()[0].key().as_str(), "kr-gov");
    /// ```
    pub fn sides_of<'r>(&'r self, agreement: crate::query::Agreement<'r>) -> Vec<Side<'r>> {
        let mut sides: Vec<Side<'r>> = Vec::new();
        for party in agreement.parties() {
            let Some(inst) = self.institution(party.as_str()) else {
                continue;
            };
            let country = self
                .side_of_institution(party.as_str())
                .unwrap_or(inst.country());
            match sides.iter_mut().find(|s| s.country == country) {
                Some(side) => side.parties.push(inst),
                None => sides.push(Side {
                    country,
                    parties: vec![inst],
                }),
            }
        }
        sides.sort_by_key(|s| s.country);
        sides
    }

    /// Whether an agreement (a partnership or an MOU) is domestic, bilateral
    /// or multilateral, from the number of its sides
    /// ([`Registry::sides_of`]).
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Agreement, AgreementScope};
    ///
    /// let registry = pactum::seed();
    /// let p = registry.partnership("kr-us-tech").unwrap();
    /// assert_eq!(registry.scope_of_agreement(Agreement::Partnership(p)), AgreementScope::Bilateral);
    /// ```
    pub fn scope_of_agreement(
        &self,
        agreement: crate::query::Agreement<'_>,
    ) -> crate::query::AgreementScope {
        use crate::query::AgreementScope;
        match self.sides_of(agreement).len() {
            0 | 1 => AgreementScope::Domestic,
            2 => AgreementScope::Bilateral,
            _ => AgreementScope::Multilateral,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Agreement, AgreementScope};
    use crate::{Date, Mou};

    fn registry() -> Registry {
        let mut reg = Registry::new();
        let add = |reg: &mut Registry, b: InstitutionBuilder| {
            reg.insert(b.build().unwrap()).unwrap();
        };
        add(
            &mut reg,
            Institution::builder(
                "eu",
                "European Union",
                InstitutionKind::SupranationalBody,
                "EU",
            ),
        );
        // Recorded where it sits, but it acts for the EU.
        add(
            &mut reg,
            Institution::builder(
                "eu-delegation-kr",
                "Delegation of the European Union to the Republic of Korea",
                InstitutionKind::DiplomaticMission,
                "KR",
            )
            .parent("eu"),
        );
        add(
            &mut reg,
            Institution::builder("kr-gov", "Government", InstitutionKind::Government, "KR"),
        );
        add(
            &mut reg,
            Institution::builder("kr-msit", "MSIT", InstitutionKind::Ministry, "KR")
                .parent("kr-gov"),
        );
        add(
            &mut reg,
            Institution::builder("kr-iitp", "IITP", InstitutionKind::Agency, "KR")
                .parent("kr-msit"),
        );
        reg
    }

    #[test]
    fn a_body_acts_for_the_country_of_its_topmost_ancestor() {
        let reg = registry();
        assert_eq!(
            reg.side_of_institution("eu-delegation-kr"),
            Some(Country::EU)
        );
        assert_eq!(reg.side_of_institution("kr-iitp"), Some(Country::KR));
        assert_eq!(reg.side_of_institution("nope"), None);
    }

    #[test]
    fn an_mou_with_an_eu_delegation_in_korea_is_bilateral() {
        let mut reg = registry();
        let mou = Mou::builder("m", "An MOU", Date::parse("2024-05").unwrap())
            .signatory("eu-delegation-kr")
            .signatory("kr-iitp")
            .build()
            .unwrap();
        reg.insert(mou).unwrap();
        let mou = reg.mou("m").unwrap();
        let sides = reg.sides_of(Agreement::Mou(mou));
        let summary: Vec<(Country, Vec<&str>)> = sides
            .iter()
            .map(|s| {
                let keys = s.parties().iter().map(|i| i.key().as_str()).collect();
                (s.country(), keys)
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Country::EU, vec!["eu-delegation-kr"]),
                (Country::KR, vec!["kr-iitp"])
            ]
        );
        assert_eq!(
            reg.scope_of_agreement(Agreement::Mou(mou)),
            AgreementScope::Bilateral
        );
    }

    #[test]
    fn children_ancestors_and_descendants_follow_the_parents() {
        let reg = registry();
        let keys = |list: Vec<&Institution>| -> Vec<String> {
            list.iter().map(|i| i.key().to_string()).collect()
        };
        assert_eq!(keys(reg.institution_children("kr-gov")), ["kr-msit"]);
        assert_eq!(
            keys(reg.institution_ancestors("kr-iitp")),
            ["kr-msit", "kr-gov"]
        );
        assert_eq!(
            keys(reg.institution_descendants("kr-gov")),
            ["kr-msit", "kr-iitp"]
        );
        assert!(reg.institution_descendants("kr-iitp").is_empty());
        assert!(reg.institution_ancestors("nope").is_empty());
    }
}

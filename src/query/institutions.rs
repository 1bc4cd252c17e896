//! Institutions and what they take part in: the hierarchy above and below
//! an institution, the side (country or bloc) an institution or official
//! acts for, and every event that involves an institution.

use crate::event::{AgreementScope, Event};
use crate::model::country::Country;
use crate::model::id::Key;
use crate::model::institution::Institution;
use crate::model::mou::Mou;
use crate::model::official::Official;
use crate::registry::Registry;

/// Whom an institution acts for: the side it takes in an agreement
/// ([`Registry::side_of_institution`]).
///
/// Sides order countries first (in code order), then organisations (in key
/// order), then the unknown side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Affiliation<'r> {
    /// A country or bloc, current or former.
    Country(Country),
    /// An intergovernmental organisation or supranational body recorded
    /// without a country: a side of its own, named by its topmost such body.
    Organization(&'r Key<Institution>),
    /// A country that is not recorded: an institution without a country
    /// that is not an organisation, with no body above it that has one.
    Unknown,
}

impl Affiliation<'_> {
    /// The country or bloc, when the side is one.
    pub fn country(&self) -> Option<Country> {
        match self {
            Affiliation::Country(c) => Some(*c),
            _ => None,
        }
    }

    /// Whether the side cannot be told.
    pub fn is_unknown(&self) -> bool {
        *self == Affiliation::Unknown
    }
}

/// One side of an agreement: a country, bloc or international organisation
/// and the parties that act for it. The parties whose side is unknown are
/// grouped in one side of their own, last.
#[derive(Debug, Clone)]
pub struct Side<'r> {
    affiliation: Affiliation<'r>,
    parties: Vec<&'r Institution>,
}

impl<'r> Side<'r> {
    /// Whom the side is: a country or bloc, an organisation, or unknown.
    pub fn affiliation(&self) -> Affiliation<'r> {
        self.affiliation
    }
    /// The country or bloc; `None` for an organisation's side or the
    /// unknown side.
    pub fn country(&self) -> Option<Country> {
        self.affiliation.country()
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

    /// Whom an institution acts for, derived through the hierarchy: the
    /// side of its topmost body. An agency counts for the government it
    /// sits under even if the data records it where it sits (a delegation
    /// abroad), and an EU body for the EU.
    ///
    /// Going down from the topmost body, the first that says decides: a
    /// body with a country gives that country; an intergovernmental
    /// organisation or supranational body without one is a side of its own
    /// ([`Affiliation::Organization`]). When none says,
    /// the side is [`Affiliation::Unknown`]. `None` for an unknown key.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Affiliation, Country};
    ///
    /// let registry = pactum::seed();
    /// assert_eq!(registry.side_of_institution("kr-consulate-danang"), Some(Affiliation::Country(Country::KR)));
    /// assert_eq!(
    ///     registry.side_of_institution("eu-commission").and_then(|a| a.country()),
    ///     Some(Country::EU)
    /// );
    /// ```
    pub fn side_of_institution(&self, key: &str) -> Option<Affiliation<'_>> {
        let inst = self.institution(key)?;
        let mut chain = self.institution_ancestors(key);
        chain.reverse();
        chain.push(inst);
        Some(
            chain
                .into_iter()
                .find_map(|body| match body.country() {
                    Some(country) => Some(Affiliation::Country(country)),
                    None if body.kind().has_own_side() => {
                        Some(Affiliation::Organization(body.key()))
                    }
                    None => None,
                })
                .unwrap_or(Affiliation::Unknown),
        )
    }

    /// The sides of an agreement: its parties (a partnership's partners, an
    /// MOU's signatories) grouped by whom they act for
    /// ([`Registry::side_of_institution`]): countries in code order, then
    /// organisations, then the parties whose side is unknown.
    ///
    /// # Example
    ///
    /// ```
    /// use pactum::{Agreement, Country};
    ///
    /// let registry = pactum::seed();
    /// let p = registry.partnership("eu-kr-digital").unwrap();
    /// let sides = registry.sides_of(Agreement::Partnership(p));
    /// let countries: Vec<Option<Country>> = sides.iter().map(|s| s.country()).collect();
    /// assert_eq!(countries, [Some(Country::EU), Some(Country::KR)]);
    /// assert_eq!(sides[1].parties()[0].key().as_str(), "kr-gov");
    /// ```
    pub fn sides_of<'r>(&'r self, agreement: crate::query::Agreement<'r>) -> Vec<Side<'r>> {
        self.sides_of_parties(agreement.parties())
    }

    /// The sides of the institutions with `keys`, as [`Registry::sides_of`]
    /// groups them; unknown keys are left out.
    fn sides_of_parties<'r>(&'r self, keys: &[Key<Institution>]) -> Vec<Side<'r>> {
        let mut sides: Vec<Side<'r>> = Vec::new();
        for party in keys {
            let (Some(inst), Some(affiliation)) = (
                self.institution(party.as_str()),
                self.side_of_institution(party.as_str()),
            ) else {
                continue;
            };
            match sides.iter_mut().find(|s| s.affiliation == affiliation) {
                Some(side) => side.parties.push(inst),
                None => sides.push(Side {
                    affiliation,
                    parties: vec![inst],
                }),
            }
        }
        sides.sort_by_key(|s| s.affiliation);
        sides
    }

    /// Whether an agreement (a partnership or an MOU) is domestic, bilateral
    /// or multilateral, from the number of its sides
    /// ([`Registry::sides_of`]). An international organisation recorded
    /// without a country is a side of its own. When some party's side is
    /// unknown the scope is [`AgreementScope::Unknown`], unless three other
    /// sides already make it multilateral.
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
        scope(&self.sides_of(agreement))
    }

    /// The institution and every institution under it, directly or through
    /// intermediate bodies, starting with the institution itself. Empty for
    /// an unknown key.
    pub fn institution_and_below(&self, key: &str) -> Vec<&Institution> {
        let Some(root) = self.institution(key) else {
            return Vec::new();
        };
        self.index()
            .institution_and_below(root.key().as_str())
            .into_iter()
            .filter_map(|k| self.institution(k))
            .collect()
    }

    /// Whether `institution` is `ancestor` or sits under it.
    pub fn is_under(&self, institution: &str, ancestor: &str) -> bool {
        let mut current = Some(institution);
        // The hierarchy has no cycles, but the bound keeps the walk finite
        // whatever the data.
        for _ in 0..=self.institutions().len() {
            match current {
                Some(k) if k == ancestor => return true,
                Some(k) => {
                    current = self
                        .institution(k)
                        .and_then(|i| i.parent())
                        .map(Key::as_str)
                }
                None => return false,
            }
        }
        false
    }

    /// The events of every entity that involves the institution or one under
    /// it, in chronological order: partnerships it is a party of, meetings
    /// that name it (organizer, participant, or the institution of a chair or
    /// attendee), MOUs it signed or whose signers act for it, and commitments
    /// it owns.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let keys: Vec<&str> = registry.involving("kr-msit").map(|e| e.key()).collect();
    /// assert!(keys.contains(&"kr-mnd-msit-2021"));
    /// ```
    pub fn involving<'r>(&'r self, institution: &str) -> impl Iterator<Item = Event<'r>> + 'r {
        self.timeline()
            .institution_or_below(institution)
            .run()
            .into_iter()
            .flatten()
            .map(|h| h.event())
    }

    /// The side an official is on: the country given for them, or else the
    /// country of the institution they act for. `None` when neither is
    /// recorded.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let review = registry.meeting("kr-us-mou-review-2023").unwrap();
    /// for official in review.attendees() {
    ///     assert_eq!(registry.side_of(official), Some(pactum::Country::KR));
    /// }
    /// ```
    pub fn side_of(&self, official: &Official) -> Option<Country> {
        official.country().or_else(|| {
            official
                .institution()
                .and_then(|k| self.institution(k.as_str()))
                .and_then(Institution::country)
        })
    }

    /// Whether an MOU is domestic, bilateral or multilateral, from the sides
    /// of its signatories, as [`Registry::scope_of_agreement`] counts them
    /// (the MOU need not be in the registry; its signatories must be).
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let mou = registry.mou("kr-mnd-msit-2021").unwrap();
    /// assert_eq!(registry.scope_of(mou), pactum::AgreementScope::Domestic);
    /// ```
    pub fn scope_of(&self, mou: &Mou) -> AgreementScope {
        scope(&self.sides_of_parties(mou.signatories()))
    }
}

/// The scope of an agreement with `sides`: the unknown side, which may be
/// any of the others or new ones, leaves it unknown unless three known
/// sides make it multilateral whatever it is.
fn scope(sides: &[Side<'_>]) -> AgreementScope {
    let known = sides.iter().filter(|s| !s.affiliation.is_unknown()).count();
    match (known, known < sides.len()) {
        (3.., _) => AgreementScope::Multilateral,
        (_, true) => AgreementScope::Unknown,
        (0 | 1, false) => AgreementScope::Domestic,
        (2, false) => AgreementScope::Bilateral,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::institution::{InstitutionBuilder, InstitutionKind};
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
            Some(Affiliation::Country(Country::EU))
        );
        assert_eq!(
            reg.side_of_institution("kr-iitp"),
            Some(Affiliation::Country(Country::KR))
        );
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
        let summary: Vec<(Option<Country>, Vec<&str>)> = sides
            .iter()
            .map(|s| {
                let keys = s.parties().iter().map(|i| i.key().as_str()).collect();
                (s.country(), keys)
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Some(Country::EU), vec!["eu-delegation-kr"]),
                (Some(Country::KR), vec!["kr-iitp"])
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
        assert_eq!(
            keys(reg.institution_and_below("kr-gov")),
            ["kr-gov", "kr-msit", "kr-iitp"]
        );
        assert_eq!(keys(reg.institution_and_below("kr-iitp")), ["kr-iitp"]);
        assert!(reg.institution_and_below("nope").is_empty());
    }

    /// An official is on the side of the country given for them, else of
    /// the institution they act for, else on none.
    #[test]
    fn an_official_is_on_their_own_country_s_side_or_their_institution_s() {
        use crate::model::official::Official;
        let reg = registry();
        let official = |country: Option<&str>, institution: Option<&str>| {
            let mut b = Official::builder("A. Delegate");
            if let Some(c) = country {
                b = b.country(c);
            }
            if let Some(i) = institution {
                b = b.institution(i);
            }
            b.build().unwrap()
        };
        let side = |o: Official| reg.side_of(&o);
        assert_eq!(
            side(official(Some("JP"), Some("kr-iitp"))),
            Some(Country::JP)
        );
        assert_eq!(side(official(None, Some("kr-iitp"))), Some(Country::KR));
        assert_eq!(side(official(None, Some("eu"))), Some(Country::EU));
        assert_eq!(side(official(None, None)), None);
    }

    /// The registry with bodies recorded without a country: an
    /// intergovernmental organisation with an organ under it, a
    /// supranational body, and bodies of every other kind.
    fn with_stateless_bodies() -> Registry {
        let mut reg = registry();
        let mut add = |b: InstitutionBuilder| {
            reg.insert(b.build().unwrap()).unwrap();
        };
        add(Institution::builder_without_country(
            "iaea",
            "International Atomic Energy Agency",
            InstitutionKind::IntergovernmentalOrganization,
        ));
        add(Institution::builder_without_country(
            "iaea-safeguards",
            "Department of Safeguards",
            InstitutionKind::Agency,
        )
        .parent("iaea"));
        add(Institution::builder_without_country(
            "euratom",
            "European Atomic Energy Community",
            InstitutionKind::SupranationalBody,
        ));
        for (key, kind) in [
            ("x-gov", InstitutionKind::Government),
            ("x-ministry", InstitutionKind::Ministry),
            ("x-agency", InstitutionKind::Agency),
            ("x-lab", InstitutionKind::ResearchInstitute),
            ("x-university", InstitutionKind::University),
            ("x-association", InstitutionKind::IndustryAssociation),
            ("x-company", InstitutionKind::Company),
            ("x-parliament", InstitutionKind::Legislature),
            ("x-army", InstitutionKind::ArmedForces),
            ("x-embassy", InstitutionKind::DiplomaticMission),
            ("x-city", InstitutionKind::LocalGovernment),
            ("x-other", InstitutionKind::Other),
        ] {
            add(Institution::builder_without_country(key, key, kind));
        }
        // Recorded without a country, but under a government that has one.
        add(
            Institution::builder_without_country("kr-x", "X", InstitutionKind::Agency)
                .parent("kr-msit"),
        );
        reg
    }

    fn mou_of(reg: &mut Registry, signatories: &[&str]) -> AgreementScope {
        let mut builder = Mou::builder("m", "An MOU", Date::parse("2024-05").unwrap());
        for s in signatories {
            builder = builder.signatory(*s);
        }
        let mou = builder.build().unwrap();
        let by_scope_of = reg.scope_of(&mou);
        let _ = reg.remove::<Mou>("m");
        reg.insert(mou).unwrap();
        let stored = reg.mou("m").unwrap();
        assert_eq!(reg.scope_of_agreement(Agreement::Mou(stored)), by_scope_of);
        by_scope_of
    }

    #[test]
    fn an_organisation_without_a_country_is_its_own_side_and_others_are_unknown() {
        let reg = with_stateless_bodies();
        let side = |k: &str| reg.side_of_institution(k).unwrap();
        let iaea = reg.institution("iaea").unwrap().key();
        assert_eq!(side("iaea"), Affiliation::Organization(iaea));
        assert_eq!(side("iaea-safeguards"), Affiliation::Organization(iaea));
        let euratom = reg.institution("euratom").unwrap().key();
        assert_eq!(side("euratom"), Affiliation::Organization(euratom));
        for key in [
            "x-gov",
            "x-ministry",
            "x-agency",
            "x-lab",
            "x-university",
            "x-association",
            "x-company",
            "x-parliament",
            "x-army",
            "x-embassy",
            "x-city",
            "x-other",
        ] {
            assert_eq!(reg.institution(key).unwrap().country(), None);
            assert!(side(key).is_unknown(), "{key}");
            assert_eq!(side(key).country(), None);
        }
        assert_eq!(side("kr-x"), Affiliation::Country(Country::KR));
    }

    #[test]
    fn an_mou_of_korea_with_an_international_organisation_is_bilateral() {
        let mut reg = with_stateless_bodies();
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "iaea"]),
            AgreementScope::Bilateral
        );
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "iaea-safeguards"]),
            AgreementScope::Bilateral
        );
        assert_eq!(
            mou_of(&mut reg, &["iaea", "iaea-safeguards"]),
            AgreementScope::Domestic
        );
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "iaea", "euratom"]),
            AgreementScope::Multilateral
        );
        let mou = reg.mou("m").unwrap();
        let sides: Vec<Affiliation<'_>> = reg
            .sides_of(Agreement::Mou(mou))
            .iter()
            .map(Side::affiliation)
            .collect();
        let key = |k: &str| reg.institution(k).unwrap().key();
        assert_eq!(
            sides,
            [
                Affiliation::Country(Country::KR),
                Affiliation::Organization(key("euratom")),
                Affiliation::Organization(key("iaea")),
            ]
        );
    }

    #[test]
    fn a_party_of_unknown_country_leaves_the_scope_unknown_below_three_known_sides() {
        let mut reg = with_stateless_bodies();
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "x-lab"]),
            AgreementScope::Unknown
        );
        assert_eq!(
            mou_of(&mut reg, &["x-lab", "x-company"]),
            AgreementScope::Unknown
        );
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "iaea", "x-lab"]),
            AgreementScope::Unknown
        );
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "iaea", "euratom", "x-lab"]),
            AgreementScope::Multilateral
        );
        assert_eq!(
            mou_of(&mut reg, &["kr-msit", "kr-x"]),
            AgreementScope::Domestic
        );
        let mou = reg.mou("m").unwrap();
        let sides = reg.sides_of(Agreement::Mou(mou));
        let last = sides.last().unwrap();
        assert_eq!(last.affiliation(), Affiliation::Country(Country::KR));
        mou_of(&mut reg, &["x-lab", "kr-msit", "x-company"]);
        let mou = reg.mou("m").unwrap();
        let sides = reg.sides_of(Agreement::Mou(mou));
        assert_eq!(sides.len(), 2);
        let unknown = sides.last().unwrap();
        assert!(unknown.affiliation().is_unknown());
        let keys: Vec<&str> = unknown.parties().iter().map(|i| i.key().as_str()).collect();
        assert_eq!(keys, ["x-lab", "x-company"]);
    }
}

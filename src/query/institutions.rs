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
    /// country of the institution they act for.
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
                .map(Institution::country)
        })
    }

    /// Whether an MOU is domestic, bilateral or multilateral, from the
    /// countries (or blocs) of its signatories.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = pactum::seed();
    /// let mou = registry.mou("kr-mnd-msit-2021").unwrap();
    /// assert_eq!(registry.scope_of(mou), pactum::AgreementScope::Domestic);
    /// ```
    pub fn scope_of(&self, mou: &Mou) -> AgreementScope {
        let mut countries: Vec<Country> = mou
            .signatories()
            .iter()
            .filter_map(|k| self.institution(k.as_str()))
            .map(Institution::country)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        match countries.len() {
            0 | 1 => AgreementScope::Domestic,
            2 => AgreementScope::Bilateral,
            _ => AgreementScope::Multilateral,
        }
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

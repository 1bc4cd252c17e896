//! The technology taxonomy: the parents, children, ancestors and
//! descendants of an area.

use crate::model::taxonomy::{TechArea, BUILTIN_AREAS};
use crate::registry::Registry;

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
        BUILTIN_AREAS.iter().any(|(k, ..)| *k == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostic::Rule;
    use crate::model::taxonomy::builtin;

    #[test]
    fn every_builtin_area_is_valid_and_parents_come_first() {
        let areas = builtin();
        assert_eq!(areas.len(), BUILTIN_AREAS.len());
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

    /// Two parents that share a grandparent: each ancestor is listed
    /// once, nearest first.
    #[test]
    fn an_area_with_two_paths_to_an_ancestor_lists_it_once() {
        let text = r#"{"pactum": 1, "tech_areas": [
            {"key": "lab-automation", "name": "Laboratory automation"},
            {"key": "lab-robots", "name": "Laboratory robots", "parents": ["lab-automation"]},
            {"key": "lab-ai", "name": "AI for laboratories", "parents": ["lab-automation"]},
            {"key": "robot-chemists", "name": "Robot chemists", "parents": ["lab-robots", "lab-ai"]}
        ]}"#;
        let reg = Registry::from_json_str(text).unwrap();
        let keys: Vec<&str> = reg
            .area_ancestors("robot-chemists")
            .iter()
            .map(|a| a.key().as_str())
            .collect();
        assert_eq!(keys, ["lab-robots", "lab-ai", "lab-automation"]);
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
        for (key, _, _, _, definition) in BUILTIN_AREAS {
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
            assert!(BUILTIN_AREAS.iter().any(|(k, ..)| *k == key), "{key}");
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

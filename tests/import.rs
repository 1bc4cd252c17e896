//! The CSV and Parquet tables read back (`pactum::import`): an export read
//! back is the dataset exported, byte for byte once saved, and a table
//! that is wrong says where.
#![cfg(any(feature = "csv", feature = "arrow"))]

use std::path::{Path, PathBuf};

use pactum::import::{ImportError, ImportErrorKind};
use pactum::Registry;

/// A fresh directory of the test's own, removed when dropped.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let path = std::env::temp_dir().join(format!("pactum-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A dataset that uses every field and list the tables carry.
const EVERY_FIELD: &str = r#"{
  "pactum": 1,
  "sources": [
    {"key": "s1", "title": "One", "publisher": "P", "authors": ["A, B", "C \"D\""], "url": "https://example.org/a",
     "published": "2023-06?", "language": "en", "note": "a note;with a separator"},
    {"key": "s2", "title": "Two"}
  ],
  "tech_areas": [
    {"key": "q-sense-lab", "name": "Quantum sensing", "parents": ["quantum"], "aliases": ["QS"],
     "definition": "Sensing.", "sources": ["s1"], "claims": [{"field": "name", "value": "Q sensing", "sources": ["s2"]}]}
  ],
  "institutions": [
    {"key": "aa-gov", "name": "Government of A", "aliases": ["A", "Land of A"], "kind": "government", "country": "KR",
     "sources": [{"source": "s1", "fields": ["name"], "note": "as printed"}, "s2"]},
    {"key": "aa-min", "name": "Ministry of A", "acronym": "MA", "kind": "ministry", "country": "KR", "parent": "aa-gov",
     "former_names": [{"name": "Office of A", "acronym": "OA", "renamed": "2015-03-01"}, {"name": "Bureau of A", "renamed": "2010"}],
     "predecessors": [{"institution": "aa-old", "date": "2017-07-26"}]},
    {"key": "aa-old", "name": "Old office of A", "kind": "agency", "country": "KR"},
    {"key": "bb-gov", "name": "Government of B", "kind": "government", "country": "VN"},
    {"key": "cc-gov", "name": "Government of C", "kind": "government", "country": "JP"},
    {"key": "org", "name": "Organisation", "kind": "intergovernmental_organization"}
  ],
  "partnerships": [
    {"key": "ab", "name": "A-B partnership", "kind": "strategic_partnership",
     "parties": ["aa-gov", {"institution": "bb-gov", "actions": [
        {"kind": "signature", "date": "2020-01-10", "sources": ["s1"]},
        {"kind": "ratification", "date": "2020-05", "note": "by decree",
         "claims": [{"field": "date", "value": "2020-05-04", "sources": ["s1", "s2"], "note": "n"}]}]}],
     "established": "2020-41", "tech_areas": ["q-sense-lab"], "sources": ["s2"]}
  ],
  "meetings": [
    {"key": "ab-1", "name": "First council", "kind": "council", "partnership": "ab", "series": "ab-council", "session": 1,
     "date": "[2021-06-23,2021-06-30]", "end": "2021-07-01", "status": "held", "place": "Seoul",
     "organizers": ["aa-gov"], "chairs": [{"name": "Kim", "title": "Minister", "institution": "aa-min"}, {"name": "Nguyen", "country": "VN"}],
     "attendees": [{"name": "Lee"}], "participants": ["aa-gov", "bb-gov"], "tech_areas": ["ai"],
     "outcomes": ["a roadmap", "a \"task force\", with commas"], "agreements_signed": 2,
     "sources": ["s1", "s2"], "claims": [{"field": "date", "value": "2021-06-23", "sources": ["s1"]}, {"field": "date", "value": "2021-06-30", "sources": ["s2"]}]}
  ],
  "mous": [
    {"key": "abc-convention", "title": "Convention", "kind": "convention", "signatories": ["aa-gov", "bb-gov", "cc-gov"],
     "signed": "2021-06-25", "entry_into_force": "2022", "expiry": "2030-12-31", "partnership": "ab", "meeting": "ab-1",
     "signed_by": [{"name": "Kim", "institution": "aa-min"}],
     "parties": [
       {"institution": "cc-gov"},
       {"institution": "aa-gov", "actions": [{"kind": "signature", "date": "2021-06-25"}, {"kind": "ratification", "date": "2021-09", "effective": "2022",
         "sources": [{"source": "s2", "fields": ["date"]}]}]},
       {"institution": "bb-gov", "actions": [{"kind": "signature", "date": "2021-06-25"},
         {"kind": "reservation", "date": "2021-06-25", "text": "article 3"}]}],
     "tech_areas": ["ai", "q-sense-lab"]},
    {"key": "ab-protocol", "title": "Protocol", "signatories": ["aa-min", "bb-gov"], "signed": "2023-01-05", "termination": "2024",
     "relations": [{"kind": "amends", "mou": "abc-convention"}], "sources": ["s1"]}
  ],
  "commitments": [
    {"key": "c1", "description": "Hold the next council", "owners": ["aa-gov", "bb-gov"], "origin": {"meeting": "ab-1"},
     "due": "2022-12-31", "status": "met", "status_date": "2022-11", "tech_areas": ["ai"], "sources": ["s1"]},
    {"key": "c2", "description": "Ratify", "owners": ["cc-gov"], "origin": {"mou": "abc-convention"}, "status": "open"}
  ]
}"#;

fn every_field() -> Registry {
    Registry::from_json_str(EVERY_FIELD).expect("the test dataset is valid")
}

#[cfg(feature = "synth")]
fn synthetic() -> Registry {
    let options = pactum::synth::Options::default();
    let _ = options;
    unimplemented!()
}

fn problem_texts(e: &ImportError) -> Vec<String> {
    e.problems().iter().map(ToString::to_string).collect()
}

#[cfg(feature = "csv")]
mod csv {
    use super::*;
    use pactum::import::csv::read_dir;

    fn round_trip(registry: &Registry, name: &str) {
        let dir = Dir::new(name);
        pactum::export::csv::write_dir(registry, dir.path()).unwrap();
        let back = read_dir(dir.path()).unwrap_or_else(|e| panic!("{:#?}", problem_texts(&e)));
        assert_eq!(back.to_json_string(), registry.to_json_string());
    }

    #[test]
    fn the_seed_dataset_read_back_from_csv_saves_byte_for_byte() {
        round_trip(&pactum::seed(), "seed-csv");
    }

    #[test]
    fn a_dataset_using_every_field_read_back_from_csv_saves_byte_for_byte() {
        round_trip(&every_field(), "every-csv");
    }
}

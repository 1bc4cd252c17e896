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
        let path =
            std::env::temp_dir().join(format!("pactum-import-{name}-{}", std::process::id()));
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

/// A synthetic dataset in which a third of the agreements list parties
/// who sign, ratify, withdraw and rejoin.
#[cfg(feature = "synth")]
fn synthetic() -> Registry {
    pactum::synth::Synth::new(400)
        .seed(11)
        .multilateral(30)
        .registry()
        .expect("the generator writes valid data")
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

    #[cfg(feature = "synth")]
    #[test]
    fn a_synthetic_dataset_with_parties_read_back_from_csv_saves_byte_for_byte() {
        round_trip(&synthetic(), "synth-csv");
    }

    /// The tables of the every-field dataset, with `edit` applied to the
    /// text of one file, read back.
    fn edited(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> ImportError {
        let dir = Dir::new(name);
        pactum::export::csv::write_dir(&every_field(), dir.path()).unwrap();
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(text)).unwrap();
        read_dir(dir.path()).expect_err("the edited tables are wrong")
    }

    #[test]
    fn a_cell_that_is_not_a_number_names_its_file_row_and_column() {
        let e = edited("bad-cell", "meetings.csv", |t| {
            t.replace(r#",1,"[2021"#, r#",first,"[2021"#)
        });
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(p.kind(), ImportErrorKind::Cell);
        assert_eq!(
            (p.file(), p.row_number(), p.column()),
            ("meetings.csv", Some(1), Some("session"))
        );
        assert_eq!(
            p.to_string(),
            r#"meetings.csv, row 1, column "session": expected a whole number, got "first""#
        );
    }

    #[test]
    fn a_bad_date_is_reported_by_the_dataset_check_at_its_cell() {
        let e = edited("bad-date", "mous.csv", |t| {
            t.replace("2023-01-05", "2023-13-05")
        });
        let p = &e.problems()[0];
        assert_eq!(p.kind(), ImportErrorKind::Invalid);
        assert_eq!(
            (p.file(), p.row_number(), p.column()),
            ("mous.csv", Some(1), Some("signed"))
        );
        assert!(
            p.to_string()
                .starts_with(r#"mous.csv, row 1, column "signed": mou "ab-protocol": "#),
            "{p}"
        );
    }

    #[test]
    fn a_missing_required_column_is_an_error_and_a_missing_optional_one_is_not() {
        let drop_column = |text: String, column: usize| {
            text.lines()
                .map(|line| {
                    let mut reader = ::csv::ReaderBuilder::new()
                        .has_headers(false)
                        .from_reader(line.as_bytes());
                    let record = reader.records().next().unwrap().unwrap();
                    let mut w = ::csv::Writer::from_writer(Vec::new());
                    let kept: Vec<&str> = record
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != column)
                        .map(|(_, c)| c)
                        .collect();
                    w.write_record(kept).unwrap();
                    String::from_utf8(w.into_inner().unwrap()).unwrap()
                })
                .collect::<String>()
        };
        // `kind` of an institution is required; it is column 4.
        let e = edited("missing-column", "institutions.csv", |t| drop_column(t, 4));
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(p.kind(), ImportErrorKind::MissingColumn);
        assert_eq!(
            (p.file(), p.row_number(), p.column()),
            ("institutions.csv", None, Some("kind"))
        );
        // `acronym` (column 3) is not: without it, the acronyms are gone.
        let dir = Dir::new("optional-column");
        pactum::export::csv::write_dir(&every_field(), dir.path()).unwrap();
        let path = dir.path().join("institutions.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, drop_column(text, 3)).unwrap();
        let back = read_dir(dir.path()).unwrap();
        assert_eq!(back.institution("aa-min").unwrap().acronym(), None);
    }

    #[test]
    fn an_unknown_key_is_reported_where_it_is_written() {
        let e = edited("unknown-key", "mous.csv", |t| {
            t.replace("aa-min;bb-gov", "aa-min;zz-gov")
        });
        let p = &e.problems()[0];
        assert_eq!(p.rule(), Some(pactum::Rule::DanglingReference));
        assert_eq!(
            (p.file(), p.row_number(), p.column()),
            ("mous.csv", Some(1), Some("signatories"))
        );
        assert_eq!(
            p.to_string(),
            r#"mous.csv, row 1, column "signatories": mou "ab-protocol": unknown institution "zz-gov"; did you mean "aa-gov"?"#
        );
    }

    #[test]
    fn an_unknown_key_in_a_list_table_names_the_row_of_the_item() {
        let e = edited("unknown-source", "citations.csv", |t| {
            t.replace("partnership,ab,,,0,s2", "partnership,ab,,,0,s9")
        });
        let p = &e.problems()[0];
        assert_eq!(p.rule(), Some(pactum::Rule::DanglingReference));
        assert_eq!(p.file(), "citations.csv");
        assert_eq!(p.column(), Some("source"));
        assert!(
            p.to_string()
                .contains(r#"partnership "ab": unknown source "s9""#),
            "{p}"
        );
    }

    #[test]
    fn a_row_whose_owner_no_table_has_is_an_error() {
        let e = edited("orphan", "former_names.csv", |t| {
            t.replace("aa-min,1,", "aa-nobody,1,")
        });
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(p.kind(), ImportErrorKind::Cell);
        assert_eq!(
            p.to_string(),
            r#"former_names.csv, row 2, column "institution": no institution "aa-nobody" in the institutions table"#
        );
    }

    /// A row of a table of columns: its column names (a date has three),
    /// and whether it is marked required.
    type Documented = (Vec<String>, bool);

    /// The columns of each table in `docs/tables.md`, each with whether
    /// it is marked required: the names in the first cell of each row of
    /// the table under the heading of its name.
    fn documented() -> Vec<(String, Vec<Documented>)> {
        let text = std::fs::read_to_string("docs/tables.md").unwrap();
        let mut tables: Vec<(String, Vec<Documented>)> = Vec::new();
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("### `") {
                tables.push((name.trim_end_matches('`').to_owned(), Vec::new()));
            } else if let (Some(row), Some((_, columns))) =
                (line.strip_prefix("| `"), tables.last_mut())
            {
                let mut cells = row.split(" | ");
                let names = cells.next().unwrap();
                let names = names
                    .split(", ")
                    .map(|n| n.trim_matches('`').to_owned())
                    .collect();
                let required = cells.nth(1).is_some_and(|m| m.starts_with("*required*"));
                columns.push((names, required));
            }
        }
        tables
    }

    #[test]
    fn the_documented_columns_are_the_columns_written() {
        let dir = Dir::new("documented");
        let written = pactum::export::csv::write_dir(&every_field(), dir.path()).unwrap();
        let tables = documented();
        assert_eq!(tables.len(), written.len());
        for (name, columns) in tables {
            let text = std::fs::read_to_string(dir.path().join(format!("{name}.csv"))).unwrap();
            let header = text.lines().next().unwrap();
            let listed: Vec<String> = columns.into_iter().flat_map(|(names, _)| names).collect();
            assert_eq!(listed.join(","), header, "{name}");
        }
    }

    /// Every column marked required is needed by an import, and no other.
    #[test]
    fn the_columns_documented_as_required_are_those_an_import_needs() {
        let dir = Dir::new("required");
        pactum::export::csv::write_dir(&every_field(), dir.path()).unwrap();
        for (name, columns) in documented().into_iter().filter(|(n, _)| n != "events") {
            let path = dir.path().join(format!("{name}.csv"));
            let original = std::fs::read_to_string(&path).unwrap();
            for (names, required) in columns {
                let column = &names[0];
                let mut reader = ::csv::Reader::from_reader(original.as_bytes());
                let header: Vec<String> = reader
                    .headers()
                    .unwrap()
                    .iter()
                    .map(str::to_owned)
                    .collect();
                let at = header.iter().position(|h| h == column).unwrap();
                let mut w = ::csv::Writer::from_writer(Vec::new());
                let keep = |record: Vec<String>| -> Vec<String> {
                    record
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| *i != at)
                        .map(|(_, c)| c)
                        .collect()
                };
                w.write_record(keep(header.clone())).unwrap();
                for record in reader.records() {
                    w.write_record(keep(record.unwrap().iter().map(str::to_owned).collect()))
                        .unwrap();
                }
                std::fs::write(&path, w.into_inner().unwrap()).unwrap();
                let missing = match read_dir(dir.path()) {
                    Ok(_) => false,
                    Err(e) => e.problems().iter().any(|p| {
                        p.kind() == ImportErrorKind::MissingColumn
                            && p.column() == Some(column.as_str())
                    }),
                };
                assert_eq!(missing, required, "{name}.{column}");
                std::fs::write(&path, &original).unwrap();
            }
        }
    }

    #[test]
    fn a_column_the_table_does_not_have_is_an_error() {
        let e = edited("unknown-column", "relations.csv", |t| {
            t.replacen("mou,position,kind,related", "mou,position,kind,relatd", 1)
        });
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(p.kind(), ImportErrorKind::Format);
        assert_eq!((p.file(), p.column()), ("relations.csv", Some("relatd")));
        assert!(
            p.message()
                .starts_with("unknown column: expected one of mou, position"),
            "{p}"
        );
    }

    #[test]
    fn a_directory_without_tables_is_an_error() {
        let dir = Dir::new("empty");
        let e = read_dir(dir.path()).expect_err("no tables");
        assert_eq!(e.problems()[0].kind(), ImportErrorKind::Io);
        assert!(e.to_string().contains("no pactum tables"), "{e}");
    }
}

#[cfg(feature = "arrow")]
mod parquet_files {
    use super::*;
    use pactum::export::arrow::parquet;
    use pactum::import::arrow::read_parquet_dir;
    use parquet::arrow::ArrowWriter;
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::properties::WriterProperties;

    fn round_trip(registry: &Registry, name: &str) {
        let dir = Dir::new(name);
        pactum::export::arrow::write_parquet_dir(registry, dir.path()).unwrap();
        let back =
            read_parquet_dir(dir.path()).unwrap_or_else(|e| panic!("{:#?}", problem_texts(&e)));
        assert_eq!(back.to_json_string(), registry.to_json_string());
    }

    #[test]
    fn the_seed_dataset_read_back_from_parquet_saves_byte_for_byte() {
        round_trip(&pactum::seed(), "seed-parquet");
    }

    #[test]
    fn a_dataset_using_every_field_read_back_from_parquet_saves_byte_for_byte() {
        round_trip(&every_field(), "every-parquet");
    }

    #[cfg(feature = "synth")]
    #[test]
    fn a_synthetic_dataset_with_parties_read_back_from_parquet_saves_byte_for_byte() {
        round_trip(&synthetic(), "synth-parquet");
    }

    #[test]
    fn parquet_written_with_zstd_or_without_compression_reads_back() {
        let registry = every_field();
        for (name, compression) in [
            ("zstd", Compression::ZSTD(ZstdLevel::default())),
            ("uncompressed", Compression::UNCOMPRESSED),
            ("snappy", Compression::SNAPPY),
        ] {
            let dir = Dir::new(name);
            for (table, batch) in pactum::export::arrow::batches(&registry).unwrap() {
                let file =
                    std::fs::File::create(dir.path().join(format!("{table}.parquet"))).unwrap();
                let props = WriterProperties::builder()
                    .set_compression(compression)
                    .build();
                let mut writer = ArrowWriter::try_new(file, batch.schema(), Some(props)).unwrap();
                writer.write(&batch).unwrap();
                writer.close().unwrap();
            }
            let back = read_parquet_dir(dir.path())
                .unwrap_or_else(|e| panic!("{name}: {:#?}", problem_texts(&e)));
            assert_eq!(back.to_json_string(), registry.to_json_string(), "{name}");
        }
    }

    #[test]
    fn record_batches_read_back_without_files() {
        let registry = every_field();
        let batches = pactum::export::arrow::batches(&registry).unwrap();
        let back =
            pactum::import::arrow::from_batches(batches.iter().map(|(n, b)| (*n, b))).unwrap();
        assert_eq!(back.to_json_string(), registry.to_json_string());
    }

    #[test]
    fn a_column_of_a_type_that_holds_no_field_is_reported_by_name() {
        use pactum::export::arrow::arrow_array::{Float64Array, RecordBatch};
        use pactum::export::arrow::arrow_schema::{DataType, Field, Schema};
        use std::sync::Arc;

        let registry = every_field();
        let meetings = pactum::export::arrow::table_batch(&registry, "meetings")
            .unwrap()
            .unwrap();
        // A tool that wrote the session as a float.
        let at = meetings.schema().index_of("session").unwrap();
        let mut fields: Vec<Field> = meetings
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields[at] = Field::new("session", DataType::Float64, true);
        let mut columns = meetings.columns().to_vec();
        columns[at] = Arc::new(Float64Array::from(vec![Some(1.0)]));
        let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
        let dir = Dir::new("float-column");
        pactum::export::arrow::write_parquet_table(&batch, &dir.path().join("meetings.parquet"))
            .unwrap();
        let e = read_parquet_dir(dir.path()).expect_err("a float column");
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(
            (p.kind(), p.file(), p.column()),
            (ImportErrorKind::Format, "meetings.parquet", Some("session"))
        );
        assert!(p.message().contains("Float64"), "{p}");
    }

    #[test]
    fn a_file_that_is_not_parquet_is_reported_by_name() {
        let dir = Dir::new("not-parquet");
        std::fs::write(dir.path().join("mous.parquet"), "key,title\n").unwrap();
        let e = read_parquet_dir(dir.path()).expect_err("not parquet");
        let [p] = e.problems() else {
            panic!("{:#?}", problem_texts(&e))
        };
        assert_eq!(
            (p.kind(), p.file()),
            (ImportErrorKind::Format, "mous.parquet")
        );
    }
}

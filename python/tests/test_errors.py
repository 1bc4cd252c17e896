"""Every error path: library errors become ValidationError, QueryError,
ValueError or OSError with the library's message, never a panic, and a
failed edit leaves the registry unchanged."""

import datetime
import json

import pactum
import pytest


def test_an_unknown_institution_is_a_query_error_with_a_suggestion():
    with pytest.raises(pactum.QueryError) as e:
        pactum.seed().timeline(institution="kr-mist")
    assert str(e.value) == 'unknown institution "kr-mist"; did you mean "kr-msit"?'
    assert e.value.suggestion == "kr-msit"
    assert e.value.key == "kr-mist"
    assert e.value.what == "institution"


def test_an_unknown_series_for_next_meeting_is_a_query_error():
    with pytest.raises(pactum.QueryError) as e:
        pactum.seed().next_meeting("eu-kr-dcp", "2024-01-01")
    assert e.value.suggestion == "eu-kr-dpc"


def test_an_unknown_event_kind_is_a_query_error():
    with pytest.raises(pactum.QueryError) as e:
        pactum.seed().timeline(kinds=["mou_signd"])
    assert e.value.suggestion == "mou_signed"


def test_unknown_keys_for_cadence_in_force_for_and_areas_are_query_errors():
    r = pactum.seed()
    with pytest.raises(pactum.QueryError):
        r.cadence("nothing")
    with pytest.raises(pactum.QueryError):
        r.in_force_for("kr-mist", "2023-01-01")
    with pytest.raises(pactum.QueryError):
        r.timeline(area="quantum-computin")
    with pytest.raises(pactum.QueryError):
        r.timeline(partnership="nothing")


def test_a_day_that_does_not_exist_is_a_value_error_with_the_library_message():
    with pytest.raises(ValueError, match=r'invalid date "2023-02-30"'):
        pactum.seed().in_force_on("2023-02-30")


def test_a_vague_date_where_a_day_is_needed_is_a_value_error():
    with pytest.raises(ValueError, match="expected one day"):
        pactum.seed().in_force_on("2023-02")


def test_a_window_ending_before_it_starts_is_a_value_error():
    with pytest.raises(ValueError):
        pactum.seed().timeline("2024-01-01", "2023-01-01")


def test_a_day_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="datetime.date"):
        pactum.seed().in_force_on(20230101)


def test_bad_edtf_is_a_value_error():
    with pytest.raises(ValueError, match="2021-02-3X"):
        pactum.Date("2021-02-3X")


def test_a_bad_country_code_is_a_value_error():
    with pytest.raises(ValueError, match="country code"):
        pactum.seed().timeline(country="korea")


def test_an_unknown_commitment_state_is_a_value_error():
    with pytest.raises(ValueError, match="overdue"):
        pactum.seed().commitments_as_of("late", datetime.date(2021, 1, 1))


def test_an_unknown_table_or_entity_kind_is_a_value_error():
    r = pactum.seed()
    with pytest.raises(ValueError, match="unknown table"):
        r.table("treaties")
    with pytest.raises(ValueError, match="unknown entity kind"):
        r.get("treaty", "x")


def test_an_invalid_data_file_lists_every_problem():
    text = json.dumps(
        {
            "pactum": 1,
            "institutions": [
                {"key": "a", "name": "A", "kind": "ministry", "parent": "nowhere"},
                {"key": "b", "name": "B", "kind": "ministry", "parent": "elsewhere"},
            ],
        }
    )
    with pytest.raises(pactum.ValidationError) as e:
        pactum.loads(text)
    rules = [(d.rule, d.severity, d.key, d.path) for d in e.value.diagnostics]
    assert rules == [
        ("P-E008", "error", "a", "institutions[0].parent"),
        ("P-E008", "error", "b", "institutions[1].parent"),
    ]
    assert all("nowhere" in d.message or "elsewhere" in d.message for d in e.value.diagnostics)


def test_text_that_is_not_json_is_a_syntax_diagnostic():
    with pytest.raises(pactum.ValidationError) as e:
        pactum.loads("{not json")
    assert [d.rule for d in e.value.diagnostics] == ["P-E001"]


def test_a_newer_format_version_is_refused():
    with pytest.raises(pactum.ValidationError) as e:
        pactum.loads('{"pactum": 99}')
    assert [d.rule for d in e.value.diagnostics] == ["P-E002"]


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError, match="cannot read"):
        pactum.load(tmp_path / "absent.json")
    with pytest.raises(OSError):
        pactum.quarantine(tmp_path / "absent.json")


def test_saving_into_a_missing_directory_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        pactum.seed().save(tmp_path / "no" / "such" / "dir" / "x.json")


def test_an_insert_that_breaks_a_rule_changes_nothing():
    r = pactum.seed()
    before = r.to_json()
    with pytest.raises(pactum.ValidationError) as e:
        r.insert("institutions", {"key": "kr-new", "name": "New", "kind": "agency", "parent": "kr-nothing"})
    assert [(d.rule, d.key) for d in e.value.diagnostics] == [("P-E008", "kr-new")]
    assert r.to_json() == before


def test_an_insert_of_the_wrong_shape_names_the_field():
    r = pactum.seed()
    with pytest.raises(pactum.ValidationError) as e:
        r.insert("institution", {"key": "kr-new", "name": "New", "kind": "galaxy"})
    (d,) = e.value.diagnostics
    assert (d.rule, d.entity, d.key, d.path) == ("P-E001", "institution", "kr-new", "kind")
    assert "galaxy" in d.message


def test_a_bad_key_in_an_insert_is_refused():
    with pytest.raises(pactum.ValidationError, match="KR_new"):
        pactum.seed().insert("institution", {"key": "KR_new", "name": "New", "kind": "agency"})


def test_a_value_python_cannot_map_to_json_is_a_type_error():
    with pytest.raises(TypeError, match="institutions.aliases"):
        pactum.seed().insert("institution", {"key": "x", "name": "X", "kind": "agency", "aliases": {1, 2}})


def test_removing_an_entity_others_refer_to_is_refused_and_changes_nothing():
    r = pactum.seed()
    with pytest.raises(pactum.ValidationError) as e:
        r.remove("institution", "kr-msit")
    assert {d.rule for d in e.value.diagnostics} == {"P-E019"}
    assert r.institution("kr-msit") is not None


def test_updating_or_removing_an_absent_entity_is_refused():
    r = pactum.seed()
    with pytest.raises(pactum.ValidationError) as e:
        r.remove("meeting", "no-such-meeting")
    assert [d.rule for d in e.value.diagnostics] == ["P-E020"]
    with pytest.raises(pactum.ValidationError):
        r.update("institution", {"key": "no-such", "name": "X", "kind": "agency"})


def test_an_unknown_attribute_of_an_entity_is_an_attribute_error():
    m = pactum.seed().meeting("eu-kr-dpc-2")
    assert m is not None
    with pytest.raises(AttributeError, match="plac"):
        m.plac
    assert m.end is None  # a field meetings have, absent here


def test_an_unknown_column_is_a_value_error():
    with pytest.raises(ValueError, match="unknown column"):
        pactum.seed().events().column("kindd")


def test_tables_that_break_a_rule_are_a_validation_error(tmp_path):
    import pyarrow as pa

    institutions = pa.table({"key": ["a"], "name": ["A"], "kind": ["ministry"], "parent": ["nowhere"]})
    with pytest.raises(pactum.ValidationError) as e:
        pactum.from_tables({"institutions": institutions})
    assert "P-E008" in [d.rule for d in e.value.diagnostics]


def test_from_tables_of_something_else_is_a_type_error():
    with pytest.raises(TypeError):
        pactum.from_tables(42)


def test_quarantine_keeps_the_valid_part_and_lists_the_rest(tmp_path):
    path = tmp_path / "data.json"
    path.write_text(
        json.dumps(
            {
                "pactum": 1,
                "institutions": [
                    {"key": "a", "name": "A", "kind": "ministry"},
                    {"key": "b", "name": "B", "kind": "ministry", "parent": "nowhere"},
                ],
            }
        )
    )
    q = pactum.quarantine(path)
    assert len(q.registry) == 1
    assert [(r.kind, r.index, r.key) for r in q.rejected] == [("institution", 1, "b")]
    assert [d.rule for d in q.rejected[0].diagnostics] == ["P-E008"]

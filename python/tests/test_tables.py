"""Tables reach pyarrow, polars, pandas and DuckDB through the Arrow
PyCapsule interface, and exported tables read back with from_tables."""

import datetime
import json

import duckdb
import pactum
import pandas
import polars
import pyarrow
import pyarrow.parquet
import pytest


@pytest.fixture(scope="module")
def seed() -> pactum.Registry:
    return pactum.seed()


def test_polars_reads_the_whole_timeline_as_a_data_frame(seed):
    df = polars.DataFrame(seed.timeline())
    assert df.height == len(seed.events()) == 18
    assert df.schema["date_earliest"] == polars.Date
    assert df.schema["certain"] == polars.Boolean


def test_pyarrow_reads_a_table_with_typed_day_columns(seed):
    t = pyarrow.table(seed.table("meetings"))
    assert t.num_rows == 9
    assert t.schema.field("date_earliest").type == pyarrow.date32()
    assert t.schema.field("session").type == pyarrow.uint32()
    row = t.filter(pyarrow.compute.equal(t["key"], "eu-kr-dpc-1")).to_pylist()[0]
    assert row["date"] == "[2023-06-23,2023-06-30]"
    assert (row["date_earliest"], row["date_latest"]) == (datetime.date(2023, 6, 23), datetime.date(2023, 6, 30))


def test_pandas_reads_a_table_through_to_pandas(seed):
    df = seed.in_force_on("2023-04-25").to_pandas()
    assert isinstance(df, pandas.DataFrame)
    assert df.set_index("key").loc["vn-kr-csp", "certain"]


def test_the_conveniences_give_each_library_its_own_type(seed):
    t = seed.events()
    assert isinstance(t.to_pyarrow(), pyarrow.Table)
    assert isinstance(t.to_polars(), polars.DataFrame)
    assert t.to_polars().equals(polars.DataFrame(t))


def test_duckdb_queries_a_table_by_its_python_name(seed):
    events = seed.events()
    rows = duckdb.sql("select kind, count(*) as n from events group by kind order by n desc, kind").fetchall()
    assert rows[0] == ("meeting_held", 7)
    assert sum(n for _, n in rows) == 18


def test_a_requested_schema_casts_the_columns(seed):
    t = seed.table("meetings")
    wanted = pyarrow.schema([f.with_type(pyarrow.large_string()) if f.type == pyarrow.string() else f for f in pyarrow.table(t).schema])
    reader = pyarrow.RecordBatchReader.from_stream(t, schema=wanted)
    assert reader.schema.field("key").type == pyarrow.large_string()


def test_every_entity_table_has_the_columns_of_the_export(seed):
    names = pactum.Registry.table_names()
    assert names[:8] == ["sources", "tech_areas", "institutions", "partnerships", "meetings", "mous", "commitments", "events"]
    assert len(names) == 16
    mous = seed.table("mous")
    assert {"signed", "signed_earliest", "signed_latest"} <= set(mous.column_names)
    for name in names:
        assert seed.table(name).name == name


def test_a_table_stream_can_be_read_twice(seed):
    t = seed.table("institutions")
    assert pyarrow.table(t).num_rows == pyarrow.table(t).num_rows == 23


def test_the_ready_made_counts_are_tables(seed):
    by_year = polars.DataFrame(seed.activity_by_year())
    assert by_year["year"].to_list() == sorted(by_year["year"].to_list())
    by_country = polars.DataFrame(seed.count_by_country())
    assert "KR" in by_country["category"].to_list()
    assert len(seed.count_by_tech_area()) > 0
    assert len(seed.count_by_institution_kind()) > 0


def test_parquet_files_of_every_table_read_back_into_the_same_dataset(seed, tmp_path):
    for name in pactum.Registry.table_names():
        pyarrow.parquet.write_table(pyarrow.table(seed.table(name)), tmp_path / f"{name}.parquet")
    back = pactum.from_tables(tmp_path)
    assert back.to_json() == seed.to_json()


def test_a_mapping_of_arrow_tables_reads_back_into_the_same_dataset(seed):
    tables = {name: seed.table(name) for name in pactum.Registry.table_names()}
    assert pactum.from_tables(tables).to_json() == seed.to_json()
    as_polars = {name: polars.DataFrame(t) for name, t in tables.items()}
    assert pactum.from_tables(as_polars).to_json() == seed.to_json()


def test_a_saved_file_loads_back_unchanged(seed, tmp_path):
    path = tmp_path / "seed.json"
    seed.save(path)
    assert pactum.load(path).to_json() == seed.to_json()
    assert pactum.load(str(path)).to_json() == pactum.loads(seed.to_json()).to_json()


# A meeting the seed lacks, inserted by the edit tests.
FOURTH_COUNCIL = {
    "key": "eu-kr-dpc-4",
    "name": "4th EU-Republic of Korea Digital Partnership Council",
    "kind": "council",
    "partnership": "eu-kr-digital",
    "series": "eu-kr-dpc",
    "session": 4,
    "date": "2026",
    "status": "scheduled",
    "participants": ["eu", "kr-gov"],
    "sources": ["seed-001"],
}


def test_an_inserted_entity_is_in_the_next_answers():
    r = pactum.seed()
    r.insert("meetings", FOURTH_COUNCIL)
    assert [m.key for m in r.meetings_in_series("eu-kr-dpc")][-1] == "eu-kr-dpc-4"
    nxt = r.next_meeting("eu-kr-dpc", "2025-12-31")
    assert nxt is not None and nxt.key == "eu-kr-dpc-4" and nxt.certain
    removed = r.remove("meeting", "eu-kr-dpc-4")
    assert removed.session == 4
    assert r.next_meeting("eu-kr-dpc", "2025-12-31") is None


def test_values_read_well(seed):
    d = pactum.Date("[..2023-08-06]")
    assert repr(d) == "Date('[..2023-08-06]')"
    assert str(d) == "[..2023-08-06]"
    assert d == pactum.Date("../2023-08-06")
    assert len({d, pactum.Date("../2023-08-06")}) == 1
    assert pactum.Date("2023-08~").qualifier == "~"
    assert pactum.Date("2023-09").possibly_within(start="2023-09-30")
    assert not pactum.Date("2023-09").certainly_within(end=datetime.date(2023, 9, 15))
    m = seed.meeting("eu-kr-dpc-2")
    assert repr(m) == '<meeting eu-kr-dpc-2: "2nd EU-Republic of Korea Digital Partnership Council", 2024-03-26>'
    assert m.entity_kind == "meeting" and m.kind == "council"
    assert m.to_dict()["date"] == "2024-03-26"
    assert "place" in m.fields()
    assert m == seed.meeting("eu-kr-dpc-2")
    assert repr(seed.events()).startswith("<pactum.Table events (18 rows): kind, entity_kind, key")
    diagnostic = seed.lint("2026-01-01")[0]
    assert repr(diagnostic).startswith("<warning P-W")
    assert seed.get("mous", "kr-mnd-msit-2021") == seed.mou("kr-mnd-msit-2021")
    assert seed.get("mou", "nothing") is None


def test_the_event_tables_text_reaches_every_reader_as_string_views(seed):
    t = seed.timeline()
    schema = pyarrow.table(t).schema
    assert schema.field("key").type == pyarrow.string_view()
    assert schema.field("date_earliest").type == pyarrow.date32()
    assert polars.DataFrame(t).schema["key"] == polars.String
    assert t.to_pandas()["kind"].iloc[0] == "meeting_held"
    assert duckdb.sql("select count(distinct key) from t").fetchall()[0][0] > 0


def test_an_edit_drops_the_kept_event_table():
    r = pactum.seed()
    before = polars.DataFrame(r.timeline())
    assert before.height == 18
    r.insert("meetings", FOURTH_COUNCIL)
    after = polars.DataFrame(r.timeline())
    assert after.height == 19
    assert "eu-kr-dpc-4" in after["key"].to_list()
    assert len(r.events()) == 19
    window = polars.DataFrame(r.timeline("2026-01-01", "2026-12-31"))
    assert window["key"].to_list() == ["eu-kr-dpc-4"]


def test_the_whole_timeline_is_the_table_of_its_hits():
    """The whole timeline is taken from the kept event table as it is; the
    same question through the hits (a limit past the last event, a
    reversed timeline reversed back) gives the same table, every event
    certain."""
    r = pactum.seed()
    n = len(r.events())
    whole = pyarrow.table(r.timeline())
    assert whole.num_rows == n
    assert whole.equals(pyarrow.table(r.timeline(limit=n + 1)))
    assert whole.equals(pyarrow.table(r.timeline(certainly=True)))
    backwards = polars.DataFrame(r.timeline(reverse=True)).reverse()
    assert polars.DataFrame(whole).equals(backwards)
    assert all(whole["certain"].to_pylist())
    r.insert("meetings", FOURTH_COUNCIL)
    after = pyarrow.table(r.timeline())
    assert after.num_rows == n + 1
    assert after.equals(pyarrow.table(r.timeline(limit=n + 2)))


def test_a_window_answered_from_the_kept_table_equals_one_built_for_it():
    fresh, kept = pactum.seed(), pactum.seed()
    kept.events()  # builds the kept event table
    for start, end in [("2023-01-01", "2023-12-31"), ("2020-01-01", "2030-12-31"), ("2024-03-26", "2024-03-26")]:
        a = pyarrow.table(fresh.timeline(start, end, reverse=True))
        b = pyarrow.table(kept.timeline(start, end, reverse=True))
        assert a.equals(b)



def assert_kept_answers_as_built(fresh: pactum.Registry, kept: pactum.Registry) -> None:
    """Windows asked of `kept` (its kept event table built first) give the
    tables that `fresh` builds for its hits: each answer is kept under an
    eighth of the events, so that `fresh` keeps no table of its own."""
    kept.events()  # builds the kept event table
    limit = (len(fresh.events()) - 1) // 8
    assert limit >= 1
    windows = [(None, None), ("2023-01-01", "2023-12-31"), ("2026-01-01", "2026-12-31"), ("2024-03-26", "2024-03-26")]
    for start, end in windows:
        for reverse in (False, True):
            a = pyarrow.table(fresh.timeline(start, end, reverse=reverse, limit=limit))
            b = pyarrow.table(kept.timeline(start, end, reverse=reverse, limit=limit))
            assert a.equals(b), (start, end, reverse)


def test_a_window_from_the_kept_table_equals_one_built_for_it_after_edits():
    fresh, kept = pactum.seed(), pactum.seed()
    kept.events()
    for r in (fresh, kept):
        r.insert("meetings", FOURTH_COUNCIL)
        r.remove("meeting", "eu-kr-dpc-4")
        r.insert("meetings", FOURTH_COUNCIL)
        r.update("meetings", dict(FOURTH_COUNCIL, name="Fourth council"))
    assert_kept_answers_as_built(fresh, kept)
    window = kept.timeline("2026-01-01", "2026-12-31")
    assert window.column("key") == ["eu-kr-dpc-4"]
    assert window.column("label") == ["Fourth council"]


# Dates with an open side, which the kept event table holds a second time
# in the timeline's order: open starts ([..X]) close the answer of every
# window before X; open ends ([X..]) are in every window after X.
OPEN_DATES = ["[..2030-05-01]", "[..2024-06-30]", "[..2023-02-01]", "[2019-03-02..]", "[2025-01-10..]", "[2024-03-26..]"]


def meeting(key: str, date: str) -> dict[str, object]:
    """A meeting of the EU-Korea partnership outside its council series."""
    fields = {k: v for k, v in FOURTH_COUNCIL.items() if k not in ("series", "session")}
    return dict(fields, key=key, date=date)


def with_open_dates(count: int = 120) -> pactum.Registry:
    """The seed with meetings on the dates of OPEN_DATES and `count` more
    on days of 2040, so that a window's answer is under an eighth of the
    events (and not answered from a kept table of its own)."""
    r = pactum.seed()
    for i, date in enumerate(OPEN_DATES):
        r.insert("meetings", meeting(f"eu-kr-open-{i}", date))
    for i in range(count):
        day = datetime.date(2040, 1, 1) + datetime.timedelta(days=3 * i)
        r.insert("meetings", meeting(f"eu-kr-old-{i}", day.isoformat()))
    return r


def assert_windows_answer_as_built(fresh: pactum.Registry, kept: pactum.Registry) -> None:
    """Windows with and without open-started events closing their answers,
    in both orders and with limits, asked of `kept` (its kept event table
    built first), give the tables that `fresh` builds for its hits."""
    kept.events()  # builds the kept event table
    total = len(fresh.events())
    windows = [
        # open starts after the end (2030-05-01, 2024-06-30) close the answer
        ("2024-03-26", "2024-03-26"),
        ("2023-01-01", "2023-12-31"),
        # every open start before the window: no open-started tail
        ("2031-01-01", "2031-12-31"),
        # among the days of 2040, after every open start and open end
        ("2040-02-01", "2040-02-10"),
    ]
    tails = 0
    for start, end in windows:
        whole = fresh.timeline(start, end)
        assert 0 < len(whole) < total // 8, (start, end, len(whole))
        dates = whole.column("date")
        tails += dates[-1].startswith("[..")
        for reverse in (False, True):
            for limit in (None, 1, 2, len(whole) - 1):
                a = pyarrow.table(fresh.timeline(start, end, reverse=reverse, limit=limit))
                b = pyarrow.table(kept.timeline(start, end, reverse=reverse, limit=limit))
                assert a.equals(b), (start, end, reverse, limit)
    assert tails == 2


def test_windows_with_open_dates_from_the_kept_table_equal_ones_built_for_them():
    assert_windows_answer_as_built(with_open_dates(), with_open_dates())


def test_windows_with_open_dates_from_the_kept_table_equal_ones_built_for_them_after_edits():
    fresh, kept = with_open_dates(), with_open_dates()
    kept.events()
    for r in (fresh, kept):
        r.remove("meeting", "eu-kr-open-1")
        r.insert("meetings", meeting("eu-kr-open-9", "[..2024-12-01]"))
        r.update("meetings", meeting("eu-kr-open-3", "[2020-01-05..]"))
    # the kept table of before the edits is dropped, not answered from
    assert kept.timeline("2024-03-26", "2024-03-26").column("key")[-1] == "eu-kr-open-0"
    assert "eu-kr-open-9" in kept.timeline("2024-03-26", "2024-03-26").column("key")
    assert_windows_answer_as_built(fresh, kept)


def test_a_window_alone_from_the_kept_table_equals_the_table_of_its_hits():
    # A window with no filter and no limit is answered from the kept
    # table's own rows; with a limit past every event, from the index's
    # hits: the same table, possibly and certainly, open on either side.
    r = with_open_dates()
    r.events()  # builds the kept event table
    every = len(r.events()) + 1
    windows = [
        ("2024-03-26", "2024-03-26"),
        ("2023-01-01", "2023-12-31"),
        ("2031-01-01", "2031-12-31"),
        ("2040-02-01", "2040-02-10"),
        (None, "2024-03-26"),
        ("2024-03-26", None),
        (None, "1900-01-01"),
    ]
    certain = 0
    for start, end in windows:
        for certainly in (False, True):
            a = pyarrow.table(r.timeline(start, end, certainly=certainly))
            b = pyarrow.table(r.timeline(start, end, certainly=certainly, limit=every))
            assert a.equals(b), (start, end, certainly)
            certain += a.num_rows if certainly else 0
    assert certain > 0


def test_a_long_window_answer_in_slices_reads_as_one_table():
    # 2,000 meetings open-ended since the 2010s, then 1,200 held on one
    # day and 1,200 open-ended from that day: that day's answer is three
    # long stretches of the kept event table, handed over as three slices
    # (nothing copied), which every reader takes as one table.
    meetings = []
    for i in range(2000):
        day = datetime.date(2010, 1, 1) + datetime.timedelta(days=i)
        meetings.append({"key": f"open-{i}", "name": "Open", "kind": "summit", "date": f"[{day}..]", "status": "held"})
    for i in range(1200):
        meetings.append({"key": f"day-{i}", "name": "Day", "kind": "summit", "date": "2030-06-14", "status": "held"})
        meetings.append({"key": f"from-{i}", "name": "From", "kind": "summit", "date": "[2030-06-14..]", "status": "held"})
    r = pactum.loads(json.dumps({"pactum": 1, "meetings": meetings}))
    r.timeline()  # builds the kept event table
    every = len(r.events()) + 1
    t = r.timeline("2030-06-14", "2030-06-14")
    assert len(t) == t.num_rows == 4400
    table = pyarrow.table(t)
    assert table.column("key").num_chunks == 3
    assert table.equals(pyarrow.table(r.timeline("2030-06-14", "2030-06-14", limit=every)))
    keys = t.column("key")
    assert keys[0] == "open-0" and keys[2000].startswith("day-") and keys[-1].startswith("from-")
    assert polars.DataFrame(t).height == 4400
    assert t.to_pandas()["key"].tolist() == keys
    con = duckdb.connect()
    assert con.sql("select count(*) from t").fetchall() == [(4400,)]
    assert "4400 rows" in repr(t)

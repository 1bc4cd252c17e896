"""pactum's tables in the `datafusion` package: a Table is a DataFusion
table provider, scanned where its arrays are, and the cookbook's recipes
over it answer as the library does."""

import pathlib

import pactum
import pyarrow
import pytest

datafusion = pytest.importorskip("datafusion")

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed() -> pactum.Registry:
    return pactum.seed()


@pytest.fixture(scope="module")
def ctx(seed):
    ctx = datafusion.SessionContext()
    for name in pactum.Registry.table_names():
        ctx.register_table(name, seed.table(name))
    return ctx


def rows(table, *columns):
    return sorted(tuple(r[c] for c in columns) for r in table.to_pylist())


def test_every_table_reads_back_whole_and_in_order(seed, ctx):
    for name in pactum.Registry.table_names():
        mine = pyarrow.table(seed.table(name))
        theirs = ctx.sql(f'SELECT * FROM "{name}"').to_arrow_table()
        assert theirs.schema == mine.schema, name
        assert theirs.to_pylist() == mine.to_pylist(), name
    counted = ctx.sql("SELECT count(*) AS n FROM events").to_arrow_table()
    assert counted.column("n").to_pylist() == [18]


def test_datafusion_scans_the_arrays_without_a_copy(seed, ctx):
    events = seed.table("events")
    mine = pyarrow.table(events)
    session = datafusion.SessionContext()
    session.register_table("events", events)
    theirs = session.sql("SELECT key, date_earliest FROM events").to_arrow_table()
    for column in ("key", "date_earliest"):
        ours = [b.address for b in mine.column(column).chunks[0].buffers() if b is not None]
        got = [b.address for b in theirs.column(column).chunks[0].buffers() if b is not None]
        assert got == ours, column


@pytest.mark.parametrize(
    "start, end",
    [("2023-01-01", "2023-12-31"), ("2023-06-01", "2023-06-30"),
     ("2022-05-01", "2022-05-31"), ("2000-01-01", "2030-12-31")],
)
def test_the_timeline_recipe_answers_as_the_library(seed, ctx, start, end):
    sql = (ROOT / "sql" / "recipes" / "timeline.sql").read_text()
    sql = sql.replace("DATE '2023-01-01'", f"DATE '{start}'").replace("DATE '2023-12-31'", f"DATE '{end}'")
    got = rows(ctx.sql(sql).to_arrow_table(), "kind", "key", "certain")
    assert got == rows(pyarrow.table(seed.timeline(start, end)), "kind", "key", "certain")
    assert got


@pytest.mark.parametrize("day", ["2020-01-01", "2022-05-21", "2023-04-25", "2024-06-01"])
def test_the_in_force_recipe_answers_as_the_library(seed, ctx, day):
    sql = (ROOT / "docs" / "in_force_on.sql").read_text().rstrip().rstrip(";")
    got = rows(ctx.sql(sql.replace("DATE '2024-06-01'", f"DATE '{day}'")).to_arrow_table(),
               "kind", "key", "certain")
    assert got == rows(pyarrow.table(seed.in_force_on(day)), "entity_kind", "key", "certain")
    assert got


def test_an_answer_is_a_table_too(seed):
    session = datafusion.SessionContext()
    session.register_table("answer", seed.timeline("2023-01-01", "2023-12-31", certainly=True))
    certain = session.sql("SELECT count(*) AS n FROM answer WHERE certain").to_arrow_table()
    assert certain.column("n").to_pylist() == [len(seed.timeline("2023-01-01", "2023-12-31", certainly=True))]


def test_a_provider_asked_without_a_session_says_what_it_expected(seed):
    with pytest.raises(TypeError, match="expected a DataFusion session or its logical extension codec, got int"):
        seed.table("events").__datafusion_table_provider__(42)

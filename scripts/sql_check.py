#!/usr/bin/env python3
"""Runs the SQL recipes of docs/sql.md in DuckDB and compares them with
pactum's own answers.

    python3 scripts/sql_check.py DIR

DIR holds a Parquet export of a dataset (`pactum export --format parquet`)
and `expected.json`, pactum's answers: a list of
{"recipe": "timeline" | "in_force_on" | "in_force_for" | "overdue" |
 "next_meeting" | "previous_meeting" | "cadence",
 "from", "to" | "day" [, "who"] [, "thread"], "rows": ["col,col,...", ...]}.
The test sql/tests/duckdb.rs writes both and runs this script when python3
has duckdb (`pip install duckdb`). Prints one line a question and exits 1
when any differ.

DuckDB has no EDTF parser: the timeline recipe is exact for dates without
gaps, so events whose date or end has gaps (a one-of list, or an
unspecified digit before a specified one, as `1971-XX-03`) are left out of
both sides of the timeline comparison, and counted.
"""
import json
import pathlib
import re
import sys

import duckdb

root = pathlib.Path(__file__).resolve().parent.parent
RECIPES = {
    "timeline": root / "sql" / "recipes" / "timeline.sql",
    "in_force_on": root / "docs" / "in_force_on.sql",
    "in_force_for": root / "docs" / "in_force_for_party.sql",
    "overdue": root / "sql" / "recipes" / "overdue.sql",
    "next_meeting": root / "sql" / "recipes" / "next_meeting.sql",
    "previous_meeting": root / "sql" / "recipes" / "previous_meeting.sql",
    "cadence": root / "sql" / "recipes" / "cadence.sql",
}
COLUMNS = {
    "timeline": "kind, key, certain, date, \"end\"",
    "in_force_on": "kind, key, certain",
    "in_force_for": "kind, key, certain",
    "overdue": "key, certain",
    "next_meeting": "key, certain",
    "previous_meeting": "key, certain",
    "cadence": "n, \"from\", \"to\", min_days, max_days",
}


def gapped(text):
    """Whether an EDTF text may have gaps between its earliest and latest days."""
    return bool(text) and ("," in text or "{" in text or re.search(r"X.*\d", text) is not None)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def main():
    data = pathlib.Path(sys.argv[1])
    con = duckdb.connect()
    for table in ("events", "mous", "partnerships", "party_actions", "commitments", "meetings"):
        path = data / f"{table}.parquet"
        source = path if path.exists() else data / table / "**" / "*.parquet"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{source}')")
    expected = json.loads((data / "expected.json").read_text())
    failed, compared, skipped = 0, 0, 0
    for question in expected:
        recipe = question["recipe"]
        sql = RECIPES[recipe].read_text()
        if recipe == "timeline":
            sql = sql.replace("DATE '2023-01-01'", f"DATE '{question['from']}'")
            sql = sql.replace("DATE '2023-12-31'", f"DATE '{question['to']}'")
        elif "day" in question:
            sql = sql.replace("DATE '2024-06-01'", f"DATE '{question['day']}'")
        if "thread" in question:
            sql = sql.replace("'eu-kr-dpc'", f"'{question['thread']}'")
        if recipe == "in_force_for":
            sql = sql.replace("'i00001'", f"'{question['who']}'")
        query = f"SELECT {COLUMNS[recipe]} FROM ({sql.rstrip().rstrip(';')})"
        duck = [",".join(cell(v) for v in row) for row in con.execute(query).fetchall()]
        pactum = list(question["rows"])
        if recipe == "timeline":
            keep = lambda r: not any(gapped(t) for t in r.split(",")[3:])
            skipped += sum(not keep(r) for r in pactum)
            duck = [",".join(r.split(",")[:3]) for r in duck if keep(r)]
            pactum = [",".join(r.split(",")[:3]) for r in pactum if keep(r)]
        duck.sort()
        pactum.sort()
        same = duck == pactum
        compared += len(pactum)
        failed += not same
        label = " ".join(f"{k}={v}" for k, v in question.items() if k not in ("recipe", "rows"))
        print(f"{recipe} {label}: pactum {len(pactum)}, duckdb {len(duck)}: {'same' if same else 'DIFFERENT'}")
        if not same:
            print("  only pactum:", sorted(set(pactum) - set(duck))[:5])
            print("  only duckdb:", sorted(set(duck) - set(pactum))[:5])
    print(f"{compared} rows compared, {skipped} timeline rows with gapped dates left out, "
          f"{'all equal' if not failed else f'{failed} questions DIFFER'}")
    sys.exit(1 if failed else 0)


main()

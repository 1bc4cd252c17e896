"""A program using pactum as an analyst would, checked by mypy --strict
against the stub (python/pactum/__init__.pyi); pytest does not collect it."""

import datetime

import pactum


def overdue_keys(registry: pactum.Registry, day: datetime.date) -> list[str]:
    return [c.key for c in registry.overdue_commitments(day)]


def main() -> None:
    r: pactum.Registry = pactum.seed()
    t: pactum.Table = r.timeline("2023-01-01", datetime.date(2023, 12, 31), certainly=True, kinds=["meeting_held"])
    n: int = t.num_rows + len(t)
    names: list[str] = t.column_names
    nxt: pactum.Event | None = r.next_meeting("eu-kr-dpc", "2024-01-01")
    if nxt is not None:
        when: pactum.Date = nxt.date
        first: datetime.date | None = when.earliest
        print(first, nxt.certain)
    m = r.meeting("eu-kr-dpc-2")
    if m is not None:
        print(m.place, m.entity_kind, m.key, m.to_dict())
    for d in r.lint("2026-01-01"):
        rule: str = d.rule
        key: str | None = d.key
        print(rule, key, d.severity, d.path, d.message)
    try:
        r.timeline(institution="kr-mist")
    except pactum.QueryError as e:
        hint: str | None = e.suggestion
        print(hint)
    try:
        pactum.loads("{}")
    except pactum.ValidationError as e:
        diagnostics: list[pactum.Diagnostic] = e.diagnostics
        print(len(diagnostics))
    q: pactum.Quarantine = pactum.quarantine("data/seed.json")
    print(len(q.registry), [x.key for x in q.rejected])
    back: pactum.Registry = pactum.from_tables({name: r.table(name) for name in pactum.Registry.table_names()})
    print(n, names, overdue_keys(back, datetime.date(2021, 1, 1)), pactum.FORMAT_VERSION)
    span: tuple[int, int] | None = pactum.Date("2023").days_until(pactum.Date("2024"))
    print(span, r.in_force_on("2023-04-25").to_polars(), r.cadence("eu-kr-dpc").to_pandas())


if __name__ == "__main__":
    main()

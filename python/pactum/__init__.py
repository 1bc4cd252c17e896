"""pactum: technology-cooperation agreements with honest vague dates.

Load a dataset (``load``, ``loads``, ``seed``, ``quarantine``,
``from_tables``) and ask a ``Registry`` questions; answers with rows are
``Table`` objects that ``polars.DataFrame(t)``, ``pyarrow.table(t)``,
DuckDB and ``t.to_pandas()`` read through the Arrow PyCapsule interface.
"""

from ._pactum import (
    FORMAT_VERSION,
    Date,
    Diagnostic,
    Entity,
    Event,
    QueryError,
    Quarantine,
    Registry,
    Rejected,
    Table,
    ValidationError,
    from_tables,
    load,
    loads,
    quarantine,
    seed,
)

__all__ = [
    "FORMAT_VERSION",
    "Date",
    "Diagnostic",
    "Entity",
    "Event",
    "QueryError",
    "Quarantine",
    "Registry",
    "Rejected",
    "Table",
    "ValidationError",
    "from_tables",
    "load",
    "loads",
    "quarantine",
    "seed",
]

"""Full-text search per dialect: SQLite FTS5 tables (``articles_fts``, ``quotes_fts``),
PostgreSQL ``tsv`` columns. A user's query is reduced to its words (all must match), so no
query syntax can reach the engine and no input makes the search fail."""
from __future__ import annotations

import re

from sqlalchemy import Select, column, func, literal_column, select, table, text as sql_text

from tocsin.errors import UsageError

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 32


def words(query: str) -> list[str]:
    """The searchable words of a user's query; a query with none is a usage error."""
    found = _WORD.findall(query or "")[:MAX_WORDS]
    if not found:
        raise UsageError("text: give at least one word to search for")
    return found


def matching_pks(table_name: str, query: str, dialect: str) -> Select:
    """``SELECT pk`` of the rows of ``articles`` or ``quotes`` whose text matches every word."""
    if table_name not in ("articles", "quotes"):
        raise ValueError(table_name)
    ws = words(query)
    if dialect == "sqlite":
        fts = table(f"{table_name}_fts", column("rowid"))
        match = " ".join('"' + w.replace('"', '""') + '"' for w in ws)
        return select(fts.c.rowid).where(literal_column(f"{table_name}_fts").op("MATCH")(match))
    if dialect == "postgresql":
        t = table(table_name, column("pk"), column("tsv"))
        tsq = func.plainto_tsquery(sql_text("'english'"), " ".join(ws))
        return select(t.c.pk).where(t.c.tsv.op("@@")(tsq))
    # another database: a plain substring test on every word
    t = table(table_name, column("pk"), column("text"))
    q = select(t.c.pk)
    for w in ws:
        q = q.where(func.lower(t.c.text).contains(w.lower(), autoescape=True))
    return q

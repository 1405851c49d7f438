"""Print every stored article's search vector, one line each, so that two versions of the index can be compared:
the same pages ingested by each, then `diff` (or `cmp`) of the two outputs.

python tools/evaluate_search.py --corpus CORPUS_DIR    # ingests the seed, jump and corpus pages afresh
python tools/search_vectors.py > vectors.txt           # reads what that stored

Each line is paper, issue date, page number, article position and `search_vector::text`, tab-separated, in that
order. The database is evaluate_search's own (`newsroom_search_eval`, on DATABASE_URL's server or the embedded
one) unless --database names another on the same server.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from evaluate_search import EVAL_DATABASE  # noqa: E402

VECTORS = """
    SELECT n.name, i.date, p.number, a.position, a.search_vector::text
    FROM articles_article a
    JOIN articles_page p ON p.id = a.page_id
    JOIN articles_issue i ON i.id = p.issue_id
    JOIN articles_newspaper n ON n.id = i.newspaper_id
    ORDER BY n.name, i.date, p.number, a.position
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print every stored article's search vector, one a line.")
    parser.add_argument(
        "--database", default=EVAL_DATABASE, help=f"the database to read (default {EVAL_DATABASE})"
    )
    args = parser.parse_args(argv)
    import psycopg

    with psycopg.connect(_url(args.database)) as connection:
        for row in connection.execute(VECTORS):
            print("\t".join(map(str, row)))
    return 0


def _url(database: str) -> str:
    """The database's URL on the server the project uses."""
    dev = os.environ.get("DATABASE_URL")
    if dev:
        return urlunsplit(urlsplit(dev)._replace(path=f"/{database}"))
    from newsroom.pg.server import EmbeddedPostgres

    server = EmbeddedPostgres(ROOT / "var" / "pgdata")
    server.ensure_running()
    return server.uri(database)


if __name__ == "__main__":
    sys.exit(main())

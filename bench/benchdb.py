"""The benchmark databases: `newsroom_bench` (100,000 articles), `newsroom_bench_1m` (1,000,000), …, one per
size, beside the development database, never it.

    from bench import benchdb
    url = benchdb.django_setup(articles=100_000)   # creates, migrates and sets up Django on that size's database
    benchdb.seed(articles=100_000)                 # fills it once; later runs reuse it

Where it lives: NEWSROOM_BENCH_DATABASE_URL if set (one size at a time, then); else the server DATABASE_URL
names, with the database name replaced by the size's; else the embedded server under var/pgdata. Creating
it needs CREATEDB.

How 100,000 articles are made quickly (about a minute): the two fixture pages are ingested once for
real (the engine, ingest, search vectors as in production), then copied in SQL with generate_series, one
copy per earlier issue date, over three papers (about 5,900 issues and 11,800 pages over five years).
So that the copies are not identical (which would make every word either absent or in a seventeenth of
all articles), each copy keeps about three quarters of its paragraphs and gains a sentence of five words
drawn from jieba's dictionary with a skewed distribution: a few of them are in thousands of articles,
most in a handful, like real rare words; and its bylines go to one of REPORTERS made-up reporters (a few
hundred articles each). The search vector of every copy is put together in SQL from the vectors ingest
makes of its headline and of each paragraph it keeps (articles/search/index.py), and of its added words; 1 % of the copies are merged away. Then
VACUUM ANALYZE, as autovacuum would leave the tables.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DATABASE = "newsroom_bench"
PAGES = ROOT / "fixtures" / "pages"
SEED_PAGES = (  # (file, page number): the two fixture pages, as pages 2 and 3 of each issue
    ("fazhi_2025-01-24_02.txt", 2),
    ("synthetic-headlines-above-gb18030-crlf.txt", 3),
)
BASE_PAPER = "法治日报"
OTHER_PAPERS = ("检察日报", "人民法院报")
BASE_DATE = datetime.date(2025, 1, 24)
KEEP_PERCENT = 75  # of each copy's paragraphs (the first always stays)
EXTRA_WORDS = 5  # dictionary words added to each copy
VOCABULARY = 50_000  # the most frequent words of jieba's dictionary, two to four hanzi
SKEW = 4  # word rank = VOCABULARY * r**SKEW, r uniform: low ranks common, the long tail rare
MERGED_PERCENT = 1  # of the copies, merged into the first article of their page
REPORTERS = 300  # people credited on the copies


def database_name(articles: int = 100_000) -> str:
    """newsroom_bench for 100,000 articles (the default size), newsroom_bench_1m, newsroom_bench_250k, …"""
    if articles == 100_000:
        return BENCH_DATABASE
    if articles % 1_000_000 == 0:
        return f"{BENCH_DATABASE}_{articles // 1_000_000}m"
    return f"{BENCH_DATABASE}_{articles // 1000}k"


def database_url(articles: int = 100_000) -> str:
    """The bench database's URL for that many articles (see the module docstring); never the development
    database."""
    explicit = os.environ.get("NEWSROOM_BENCH_DATABASE_URL")
    if explicit:
        return explicit
    name = database_name(articles)
    dev = os.environ.get("DATABASE_URL")
    if dev:
        parts = urlsplit(dev)
        if parts.path.lstrip("/") == name:
            return dev
        return urlunsplit(parts._replace(path=f"/{name}"))
    from newsroom.pg.server import EmbeddedPostgres

    server = EmbeddedPostgres(ROOT / "var" / "pgdata")  # the one settings.py uses
    server.ensure_running()
    return server.uri(name)


def database_create(url: str, *, fresh: bool = False) -> None:
    """Create the bench database if it is missing (drop it first when fresh)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    if name in ("", "newsroom", "postgres"):
        raise SystemExit(f"refusing to use {name or 'no'} database for benchmarks: name one of its own")
    with psycopg.connect(url, dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def django_setup(*, fresh: bool = False, articles: int = 100_000) -> str:
    """Point Django at the bench database of that size (created and migrated as needed); returns its URL."""
    url = database_url(articles)
    database_create(url, fresh=fresh)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return url


def seed(*, articles: int = 100_000, out=print) -> int:
    """Fill the bench database to about `articles` articles, unless it has them; returns the count."""
    from articles.models import Article

    have = Article.objects.count()
    if have >= articles * 0.95:
        out(f"bench database: {have:,} articles already, reused (--fresh rebuilds it)")
        return have
    if have:
        raise SystemExit(
            f"bench database has {have:,} articles, fewer than asked: rerun with --fresh to rebuild it"
        )
    started = time.perf_counter()
    base = _base_ingest()
    copies = -(-(articles - base) // base)  # ceiling
    out(f"bench database: {base} articles ingested from the fixture pages; making {copies:,} copies in SQL")
    _copies_make(copies)
    from articles.counts import counts_recount

    counts_recount()  # the copies were made in SQL, past the writes that keep the story counts
    total = Article.objects.count()
    out(f"bench database: {total:,} articles in {time.perf_counter() - started:.0f} s")
    return total


def _base_ingest() -> int:
    from django.utils.text import slugify

    from articles import ingest, models

    for name in OTHER_PAPERS:
        models.Newspaper.objects.get_or_create(
            name=name, defaults={"slug": slugify(name, allow_unicode=True)}
        )
    cache = ingest.IngestCache()
    for name, number in SEED_PAGES:
        path = PAGES / name
        ingest.page_ingest(
            paper=BASE_PAPER,
            date=BASE_DATE,
            number=number,
            data=path.read_bytes(),
            source_name=path.name,
            cache=cache,
        )
    return models.Article.objects.count()


def _copies_make(copies: int) -> None:
    from django.db import connection, transaction

    from articles import models
    from articles.search import search_text_for

    tokens = [(p.pk, search_text_for(title_parts=[], body=p.text)[1]) for p in models.Paragraph.objects.all()]
    titles = [
        (a.pk, search_text_for(title_parts=[a.kicker, a.title, a.subtitle], body="")[0])
        for a in models.Article.objects.all()
    ]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("CREATE TEMP TABLE bench_ptokens (paragraph_id bigint PRIMARY KEY, tokens tsvector)")
        cur.executemany("INSERT INTO bench_ptokens VALUES (%s, %s::tsvector)", tokens)
        cur.execute("CREATE TEMP TABLE bench_atitles (article_id bigint PRIMARY KEY, title tsvector)")
        cur.executemany("INSERT INTO bench_atitles VALUES (%s, %s::tsvector)", titles)
        cur.execute("CREATE TEMP TABLE bench_vocab (rank int PRIMARY KEY, word text, vector tsvector)")
        cur.executemany(
            "INSERT INTO bench_vocab VALUES (%s, %s, %s::tsvector)",
            [
                (n, word, search_text_for(title_parts=[], body=word)[1])
                for n, word in enumerate(_vocabulary())
            ],
        )
        # The vectors of a copy's paragraphs, one after another (|| puts the right one's positions after).
        cur.execute(
            "CREATE AGGREGATE pg_temp.tsvector_agg(tsvector) "
            "(sfunc = tsvector_concat, stype = tsvector, initcond = '')"
        )
        for table in ("page", "article", "paragraph", "byline", "article_places"):
            cur.execute(f"SELECT coalesce(max(id), 0) FROM articles_{table}")
            cur.execute(f"CREATE TEMP TABLE bench_stride_{table} AS SELECT {cur.fetchone()[0]}::bigint AS n")
        paper_ids = list(
            models.Newspaper.objects.filter(name__in=(BASE_PAPER, *OTHER_PAPERS))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        cur.execute(
            """
            CREATE TEMP TABLE bench_copy AS
            SELECT k, (%s::bigint[])[1 + k %% %s] AS newspaper_id, %s::date - (1 + k / %s) AS date,
                   NULL::bigint AS issue_id
            FROM generate_series(1, %s) AS k
            """,
            [paper_ids, len(paper_ids), BASE_DATE, len(paper_ids), copies],
        )
        cur.execute(
            "INSERT INTO articles_issue (newspaper_id, date) SELECT newspaper_id, date FROM bench_copy "
            "ON CONFLICT DO NOTHING"
        )
        cur.execute(
            "UPDATE bench_copy c SET issue_id = i.id FROM articles_issue i "
            "WHERE i.newspaper_id = c.newspaper_id AND i.date = c.date"
        )
        cur.execute(_copy_sql(models.Page, "page", overrides=_PAGE_OVERRIDES))
        _articles_copy(cur)
        cur.execute(_copy_sql(models.Paragraph, "paragraph", overrides=_PARAGRAPH_OVERRIDES, where=_KEEP))
        # A copy's credits go to one of REPORTERS people, so a reporter has hundreds of articles, not
        # a twelfth of the archive; `order` keeps an article's credits on different people.
        reporters = _reporters_create()
        person = f'(%s::bigint[])[1 + (abs(hashtext(c.k::text)) + t."order") %% {len(reporters)}]'
        cur.execute(
            _copy_sql(models.Byline, "byline", overrides={"article_id": _ARTICLE_ID, "person_id": person}),
            [reporters],
        )
        cur.execute(
            _copy_sql(models.Article.places.through, "article_places", overrides={"article_id": _ARTICLE_ID})
        )
        for table in ("issue", "page", "article", "paragraph", "byline", "article_places"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('articles_{table}', 'id'), "
                f"(SELECT max(id) FROM articles_{table}))"
            )
        # The added sentence, as the last paragraph, so that snippets can show the added words.
        cur.execute(
            """
            INSERT INTO articles_paragraph (article_id, position, kind, text, line_start, line_end)
            SELECT e.article_id, 900, 'body', '另据了解，' || array_to_string(e.words, '、') || '等方面也有进展。', 0, 0
            FROM bench_extra e
            """
        )
        cur.execute(
            f"""
            UPDATE articles_article a SET merged_into_id = f.id
            FROM articles_article f
            WHERE f.page_id = a.page_id AND f.position = 1 AND a.position > 1
              AND a.id > (SELECT n FROM bench_stride_article)
              AND abs(hashtext(a.id::text)) % 100 < {MERGED_PERCENT}
            """
        )
    # Visibility map and statistics, as autovacuum would leave them: a count of matches then reads the
    # GIN index alone. A new session: the first VACUUM in the one that wrote left most pages unmarked.
    connection.close()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")


# Row ids of copy k: the base row's id + k * (the base's largest id), so no two copies collide.
_ARTICLE_ID = "t.article_id + c.k * (SELECT n FROM bench_stride_article)"
_PAGE_OVERRIDES = {
    "issue_id": "c.issue_id",
    "raw": "''::bytea",  # the page's bytes and the engine's JSON: not what these benchmarks read
    "reconstructed_json": "'{}'::jsonb",
    "content_hash": "md5(c.k || ':' || t.id)",
}
_PARAGRAPH_OVERRIDES = {"article_id": _ARTICLE_ID}
# Whether copy k keeps paragraph t: the first always, the others three times in four.
_KEEP = f"(t.position = 1 OR abs(hashtext(c.k || ':' || t.id)) % 100 < {KEEP_PERCENT})"


def _articles_copy(cur) -> None:
    from articles import models

    cur.execute(
        f"""
        CREATE TEMP TABLE bench_extra AS
        SELECT c.k, a.id + c.k * (SELECT n FROM bench_stride_article) AS article_id, a.id AS base_id,
               ARRAY(
                   SELECT v.word FROM generate_series(1, {EXTRA_WORDS}) AS j
                   JOIN bench_vocab v ON v.rank = floor(
                       {VOCABULARY} * power((abs(hashtext(c.k || ':' || a.id || ':' || j)) % 1000000) / 1e6, {SKEW})
                   )::int
               ) AS words,
               ARRAY(
                   SELECT v.vector FROM generate_series(1, {EXTRA_WORDS}) AS j
                   JOIN bench_vocab v ON v.rank = floor(
                       {VOCABULARY} * power((abs(hashtext(c.k || ':' || a.id || ':' || j)) % 1000000) / 1e6, {SKEW})
                   )::int
                   ORDER BY j
               ) AS vectors
        FROM bench_copy c CROSS JOIN articles_article a
        """
    )
    overrides = {
        "id": "e.article_id",
        "page_id": "a.page_id + c.k * (SELECT n FROM bench_stride_page)",
        "continues_id": "a.continues_id + c.k * (SELECT n FROM bench_stride_article)",
        "merged_into_id": "NULL",
        "search_vector": "at.title || b.body",
    }
    columns = [f.column for f in models.Article._meta.concrete_fields]
    values = ", ".join(overrides.get(column, f'a."{column}"') for column in columns)
    cur.execute(
        f"""
        INSERT INTO articles_article ({", ".join(f'"{column}"' for column in columns)})
        SELECT {values}
        FROM bench_extra e JOIN bench_copy c ON c.k = e.k JOIN articles_article a ON a.id = e.base_id
        JOIN bench_atitles at ON at.article_id = a.id
        CROSS JOIN LATERAL (
            SELECT coalesce(pg_temp.tsvector_agg(pt.tokens ORDER BY t.position), '')
                   || coalesce((
                       SELECT pg_temp.tsvector_agg(u.vector ORDER BY j)
                       FROM unnest(e.vectors) WITH ORDINALITY AS u(vector, j)
                   ), '') AS body
            FROM articles_paragraph t JOIN bench_ptokens pt ON pt.paragraph_id = t.id
            WHERE t.article_id = a.id AND {_KEEP}
        ) AS b
        """
    )


def _copy_sql(model, table: str, *, overrides: dict[str, str], where: str = "TRUE") -> str:
    """INSERT … SELECT of every base row of `model` once per copy, some columns computed."""
    overrides = {"id": f"t.id + c.k * (SELECT n FROM bench_stride_{table})", **overrides}
    columns = [f.column for f in model._meta.concrete_fields]
    values = ", ".join(overrides.get(column, f't."{column}"') for column in columns)
    return f"""
        INSERT INTO {model._meta.db_table} ({", ".join(f'"{column}"' for column in columns)})
        SELECT {values}
        FROM bench_copy c CROSS JOIN {model._meta.db_table} t
        WHERE t.id <= (SELECT n FROM bench_stride_{table}) AND {where}
    """


def _reporters_create() -> list[int]:
    """REPORTERS made-up names (surname + two characters), created as people; their ids."""
    from articles import models

    surnames = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    )
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏宇浩凯"
    names = [
        f"{surnames[n % len(surnames)]}{given[n * 7 % len(given)]}{given[n * 13 % len(given)]}"
        for n in range(REPORTERS)
    ]
    people = models.Person.objects.bulk_create(
        [models.Person(name=name) for name in dict.fromkeys(names)],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["name"],
    )
    return [person.pk for person in people]


def _vocabulary() -> list[str]:
    """The most frequent two-to-four-hanzi words of jieba's dictionary, most frequent first."""
    import jieba

    entries = []
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            word, freq, *_ = line.split()
            if 2 <= len(word) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in word):
                entries.append((int(freq), word))
    entries.sort(key=lambda e: (-e[0], e[1]))
    return [word for _, word in entries[:VOCABULARY]]

"""Let PostgreSQL keep the frequencies of ten times more lexemes of the search vectors (issue 15's speed).

Since 0014 every hanzi of an article is a lexeme of its vector, and the few thousand most frequent hanzi
take the whole list of most common lexemes ANALYZE keeps at the default statistics target (100): a word in
6 % of the articles (信用) fell out of it and was estimated at a tenth of its matches (496 of 5,844), two
such words at next to none (2 of 5,822), and the plans that hang on the estimate went wrong: counting what
would only be estimated, reading every match for a window of pages (bench/bench_search.py). At 1,000 single
words are estimated right again (5,852); two together are still taken as independent (345). ANALYZE reads
more rows: 7 s instead of 2 s on the 100,011 articles of the bench, under load.
"""

from __future__ import annotations

from django.db import migrations

STATISTICS = 1000


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_search_pieces"),
    ]

    operations = [
        migrations.RunSQL(
            [
                f"ALTER TABLE articles_article ALTER COLUMN search_vector SET STATISTICS {STATISTICS}",
                "ANALYZE articles_article (search_vector)",
            ],
            [
                "ALTER TABLE articles_article ALTER COLUMN search_vector SET STATISTICS -1",
                "ANALYZE articles_article (search_vector)",
            ],
            elidable=True,
        ),
    ]

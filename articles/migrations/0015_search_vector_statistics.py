"""Let PostgreSQL keep the frequencies of ten times more lexemes of the search vectors (issue 15's speed).

Since 0014 every hanzi of an article is a lexeme of its vector, and the few thousand most frequent hanzi
take the whole list of most common lexemes ANALYZE keeps at the default statistics target (100): a word in
6 % of the articles (信用) fell out of it and was estimated at a tenth of its matches, two such words at
next to none, so PostgreSQL read every article holding them instead of ANDing the index with the pages of
the window being ranked (bench/bench_search.py, "two words"). At 1,000 the words are counted right again;
ANALYZE reads more rows (7 s instead of 2 s on the 100,011 articles of the bench, under load).
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

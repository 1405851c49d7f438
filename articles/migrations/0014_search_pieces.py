"""Remake every search vector with the pieces of long words and every hanzi at its character offset
(articles/search/index.py): a word inside a longer one (检察 in 检察院) is found.

It runs the project's own indexing code rather than a frozen copy: the vectors must be what ingest makes
now. `manage.py search_reindex` does the same, for an archive indexed by an older version without a
migration to go with it.
"""

from __future__ import annotations

from django.db import migrations


def _reindex(apps, schema_editor) -> None:
    from articles.search.index import search_reindex

    search_reindex()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_article_issue_date"),
    ]

    operations = [
        migrations.RunPython(_reindex, migrations.RunPython.noop, elidable=True),
    ]

"""Ingest speed: the search vector alone, and a page's large columns stored uncompressed.

- search_title and search_body were the vector's input, joined words, kept beside it: ingest now makes the
  vector itself (as it did then; now PostgreSQL makes it, articles/search/index.py) and a refresh makes it from the paragraphs, so they
  only cost a third of the article rows' size and their writing.
- Page.raw and Page.reconstructed_json are stored out of line without compression (STORAGE EXTERNAL):
  PostgreSQL's pglz took ~1.5 ms of the writer's database time a page to save ~40 % of their ~57 KB
  (Chinese text compresses poorly). Rows written before keep their compressed values; both read the same.
"""

from django.db import migrations

EXTERNAL = "ALTER TABLE articles_page ALTER COLUMN raw SET STORAGE {0}, ALTER COLUMN reconstructed_json SET STORAGE {0}"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_jump_corrections"),
    ]

    operations = [
        migrations.RemoveField(model_name="article", name="search_body"),
        migrations.RemoveField(model_name="article", name="search_title"),
        migrations.RunSQL(EXTERNAL.format("EXTERNAL"), EXTERNAL.format("EXTENDED")),
    ]

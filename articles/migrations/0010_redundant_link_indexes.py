"""Drop the index of four links whose unique constraint already starts with them: (issue, number),
(page, position), (article, position), (article, person, role). Each index costs every ingested row.

Only the indexes go (the foreign keys stay as they are, not re-checked over the whole table); Django's
state learns db_index=False.
"""

import django.db.models.deletion
from django.db import migrations, models


INDEXES = [  # Django's names for them, as 0001_initial made them
    ("articles_article_page_id_cb806e30", "articles_article", "page_id"),
    ("articles_byline_article_id_b3b9786c", "articles_byline", "article_id"),
    ("articles_page_issue_id_e04c4842", "articles_page", "issue_id"),
    ("articles_paragraph_article_id_9836dda4", "articles_paragraph", "article_id"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_admin_chinese"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    sql=[f"DROP INDEX IF EXISTS {name}" for name, _, _ in INDEXES],
                    reverse_sql=[
                        f"CREATE INDEX {name} ON {table} ({column})" for name, table, column in INDEXES
                    ],
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="page",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="articles",
                        to="articles.page",
                        verbose_name="版面",
                    ),
                ),
                migrations.AlterField(
                    model_name="byline",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="bylines",
                        to="articles.article",
                        verbose_name="稿件",
                    ),
                ),
                migrations.AlterField(
                    model_name="page",
                    name="issue",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pages",
                        to="articles.issue",
                        verbose_name="期次",
                    ),
                ),
                migrations.AlterField(
                    model_name="paragraph",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="paragraphs",
                        to="articles.article",
                        verbose_name="稿件",
                    ),
                ),
            ],
        ),
    ]

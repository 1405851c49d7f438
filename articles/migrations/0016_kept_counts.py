"""Person.article_count and Place.article_count, kept by articles.counts, filled here from the rows (the SQL
of articles.counts.counts_recount as of this migration: a migration must not change with the app)."""

from django.db import migrations, models

PEOPLE = """
    UPDATE articles_person p SET article_count = t.n FROM (
        SELECT b.person_id, COUNT(DISTINCT b.article_id) AS n FROM articles_byline b
        JOIN articles_article a ON a.id = b.article_id
        WHERE a.merged_into_id IS NULL AND a.continues_id IS NULL
        GROUP BY b.person_id
    ) t WHERE t.person_id = p.id
"""
PLACES = """
    WITH live AS (
        SELECT id, region_id FROM articles_article WHERE merged_into_id IS NULL AND continues_id IS NULL
    ), named AS (
        SELECT l.place_id, l.article_id FROM articles_article_places l JOIN live a ON a.id = l.article_id
    ), pairs AS (
        SELECT place_id, article_id FROM named
        UNION SELECT p.parent_id, n.article_id FROM named n JOIN articles_place p ON p.id = n.place_id
            WHERE p.parent_id IS NOT NULL
        UNION SELECT up.parent_id, n.article_id FROM named n JOIN articles_place p ON p.id = n.place_id
            JOIN articles_place up ON up.id = p.parent_id WHERE up.parent_id IS NOT NULL
        UNION SELECT a.region_id, a.id FROM live a JOIN articles_place r ON r.id = a.region_id
            WHERE r.level = 'province'
    )
    UPDATE articles_place p SET article_count = t.n FROM (
        SELECT place_id, COUNT(*) AS n FROM pairs GROUP BY place_id
    ) t WHERE t.place_id = p.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_search_vector_statistics"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="article_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="稿件数"),
        ),
        migrations.AddField(
            model_name="place",
            name="article_count",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="稿件数"),
        ),
        migrations.RunSQL(PEOPLE, migrations.RunSQL.noop),
        migrations.RunSQL(PLACES, migrations.RunSQL.noop),
    ]

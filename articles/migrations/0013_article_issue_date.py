"""Article.issue_date: the issue's date kept on each article by a trigger, and the indexes that read stories
newest first without sorting the archive (all stories; a province's)."""

from django.db import migrations, models

TRIGGER = """
CREATE FUNCTION articles_article_issue_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT issue.date INTO NEW.issue_date
    FROM articles_page AS page JOIN articles_issue AS issue ON issue.id = page.issue_id
    WHERE page.id = NEW.page_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER article_issue_date BEFORE INSERT OR UPDATE OF page_id ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_issue_date();
UPDATE articles_article AS article SET issue_date = issue.date
    FROM articles_page AS page JOIN articles_issue AS issue ON issue.id = page.issue_id
    WHERE article.page_id = page.id;
"""
TRIGGER_DROP = """
DROP TRIGGER article_issue_date ON articles_article;
DROP FUNCTION articles_article_issue_date();
"""
STORIES = models.Q(merged_into__isnull=True, continues__isnull=True)


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_article_review")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="issue_date",
            field=models.DateField(editable=False, null=True, verbose_name="出版日期"),
        ),
        migrations.RunSQL(TRIGGER, reverse_sql=TRIGGER_DROP),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=STORIES, fields=["-issue_date", "id"], name="article_story_date_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=STORIES, fields=["region", "-issue_date", "id"], name="article_region_story_date_idx"
            ),
        ),
    ]

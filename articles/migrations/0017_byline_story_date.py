"""Byline.issue_date and Byline.story: the article's issue date and whether it is a live story (not merged, not
a continuation), kept on each byline by PostgreSQL triggers, and the index that reads a person's stories newest
first from their bylines alone (the reporter page's list, activity chart and co-authors).

Kept in step by PostgreSQL itself, whatever writes (ingest, a re-ingest, an editor's correction, its undo):
- a byline written (inserted, or updated in any way) takes both from its article;
- an article whose date, merge or continuation changes passes them on to its bylines;
- a page moved to another issue, or an issue whose date changes, gives its articles the new date (0013's
  trigger only followed an article's own change of page), and through them their bylines.
"""

from django.db import migrations, models

TRIGGERS = """
CREATE FUNCTION articles_byline_story_date() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT a.issue_date, a.merged_into_id IS NULL AND a.continues_id IS NULL
    INTO NEW.issue_date, NEW.story
    FROM articles_article AS a WHERE a.id = NEW.article_id;
    NEW.story := coalesce(NEW.story, false);
    RETURN NEW;
END
$$;
CREATE TRIGGER byline_story_date BEFORE INSERT OR UPDATE ON articles_byline
    FOR EACH ROW EXECUTE FUNCTION articles_byline_story_date();

CREATE FUNCTION articles_article_bylines_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_byline
    SET issue_date = NEW.issue_date, story = NEW.merged_into_id IS NULL AND NEW.continues_id IS NULL
    WHERE article_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_bylines_follow AFTER UPDATE ON articles_article
    FOR EACH ROW WHEN (
        OLD.issue_date IS DISTINCT FROM NEW.issue_date
        OR (OLD.merged_into_id IS NULL AND OLD.continues_id IS NULL)
            <> (NEW.merged_into_id IS NULL AND NEW.continues_id IS NULL)
    ) EXECUTE FUNCTION articles_article_bylines_follow();

CREATE FUNCTION articles_page_issue_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET issue_date = (SELECT date FROM articles_issue WHERE id = NEW.issue_id)
    WHERE page_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER page_issue_follow AFTER UPDATE OF issue_id ON articles_page
    FOR EACH ROW WHEN (OLD.issue_id IS DISTINCT FROM NEW.issue_id)
    EXECUTE FUNCTION articles_page_issue_follow();

CREATE FUNCTION articles_issue_date_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_article SET issue_date = NEW.date
    WHERE page_id IN (SELECT id FROM articles_page WHERE issue_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER issue_date_follow AFTER UPDATE OF date ON articles_issue
    FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date)
    EXECUTE FUNCTION articles_issue_date_follow();
"""
TRIGGERS_DROP = """
DROP TRIGGER issue_date_follow ON articles_issue;
DROP FUNCTION articles_issue_date_follow();
DROP TRIGGER page_issue_follow ON articles_page;
DROP FUNCTION articles_page_issue_follow();
DROP TRIGGER article_bylines_follow ON articles_article;
DROP FUNCTION articles_article_bylines_follow();
DROP TRIGGER byline_story_date ON articles_byline;
DROP FUNCTION articles_byline_story_date();
"""
# The bylines there are, filled once (the trigger fills them from now on): one UPDATE, not one a row.
FILL = """
ALTER TABLE articles_byline DISABLE TRIGGER byline_story_date;
UPDATE articles_byline AS b
    SET issue_date = a.issue_date, story = a.merged_into_id IS NULL AND a.continues_id IS NULL
    FROM articles_article AS a WHERE a.id = b.article_id;
ALTER TABLE articles_byline ENABLE TRIGGER byline_story_date;
"""


class Migration(migrations.Migration):
    dependencies = [("articles", "0016_kept_counts")]

    operations = [
        migrations.AddField(
            model_name="byline",
            name="issue_date",
            field=models.DateField(editable=False, null=True, verbose_name="出版日期"),
        ),
        migrations.AddField(
            model_name="byline",
            name="story",
            field=models.BooleanField(default=False, editable=False, verbose_name="独立稿件"),
        ),
        migrations.RunSQL(TRIGGERS, reverse_sql=TRIGGERS_DROP),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="byline",
            index=models.Index(
                condition=models.Q(story=True),
                fields=["person", "-issue_date", "article"],
                name="byline_person_story_date_idx",
            ),
        ),
    ]

"""The people bylined on articles, and the bylines that link them to an article in a role."""

from __future__ import annotations

from django.db import models

from articles.reconstruct.values import BylineRole


class PersonQuerySet(models.QuerySet["Person"]):
    def bylined(self) -> PersonQuerySet:
        """People bylined on live stories, with their kept article_count; a spelling merged into another
        person is not one of them (its page redirects to that person's)."""
        return self.filter(merged_into__isnull=True, article_count__gt=0)

    def coauthors_of(self, person: Person) -> PersonQuerySet:
        """The others bylined on `person`'s live stories, each with shared_count, most first. The stories are
        found from their bylines (Byline.objects.stories_of), the others' bylines by article: no article read."""
        return (
            self.filter(bylines__article__in=Byline.objects.stories_of(person).values("article"))
            .exclude(pk=person.pk)
            .annotate(shared_count=models.Count("bylines__article", distinct=True))
            .order_by("-shared_count", "name")
        )


class BylineQuerySet(models.QuerySet["Byline"]):
    def stories_of(self, person: Person) -> BylineQuerySet:
        """`person`'s bylines on live stories (not merged, not continuations), by Byline.story: read off
        byline_person_story_date_idx, newest first, without reading an article. A person credited twice on a
        story (记者 and 摄影) has two of them."""
        return self.filter(person=person, story=True)

    def monthly_counts(self) -> models.QuerySet:
        """Rows {"month": its first day, "count": the articles of these bylines} by issue date, oldest first;
        months with none are absent."""
        return (
            self.order_by()
            .values(month=models.functions.TruncMonth("issue_date"))
            .annotate(count=models.Count("article", distinct=True))
            .order_by("month")
        )


class Person(models.Model):
    name = models.CharField("姓名", max_length=100, unique=True)
    # Set by editing.people_merge instead of deleting the other spelling, so that its old address still
    # leads somewhere (the reporter page redirects) and undo has the row to bring back.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        verbose_name="已并入",
        help_text="这个名字已合并到的署名人；它的记者页面转到那里。",
    )
    # Kept, not recounted (a recount over every byline took 1.9 s at 1M articles): the live stories
    # (not merged, not continuations) bylined to this person, each once. articles.counts moves it by the
    # difference each write makes to the stories it touches (a merge of people and its undo recount those
    # two), in that write's transaction; `manage.py counts_check` finds drift.
    article_count = models.PositiveIntegerField("稿件数", default=0, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "署名人"

    def __str__(self) -> str:
        return self.name


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTER = BylineRole.REPORTER, "记者"
        CORRESPONDENT = BylineRole.CORRESPONDENT, "通讯员"
        PHOTOGRAPHER = BylineRole.PHOTOGRAPHER, "摄影"
        AUTHOR = BylineRole.AUTHOR, "作者"

    article = models.ForeignKey(  # indexed by byline_article_person_role_uniq
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="bylines",
        verbose_name="稿件",
        db_index=False,
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="bylines", verbose_name="署名人"
    )
    role = models.CharField("身份", max_length=15, choices=Role)
    order = models.PositiveSmallIntegerField("顺序")
    # The article's issue date, and whether it is a live story (not merged, not a continuation): kept on the
    # byline by PostgreSQL itself (triggers, migration 0017) whatever writes the byline, its article, page or
    # issue, so that a reporter's page reads their stories, newest first, from their bylines alone
    # (byline_person_story_date_idx): at 1,000,000 articles a reporter has thousands, which the list, the
    # activity chart and the co-authors would otherwise find one article, page and issue at a time.
    issue_date = models.DateField("出版日期", null=True, editable=False)
    story = models.BooleanField("独立稿件", default=False, editable=False)

    objects = BylineQuerySet.as_manager()

    class Meta:
        ordering = ["article", "order"]
        verbose_name = verbose_name_plural = "署名"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "person", "role"], name="byline_article_person_role_uniq"
            ),
        ]
        indexes = [
            models.Index(
                fields=["person", "-issue_date", "article"],
                name="byline_person_story_date_idx",
                condition=models.Q(story=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_role_display()}）"

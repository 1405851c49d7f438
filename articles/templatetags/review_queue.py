"""The admin's home: how many stories wait in the review queue."""

from __future__ import annotations

from django import template

from articles import models

register = template.Library()


@register.simple_tag
def review_waiting_count() -> int:
    """Stories waiting for review (ArticleQuerySet.waiting_review): one count query."""
    return models.Article.objects.waiting_review().count()

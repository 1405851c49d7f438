"""The admin's home: how many stories wait in the review queue."""

from __future__ import annotations

from django import template
from django.core.cache import cache

from articles import models, pagecache

register = template.Library()


@register.simple_tag
def review_waiting_count() -> int:
    """Stories waiting for review (ArticleQuerySet.waiting_review), counted once per archive version.

    The count reads every live story (its reasons to doubt are computed, not stored: 0.2 s at 100,000
    stories); it can only change with an ingest or a correction (a review is one), which move the version,
    so the admin's home counts again only after one of them."""
    key = f"review-waiting:{pagecache.content_version()}"
    return cache.get_or_set(
        key, models.Article.objects.waiting_review().count, pagecache.PUBLIC_CACHE_SECONDS
    )

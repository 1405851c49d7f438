"""Reads along a story printed over several pages: its parts are articles chained by Article.continues.

StoryReads is a base of ArticleQuerySet (articles/models/articles.py), so the reads are asked of the
manager: `Article.objects.story_head_id(pk)`. Writes to the chain live in services (articles/jumps.py for
the engine's links, articles/editing/links.py for an editor's).
"""

from __future__ import annotations

from django.db import models

# A story printed over more pages than this is a loop an editor made, not a newspaper: the parts of a story
# that jumps (Article.continues) are read at most this deep (here and in articles.search.index).
MAX_STORY_PARTS = 8


class StoryReads(models.QuerySet):
    def story_ids_above(self, article_id: int) -> list[int]:
        """The article and the parts it continues, up to its story's beginning, in that order."""
        chain = [article_id]
        while len(chain) <= MAX_STORY_PARTS:
            up = self.filter(pk=chain[-1]).values_list("continues_id", flat=True).first()
            if up is None or up in chain:
                break
            chain.append(up)
        return chain

    def story_head_id(self, article_id: int) -> int:
        """The first part of the story the article belongs to (itself when it continues nothing)."""
        return self.story_ids_above(article_id)[-1]

    def story_part_ids(self, head_id: int) -> list[int]:
        """The parts of the story that begins with head_id, in reading order (live parts only: an article
        merged into another is no part of its own)."""
        parts = [head_id]
        while len(parts) < MAX_STORY_PARTS:
            nxt = (
                self.filter(merged_into__isnull=True, continues_id=parts[-1])
                .order_by("page__number", "position")
                .values_list("pk", flat=True)
                .first()
            )
            if nxt is None or nxt in parts:
                break
            parts.append(nxt)
        return parts

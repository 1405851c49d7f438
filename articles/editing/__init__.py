"""Editors' corrections to reconstructed articles: merge, split, move, headlines, bylines, fields, links, undo.

Every service is keyword-only and atomic. It either makes its change, marks the articles it touched
`edited` (so ingest keeps them), refreshes their search text, and records one Correction holding the state
of everything it touched before and after; or it raises CorrectionRefused, saying why, and changes nothing.

What holds after any sequence of corrections (tests/test_editing_property.py):
- the text is whole: a correction moves paragraphs or cuts one in two, it never drops or copies a character;
- positions are contiguous: articles 1..n on each page (a merged-away article keeps its place, hidden),
  paragraphs 1..n in each article, bylines 1..n;
- an article's id stays its URL: a split keeps it for the first part, a merge sets the others'
  `merged_into` and the reading view redirects there.

Undo restores the "before" snapshot of the articles a correction touched, and only while they are as it
left them (their position on the page and `edited` aside), so undo never overwrites a later correction.
Writers lock the pages they touch (ingest locks its page too), so a correction and a re-ingest of the same
page never interleave.

The modules, each importing only those below it (pyproject.toml's import-linter contract forbids cycles):
    segmentation  which text is which article's: articles_merge, article_split, paragraph_split,
                  paragraphs_move
    fields        headline, dateline, region, kind: article_headline_set, headline_reassign,
                  article_fields_set
    bylines       byline_add, byline_remove, byline_role_set, people_merge
    links         stories over several pages: parts_link, parts_unlink
    review        审核通过 (articles_review), and review marks kept through a re-ingest
    undo          correction_undo
    words         correction_words: a correction in an editor's words, read from its snapshots
    record        the Correction a service writes: snapshots before and after (article_state)
    base          CorrectionRefused, page locks and checks, how messages name an article
Callers use this package, not its modules: `from articles import editing; editing.article_split(...)`.
"""

from __future__ import annotations

from articles.editing.base import CorrectionRefused
from articles.editing.bylines import byline_add, byline_remove, byline_role_set, people_merge
from articles.editing.fields import article_fields_set, article_headline_set, headline_reassign
from articles.editing.links import parts_link, parts_unlink
from articles.editing.record import article_state
from articles.editing.review import articles_review
from articles.editing.segmentation import article_split, articles_merge, paragraph_split, paragraphs_move
from articles.editing.undo import correction_undo
from articles.editing.words import Words, correction_words, story_name
from articles.models import Correction  # what every service records; callers read it as editing.Correction

__all__ = [
    "Correction",
    "CorrectionRefused",
    "Words",
    "article_fields_set",
    "article_headline_set",
    "article_split",
    "article_state",
    "articles_merge",
    "articles_review",
    "byline_add",
    "byline_remove",
    "byline_role_set",
    "correction_undo",
    "correction_words",
    "headline_reassign",
    "paragraph_split",
    "paragraphs_move",
    "parts_link",
    "parts_unlink",
    "people_merge",
    "story_name",
]

"""The archive's models, a module per concern; import them from here: `from articles.models import Article`.

papers       Newspaper, Issue, Page, PageVersion (and their reads)
articles     Article and ArticleQuerySet: reading, review queue, search
stories      StoryReads (a base of ArticleQuerySet): a story's parts across pages; MAX_STORY_PARTS
paragraphs   Paragraph
people       Person, Byline
places       Place
corrections  Correction: the editors' history

Reads live in the QuerySet classes; writes live in services (articles/ingest/, articles/editing/).
"""

from articles.models.articles import Article, ArticleQuerySet
from articles.models.corrections import Correction, CorrectionQuerySet
from articles.models.papers import Issue, IssueQuerySet, Newspaper, Page, PageQuerySet, PageVersion
from articles.models.paragraphs import Paragraph
from articles.models.people import Byline, Person, PersonQuerySet
from articles.models.places import Place, PlaceQuerySet
from articles.models.stories import MAX_STORY_PARTS

__all__ = [
    "MAX_STORY_PARTS",
    "Article",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "CorrectionQuerySet",
    "Issue",
    "IssueQuerySet",
    "Newspaper",
    "Page",
    "PageQuerySet",
    "PageVersion",
    "Paragraph",
    "Person",
    "PersonQuerySet",
    "Place",
    "PlaceQuerySet",
]

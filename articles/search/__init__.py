"""Full-text search over the archive, as a reader uses it and as ingest feeds it.

- index: the words an article is found by (jieba, 'simple' configuration; headline A, text B), its search
  vector, and the refresh of a story's vector from all its parts (ingest, jumps and editing use it).
- query: the query cleaned and cut into words, how strictly they must match, the filters.
- ranking: which articles match, how many, in what order, at a bounded cost.
- snippets: the query's words marked in real text.
- results: article_search, the service the search page calls.
- forms: the search page's GET parameters.

What views and others use is here: `from articles.search import article_search`.
"""

from __future__ import annotations

from articles.search.forms import SearchForm
from articles.search.index import (
    SEARCH_CONFIG,
    article_search_refresh,
    search_reindex,
    search_text_for,
    search_tokens,
    search_vector_text,
    search_words_for,
)
from articles.search.query import (
    MATCHES,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Group,
    LiteralQuery,
    Match,
    ParsedQuery,
    SearchFilters,
    query_clean,
    query_parse,
    query_terms,
    tsquery_text,
)
from articles.search.results import PER_PAGE, SearchHit, SearchResults, article_search, article_urls
from articles.search.snippets import SNIPPET_CHARS, highlight_html, snippet_html, terms_pattern

__all__ = [
    "MATCHES",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "PER_PAGE",
    "SEARCH_CONFIG",
    "SNIPPET_CHARS",
    "Group",
    "LiteralQuery",
    "Match",
    "ParsedQuery",
    "SearchFilters",
    "SearchForm",
    "SearchHit",
    "SearchResults",
    "article_search",
    "article_search_refresh",
    "article_urls",
    "highlight_html",
    "query_clean",
    "query_parse",
    "query_terms",
    "search_reindex",
    "search_text_for",
    "search_tokens",
    "search_vector_text",
    "search_words_for",
    "snippet_html",
    "terms_pattern",
    "tsquery_text",
]

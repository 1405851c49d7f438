"""The search page's form: its GET parameters as a query and filters, never an error page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from articles.models import Article, Newspaper, Person, Place
from articles.search.facets import Facets
from articles.search.names import Resolved, name_clean, place_label, region_resolve, reporter_resolve
from articles.search.query import CONTROL, MAX_PARAM_CHARS, SearchFilters, query_clean
from articles.search.ranking import SORTS


class SearchForm(forms.Form):
    """The search page's GET parameters: q, from, to, region (a place's name, 朝阳区（北京市）, or its code),
    reporter (name), paper (slug), kind (Article.Kind), sort (relevance, newest, oldest).

    A value that does not parse is ignored with a note, never an error page; a reporter or place the archive
    does not hold, or holds twice, also gets links to the names it may mean (`name_choices`). The page
    writes the inputs itself from `data`, `region_text`, `reporter_text` and `paper_options`: Django's
    widget rendering, a template per widget and per option, cost a third of the page's time.
    """

    q = forms.CharField(required=False, label="检索词")
    region = forms.CharField(required=False, label="地区")
    reporter = forms.CharField(required=False, label="记者")
    paper = forms.ModelChoiceField(
        queryset=Newspaper.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="全部报纸",
        label="报纸",
    )

    def __init__(self, data: QueryDict | dict[str, str] | None = None) -> None:
        data = data if data is not None else {}
        clean = {key: CONTROL.sub("", str(data.get(key, "")))[:MAX_PARAM_CHARS] for key in data}
        self.query, self.query_notes = query_clean(str(data.get("q", "")))
        self._unresolved: dict[str, Resolved] = {}
        clean["q"] = self.query
        super().__init__(clean)
        self.fields["from"] = forms.DateField(required=False, label="起始日期")
        self.fields["to"] = forms.DateField(required=False, label="截止日期")
        self.fields["kind"] = forms.ChoiceField(required=False, choices=Article.Kind.choices, label="体裁")
        self.fields["sort"] = forms.ChoiceField(required=False, choices=list(SORTS.items()), label="排序")
        self.order_fields(["q", "from", "to", "region", "reporter", "paper", "kind", "sort"])

    @property
    def sort_order(self) -> str:
        """The order asked for, relevance when none or one not known (search_filters notes it)."""
        chosen = self.data.get("sort", "")
        return chosen if chosen in SORTS else "relevance"

    @property
    def kind_options(self) -> list[tuple[str, str, bool]]:
        """(value, label, selected) of each kind."""
        chosen = self.data.get("kind", "")
        return [(value, label, value == chosen) for value, label in Article.Kind.choices]

    def facet_links(self, facets: Facets | None) -> list[tuple[str, list[tuple[str, int, str, bool]]]]:
        """(heading, [(label, count, URL, current)]) of each facet: the URL keeps the other parameters
        and adds the facet's filter, from the first page."""
        if not facets:
            return []
        kept = {key: value for key, value in self.data.items() if value and key != "page"}
        return [
            (
                heading,
                [
                    (
                        facet.label,
                        facet.count,
                        "?" + urlencode({**kept, **facet.params}),
                        all(kept.get(key) == value for key, value in facet.params.items()),
                    )
                    for facet in values
                ],
            )
            for heading, values in facets.groups
        ]

    def sort_links(self, *, query: bool) -> list[tuple[str, str, bool]]:
        """(label, URL, current) of each order, the other parameters kept, from the first page; without
        words to rank by, relevance is not one of them."""
        kept = {key: value for key, value in self.data.items() if value and key not in ("page", "sort")}
        links = []
        for key, label in SORTS.items():
            if key == "relevance" and not query:
                continue
            params = {**kept, **({} if key == "relevance" else {"sort": key})}
            current = key == self.sort_order or (
                not query and key == "newest" and self.sort_order == "relevance"
            )
            links.append((label, "?" + urlencode(params), current))
        return links

    @property
    def region_text(self) -> str:
        """The region box's text: the place filtered on as the list writes it, else what was typed."""
        place = self.cleaned_data.get("region") if hasattr(self, "cleaned_data") else None
        return place_label(place) if place else self.data.get("region", "")

    @property
    def reporter_text(self) -> str:
        """The reporter box's text: the person filtered on (the kept spelling), else what was typed."""
        person = self.cleaned_data.get("reporter") if hasattr(self, "cleaned_data") else None
        return person.name if person else self.data.get("reporter", "")

    def name_choices(self) -> list[tuple[str, list[tuple[str, int, str]]]]:
        """(note, [(name, stories, URL)]) for each reporter or region filter left out because the archive
        holds no such name, or two, with names it may mean: the URL is this search filtered on that name."""
        kept = {key: value for key, value in self.data.items() if value and key != "page"}
        return [
            (
                resolved.note,
                [(n.label, n.count, "?" + urlencode({**kept, field: n.param})) for n in resolved.offered],
            )
            for field, resolved in self._unresolved.items()
            if resolved.offered
        ]

    @property
    def paper_options(self) -> list[tuple[str, str, bool]]:
        """(slug, name, selected) of each paper."""
        return self._options("paper", Newspaper.objects.order_by("name"), "slug")

    def _options(self, name: str, rows: Any, value: str) -> list[tuple[str, str, bool]]:
        chosen = self.data.get(name, "")
        return [(key, label, key == chosen) for key, label in rows.values_list(value, "name")]

    def clean_reporter(self) -> Person | None:
        return self._resolve("reporter", reporter_resolve)  # type: ignore[return-value]

    def clean_region(self) -> Place | None:
        return self._resolve("region", region_resolve)  # type: ignore[return-value]

    def _resolve(self, field: str, resolve: Callable[[str], Resolved]) -> Person | Place | None:
        if not name_clean(self.cleaned_data[field]):
            return None
        resolved = resolve(self.cleaned_data[field])
        if resolved.found is None:
            self._unresolved[field] = resolved
            raise forms.ValidationError(resolved.note)
        return resolved.found

    def search_filters(self) -> tuple[SearchFilters, list[str]]:
        """The filters that are valid, and a note for each value ignored."""
        self.is_valid()
        notes: list[str] = []
        for name, errors in self.errors.items():
            if name in self._unresolved:
                if not self._unresolved[name].offered:  # else name_choices says it, with the names
                    notes += errors
            else:
                notes.append(f"{self.fields[name].label}「{self.data.get(name, '')}」无效，已忽略。")
        got = self.cleaned_data
        date_from, date_to = got.get("from"), got.get("to")
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
            notes.append("起始日期晚于截止日期，已对调。")
        filters = SearchFilters(
            date_from=date_from,
            date_to=date_to,
            region=got.get("region"),
            reporter=got.get("reporter"),
            paper=got.get("paper"),
            kind=got.get("kind") or "",
        )
        return filters, notes

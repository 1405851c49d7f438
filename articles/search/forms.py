"""The search page's form: its GET parameters as a query and filters, never an error page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict

from articles.models import Article, Newspaper, Person, Place
from articles.search.facets import Facets
from articles.search.query import CONTROL, MAX_PARAM_CHARS, SPACES, SearchFilters, query_clean
from articles.search.ranking import SORTS


class SearchForm(forms.Form):
    """The search page's GET parameters: q, from, to, region (province code), reporter (name), paper (slug),
    kind (Article.Kind), sort (relevance, newest, oldest).

    A value that does not parse is ignored with a note, never an error page. The page writes the inputs
    itself from `data`, `region_options` and `paper_options`: Django's widget rendering, a template per
    widget and per option, cost a third of the page's time.
    """

    q = forms.CharField(required=False, label="检索词")
    region = forms.ModelChoiceField(
        queryset=Place.objects.filter(level=Place.Level.PROVINCE).order_by("code"),
        to_field_name="code",
        required=False,
        empty_label="全部地区",
        label="地区",
    )
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
    def region_options(self) -> list[tuple[str, str, bool]]:
        """(code, name, selected) of each province."""
        return self._options(
            "region", Place.objects.filter(level=Place.Level.PROVINCE).order_by("code"), "code"
        )

    @property
    def paper_options(self) -> list[tuple[str, str, bool]]:
        """(slug, name, selected) of each paper."""
        return self._options("paper", Newspaper.objects.order_by("name"), "slug")

    def _options(self, name: str, rows: Any, value: str) -> list[tuple[str, str, bool]]:
        chosen = self.data.get(name, "")
        return [(key, label, key == chosen) for key, label in rows.values_list(value, "name")]

    def clean_reporter(self) -> Person | None:
        name = SPACES.sub("", self.cleaned_data["reporter"])
        if not name:
            return None
        person = Person.objects.select_related("merged_into").filter(name=name).first()
        if person is None:
            raise forms.ValidationError(f"没有名叫「{name}」的记者，已忽略这个条件。")
        return person.merged_into or person  # an old spelling an editor merged away finds the kept name

    def search_filters(self) -> tuple[SearchFilters, list[str]]:
        """The filters that are valid, and a note for each value ignored."""
        self.is_valid()
        notes: list[str] = []
        for name, errors in self.errors.items():
            if name == "reporter":
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

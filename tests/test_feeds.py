"""Atom feeds (site, reporter, region) and the sitemap."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import feeds, models
from articles.sitemaps import ArticleSitemap
from tests.seeding import SEED_DATE, article, person, place, seed_ingest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HEILONGJIANG_STORY = "不断提升执法司法质效和公信力"
SHENYANG_FEATURE = "柔性执法信用修复助力企业健康发展"


@pytest.fixture
def seeded(db: None) -> None:
    seed_ingest()


def _feed(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(feed: ET.Element) -> list[dict[str, object]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "path": urlsplit(entry.find(f"{ATOM}link").get("href")).path,
            "published": entry.findtext(f"{ATOM}published"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_site_feed_is_atom_with_entries_linking_to_article_permalinks(client: Client, seeded: None) -> None:
    entries = _entries(_feed(client, reverse("articles:feed")))
    ids = models.Article.objects.values_list("pk", flat=True)
    assert sorted(e["path"] for e in entries) == sorted(f"/articles/{pk}/" for pk in ids)
    assert {e["published"] for e in entries} == {"2025-01-24T00:00:00+08:00"}


def test_feed_entry_has_title_authors_and_first_paragraph(client: Client, seeded: None) -> None:
    entries = {e["path"]: e for e in _entries(_feed(client, reverse("articles:feed")))}
    entry = entries[f"/articles/{article(HEILONGJIANG_STORY).pk}/"]
    assert entry["title"] == HEILONGJIANG_STORY
    assert entry["author"] == "崔东凯、张冲"
    assert entry["summary"].startswith("本报讯 记者崔东凯 张冲 1月22日，黑龙江省委政")


def test_feed_entry_of_an_untitled_photo_is_marked_and_named_by_its_caption(
    client: Client, seeded: None
) -> None:
    photo = models.Article.objects.get(kind=models.Article.Kind.PHOTO)
    entries = {e["path"]: e for e in _entries(_feed(client, reverse("articles:feed")))}
    assert (
        entries[f"/articles/{photo.pk}/"]["title"]
        == "图片：珠海边检总站开平边检站移民管理警察在三埠港口岸开展登船赠春联活动"
    )


def test_site_feed_holds_the_latest_fifty_newest_first(client: Client, db: None) -> None:
    dates = [datetime.date(2024, 12, day) for day in range(1, 6)]
    seed_ingest(dates)  # 55 articles
    entries = _entries(_feed(client, reverse("articles:feed")))
    assert len(entries) == 50
    assert entries[0]["published"] == "2024-12-05T00:00:00+08:00"
    assert entries[-1]["published"] == "2024-12-01T00:00:00+08:00"


@pytest.mark.parametrize("recent_dates", [1, 2, 4])
def test_a_feed_looked_for_in_the_newest_issues_first_lists_what_the_whole_archive_would(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch, recent_dates: int
) -> None:
    seed_ingest([datetime.date(2024, 12, day) for day in range(1, 6)])  # 11 stories an issue
    everything = _entries(_feed(client, reverse("articles:feed")))
    monkeypatch.setattr(feeds, "RECENT_DATES", recent_dates)  # 11, 22 or 44 stories, fewer than 50

    assert _entries(_feed(client, reverse("articles:feed") + "?again")) == everything


def test_a_quiet_reporters_feed_finds_their_old_story_beyond_the_newest_issues(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_ingest([datetime.date(2024, 12, day) for day in range(1, 4)])
    story = article(HEILONGJIANG_STORY, date=datetime.date(2024, 12, 1))
    others = models.Article.objects.filter(bylines__person=person("张冲")).exclude(pk=story.pk)
    models.Byline.objects.filter(article__in=others).delete()  # 张冲 wrote only the oldest issue's story
    monkeypatch.setattr(feeds, "RECENT_DATES", 1)

    feed = _feed(client, reverse("articles:reporter_feed", args=[person("张冲").pk]))

    assert [e["path"] for e in _entries(feed)] == [f"/articles/{story.pk}/"]


def test_reporter_feed_lists_their_articles(client: Client, seeded: None) -> None:
    feed = _feed(client, reverse("articles:reporter_feed", args=[person("张冲").pk]))
    assert feed.findtext(f"{ATOM}title").startswith("张冲的稿件")
    assert [e["path"] for e in _entries(feed)] == [f"/articles/{article(HEILONGJIANG_STORY).pk}/"]


def test_region_feed_lists_its_articles(client: Client, seeded: None) -> None:
    feed = _feed(client, reverse("articles:region_feed", args=[place("沈阳市").pk]))
    assert [e["title"] for e in _entries(feed)] == [SHENYANG_FEATURE]


def test_feeds_of_unknown_ids_are_404(client: Client, db: None) -> None:
    assert client.get(reverse("articles:reporter_feed", args=[1])).status_code == 404
    assert client.get(reverse("articles:region_feed", args=[1])).status_code == 404


def test_empty_site_feed_is_still_atom(client: Client, db: None) -> None:
    assert _entries(_feed(client, reverse("articles:feed"))) == []


# -- Sitemap ------------------------------------------------------------------------------------------


def _urlset(response) -> list[str]:  # noqa: ANN001 - a test client's response
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    return [urlsplit(u.text).path for u in urlset.iter(f"{SITEMAP}loc")]


def _sitemap_urls(client: Client) -> list[str]:
    """Every URL the sitemap lists, its index followed to each section page."""
    index = client.get(reverse("articles:sitemap"))
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    urls = []
    for loc in root.iter(f"{SITEMAP}loc"):
        parts = urlsplit(loc.text)
        urls += _urlset(client.get(parts.path, dict(p.split("=") for p in parts.query.split("&") if p)))
    return urls


def test_sitemap_lists_articles_issues_papers_reporters_and_regions(client: Client, seeded: None) -> None:
    urls = _sitemap_urls(client)
    for pk in models.Article.objects.values_list("pk", flat=True):
        assert f"/articles/{pk}/" in urls
    issue = models.Issue.objects.select_related("newspaper").get()
    assert reverse("articles:issue", args=[issue.newspaper.slug, SEED_DATE]) in urls
    assert reverse("articles:paper", args=[issue.newspaper.slug]) in urls
    assert reverse("articles:reporter", args=[person("丁国锋").pk]) in urls
    assert reverse("articles:region", args=[place("辽宁省").pk]) in urls
    assert len(urls) == len(set(urls))


def test_sitemap_gives_each_article_its_pages_ingestion_date(client: Client, seeded: None) -> None:
    response = client.get(reverse("articles:sitemap_section", args=["articles"]))
    root = ET.fromstring(response.content)
    ingested = timezone.localdate(models.Page.objects.get().ingested_at).isoformat()
    assert {u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")} == {ingested}


def test_sitemap_leaves_out_merged_articles(client: Client, seeded: None) -> None:
    merged = article(HEILONGJIANG_STORY)
    merged.merged_into = article(SHENYANG_FEATURE)
    merged.save(update_fields=["merged_into"])
    assert f"/articles/{merged.pk}/" not in _sitemap_urls(client)


def test_sitemap_sections_are_paginated(
    client: Client, seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ArticleSitemap, "limit", 5)
    stories = set(models.Article.objects.stories().values_list("pk", flat=True))
    index = client.get(reverse("articles:sitemap")).content.decode()
    files = re.findall(r"/sitemap-articles\.xml(?:\?p=(\d+))?</loc>", index)
    section = reverse("articles:sitemap_section", args=["articles"])

    listed = []
    for number in [int(n or 1) for n in files]:
        urls = _urlset(client.get(section, {"p": str(number)}))
        assert len(urls) <= 5  # no file over the limit
        listed += [int(u.strip("/").split("/")[-1]) for u in urls]
    assert len(files) > 1
    assert sorted(listed) == sorted(stories)  # every story once, in one file
    assert client.get(section, {"p": str(len(files) + 1)}).status_code == 404
    assert client.get(section, {"p": "abc"}).status_code == 404
    assert client.get(section, {"p": "0"}).status_code == 404


def test_a_deep_sitemap_file_costs_as_many_queries_as_the_first(
    client: Client, seeded: None, monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries
) -> None:
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    index = client.get(reverse("articles:sitemap")).content.decode()
    last = max(int(n) for n in re.findall(r"/sitemap-articles\.xml\?p=(\d+)</loc>", index))
    section = reverse("articles:sitemap_section", args=["articles"])

    with django_assert_max_num_queries(3):  # the archive's version, the id range, the file's rows
        assert client.get(section, {"p": str(last)}).status_code == 200

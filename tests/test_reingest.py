"""Re-ingesting a corrected page: the same bytes change nothing, changed bytes are held for an editor,
--force replaces the page and keeps the old version and its corrections retrievable."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from articles import editing, ingest, models
from tests.seeding import PAPER, SEED, SEED_DATE
from tests.test_editing import seed_page

pytestmark = pytest.mark.django_db


def _ingest(data: bytes, **kwargs) -> ingest.IngestResult:
    return ingest.page_ingest(
        paper=PAPER, date=SEED_DATE, number=2, data=data, source_name=SEED.name, **kwargs
    )


def _corrected() -> tuple[models.Page, models.Article]:
    page = seed_page()
    a1, a2 = page.articles.order_by("position")[:2]
    editing.articles_merge(articles=[a1, a2], editor=None, reason="one story")
    return page, a1


def test_same_bytes_change_nothing_and_keep_the_corrections() -> None:
    page, survivor = _corrected()
    paragraphs = list(survivor.paragraphs.values_list("pk", "text"))

    result = _ingest(SEED.read_bytes())

    assert result.status == ingest.UNCHANGED
    assert list(survivor.paragraphs.values_list("pk", "text")) == paragraphs
    assert models.Correction.objects.for_article(survivor).count() == 1
    assert not models.PageVersion.objects.exists()


def test_changed_bytes_hold_the_corrected_page_for_review() -> None:
    page, survivor = _corrected()
    paragraphs = list(survivor.paragraphs.values_list("pk", "text"))

    result = _ingest(SEED.read_bytes() + "\n补充的一行文字\n".encode())

    assert result.status == ingest.NEEDS_REVIEW
    page.refresh_from_db()
    assert page.needs_review and "--force" in page.review_reason
    assert list(survivor.paragraphs.values_list("pk", "text")) == paragraphs
    assert models.Correction.objects.get().page == page


def test_force_replaces_the_page_and_keeps_the_old_version_and_its_corrections() -> None:
    page, survivor = _corrected()
    old_text = "\n".join(survivor.paragraphs.order_by("position").values_list("text", flat=True))

    result = _ingest(SEED.read_bytes() + "\n补充的一行文字\n".encode(), force=True)

    assert (result.status, result.corrections_kept) == (ingest.REPLACED, 1)
    assert not models.Article.objects.filter(pk=survivor.pk).exists()
    assert not models.Article.objects.filter(edited=True).exists()
    version = models.PageVersion.objects.get()
    assert bytes(version.raw) == SEED.read_bytes()
    correction = models.Correction.objects.get()
    assert (correction.page, correction.page_version) == (page, version)
    assert list(models.Correction.objects.for_article(survivor.pk)) == [correction]
    kept = next(a for a in correction.after["articles"] if a["id"] == survivor.pk)
    assert "\n".join(p["text"] for p in kept["paragraphs"]) == old_text
    with pytest.raises(editing.CorrectionRefused, match="重新导入"):
        editing.correction_undo(correction=correction, editor=None)


def test_command_says_a_held_page_needs_a_look_and_force_replaces_it(tmp_path: Path, capsys) -> None:
    _corrected()
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_bytes() + "\n补充的一行文字\n".encode())

    call_command("ingest", str(path), "--paper", PAPER)
    held = capsys.readouterr().out
    call_command("ingest", str(path), "--paper", PAPER, "--force")
    forced = capsys.readouterr().out

    assert "需要编辑查看；如要替换，加 --force 重新导入" in held
    assert "（编辑改过的版本仍可查）" in held
    assert "已替换，现有 11 篇稿件" in forced
    assert "旧版本上编辑的 1 条更正留在版面的历史中" in forced
    assert models.Correction.objects.get().page_version is not None

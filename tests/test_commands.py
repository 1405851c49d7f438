"""The reconstruct, ingest and export commands, as a user meets them: output, messages, exit codes."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles import ingest, models
from articles.management.commands.ingest import Command as IngestCommand
from articles.management.commands.reconstruct import Command as ReconstructCommand
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import PageError

# A part of no story over several pages, as the export gives it.
UNLINKED = {"continues": None, "continued_by": [], "link_score": None}

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"
PAPER = "法治日报"
BINARY = bytes(range(256)) * 8  # NUL bytes and all: what a PNG or a PDF looks like to us


def _run(*args: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _run_failing(*args: Any) -> tuple[CommandError, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=out, stderr=err)
    return raised.value, out.getvalue(), err.getvalue()


def _engine_error(data: bytes) -> str:
    """What the engine says of input that is not a page: the commands must pass it on unchanged."""
    with pytest.raises(PageError) as raised:
        reconstruct_page(data)
    return str(raised.value)


def _page_file(folder: Path, name: str = "fazhi_2025-01-24_02.txt", data: bytes | None = None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        shutil.copyfile(SEED, path)
    else:
        path.write_bytes(data)
    return path


# reconstruct


def test_reconstruct_json_prints_the_engine_page_with_the_file_name_and_needs_no_database(
    django_db_blocker: Any,
) -> None:
    expected = reconstruct_page(SEED.read_bytes()).to_json() | {"source": SEED.name}

    with django_db_blocker.block():  # any query, or even a connection, would raise here
        out, _ = _run("reconstruct", str(SEED), "--json")

    assert json.loads(out) == expected
    assert "法治动态" in out  # ensure_ascii=False: Chinese as Chinese, not \u escapes


def test_reconstruct_summary_prints_a_line_per_article(django_db_blocker: Any) -> None:
    page = reconstruct_page(SEED.read_bytes())

    with django_db_blocker.block():
        out, _ = _run("reconstruct", str(SEED))

    lines = out.splitlines()
    assert lines[0].startswith(f"{SEED.name}: {len(page.articles)} articles, {page.line_count} lines")
    first = page.articles[0]
    assert lines[1].split()[:2] == [str(first.position), first.kind]
    assert f"lines {first.lines[0]}-{first.lines[1]}" in lines[1]
    assert len([line for line in lines[1:] if not line.startswith("unmatched")]) == len(page.articles)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("missing.txt", None, "没有这个文件"),
        ("folder.txt", "dir", "是文件夹，不是版面文件"),
        ("empty.txt", b"", "engine"),
        ("binary.txt", BINARY, "engine"),
    ],
)
def test_reconstruct_refuses_what_is_not_a_page_file_in_one_line(
    tmp_path: Path, django_db_blocker: Any, name: str, data: bytes | str | None, reason: str
) -> None:
    path = tmp_path / name
    if data == "dir":
        path.mkdir()
    elif isinstance(data, bytes):
        path.write_bytes(data)
        reason = _engine_error(data)

    with django_db_blocker.block():
        error, out, _ = _run_failing("reconstruct", str(path))

    assert str(error) == f"{path}: {reason}"
    assert out == ""


def test_reconstruct_from_the_command_line_exits_1_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], django_db_blocker: Any
) -> None:
    path = _page_file(tmp_path, data=b"")

    with django_db_blocker.block(), pytest.raises(SystemExit) as exited:
        ReconstructCommand().run_from_argv(["manage.py", "reconstruct", str(path)])

    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err == f"CommandError: {path}: {_engine_error(b'')}\n"


# ingest


@pytest.mark.django_db
def test_ingest_prints_a_line_per_file_and_a_summary(tmp_path: Path) -> None:
    path = _page_file(tmp_path)
    count = len(reconstruct_page(SEED.read_bytes()).articles)

    out, err = _run("ingest", str(path), "--paper", PAPER)

    assert out.splitlines() == [
        f"{path}: 已新建，{count} 篇稿件（法治日报 2025-01-24 第2版）",
        "共 1 个文件：已新建 1，未改动 0，已替换 0，未收入 0",
    ]
    assert err == ""
    page = models.Page.objects.get()
    assert (str(page.issue.date), page.number, page.source_name) == ("2025-01-24", 2, path.name)
    assert page.articles.count() == count


@pytest.mark.django_db
def test_ingest_of_the_same_file_again_is_unchanged(tmp_path: Path) -> None:
    path = _page_file(tmp_path)
    _run("ingest", str(path), "--paper", PAPER)
    ids = set(models.Article.objects.values_list("pk", flat=True))

    out, _ = _run("ingest", str(path), "--paper", PAPER)

    assert out.splitlines() == [
        f"{path}: 未改动：与已收入的文件相同（法治日报 2025-01-24 第2版）",
        "共 1 个文件：已新建 0，未改动 1，已替换 0，未收入 0",
    ]
    assert set(models.Article.objects.values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_ingest_of_a_changed_file_replaces_the_page(tmp_path: Path) -> None:
    path = _page_file(tmp_path)
    _run("ingest", str(path), "--paper", PAPER)
    path.write_bytes(SEED.read_bytes().replace("江苏".encode(), "浙江".encode()))
    count = len(reconstruct_page(path.read_bytes()).articles)

    out, _ = _run("ingest", str(path), "--paper", PAPER)

    assert out.splitlines()[0] == f"{path}: 已替换，现有 {count} 篇稿件（法治日报 2025-01-24 第2版）"
    assert models.PageVersion.objects.count() == 1
    assert b"\xe6\xb5\x99\xe6\xb1\x9f" in bytes(models.Page.objects.get().raw)  # 浙江


@pytest.mark.django_db
def test_ingest_of_a_changed_file_over_edited_articles_keeps_them_for_review(tmp_path: Path) -> None:
    path = _page_file(tmp_path)
    _run("ingest", str(path), "--paper", PAPER)
    models.Article.objects.filter(position=1).update(title="编辑改过的标题", edited=True)
    path.write_bytes(SEED.read_bytes() + "\n补充的一行文字\n".encode())

    out, _ = _run("ingest", str(path), "--paper", PAPER)

    assert out.splitlines() == [
        f"{path}: 待审核：文件有变，但编辑改过本版稿件（法治日报 2025-01-24 第2版），需要编辑查看；"
        "如要替换，加 --force 重新导入（编辑改过的版本仍可查）",
        "共 1 个文件：已新建 0，未改动 0，已替换 0，待审核 1，未收入 0",
    ]
    assert models.Article.objects.get(position=1).title == "编辑改过的标题"
    assert models.Page.objects.get().needs_review


@pytest.mark.django_db
def test_ingest_takes_date_and_page_from_a_dated_folder(tmp_path: Path) -> None:
    path = _page_file(tmp_path, "2025-01-24/03.txt")

    out, _ = _run("ingest", str(path), "--paper", PAPER)

    assert "（法治日报 2025-01-24 第3版）" in out
    assert models.Page.objects.get().source_name == "2025-01-24/03.txt"


@pytest.mark.django_db
def test_ingest_options_override_the_file_name(tmp_path: Path) -> None:
    path = _page_file(tmp_path, "page.txt")

    out, _ = _run("ingest", str(path), "--paper", PAPER, "--date", "2025-01-25", "--page", "4")

    assert "（法治日报 2025-01-25 第4版）" in out


@pytest.mark.django_db
def test_ingest_reads_a_gb18030_page(tmp_path: Path) -> None:
    data = SEED.read_text(encoding="utf-8").encode("gb18030")
    path = _page_file(tmp_path, data=data)
    engine = reconstruct_page(data)

    out, err = _run("ingest", str(path), "--paper", PAPER)

    assert err == ""
    assert f"已新建，{len(engine.articles)} 篇稿件" in out
    page = models.Page.objects.get()
    assert page.encoding == engine.encoding
    assert bytes(page.raw) == data
    titles = list(page.articles.order_by("position").values_list("title", flat=True))
    assert titles == [a.title or "" for a in reconstruct_page(SEED.read_bytes()).articles]


def _bad_inputs(tmp_path: Path) -> list[tuple[Path, str]]:
    """Each bad input and the exact reason the command must give for it."""
    empty = _page_file(tmp_path / "empty", data=b"")
    binary = _page_file(tmp_path / "binary", data=BINARY)
    undecodable = b"\xff\xfe\xfa\xfb" * 200
    not_text = _page_file(tmp_path / "undecodable", data=undecodable)
    no_date = _page_file(tmp_path, "fazhi_2025-02-30_02.txt")
    unnamed = _page_file(tmp_path, "page.txt")
    folder = tmp_path / "fazhi_2025-01-24_05.txt"
    folder.mkdir()
    big = tmp_path / "fazhi_2025-01-24_06.txt"
    with big.open("wb") as file:
        file.truncate(ingest.MAX_PAGE_BYTES + 1)
    patterns = ingest.PAGE_NAME_PATTERNS
    return [
        (empty, _engine_error(b"")),
        (binary, _engine_error(BINARY)),
        (not_text, _engine_error(undecodable)),
        (no_date, "2025-02-30 不是日期（应为 YYYY-MM-DD）"),
        (unnamed, f"文件名里没有出版日期；请按 {patterns} 命名，或用 --date 指定"),
        (tmp_path / "fazhi_2025-01-24_07.txt", "没有这个文件"),
        (folder, "是文件夹，不是版面文件"),
        (big, "文件太大，不像一个版面（5.0 MB，上限 5 MB）"),
    ]


@pytest.mark.django_db
def test_ingest_gives_each_bad_file_one_line_and_writes_nothing_for_it(tmp_path: Path) -> None:
    for path, reason in _bad_inputs(tmp_path):
        error, out, err = _run_failing("ingest", str(path), "--paper", PAPER)

        assert err == f"{path}: {reason}\n"
        assert out == "共 1 个文件：已新建 0，未改动 0，已替换 0，未收入 1\n"
        assert str(error) == "1 个文件中有 1 个未收入"
        assert error.returncode == 1
    assert models.Page.objects.count() == 0
    assert models.Newspaper.objects.count() == 0


@pytest.mark.django_db
def test_ingest_batch_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    first = _page_file(tmp_path, "fazhi_2025-01-24_01.txt")
    bad = _page_file(tmp_path, "fazhi_2025-01-24_02.txt", data=b"")
    last = _page_file(tmp_path, "fazhi_2025-01-24_03.txt")

    error, out, err = _run_failing("ingest", str(first), str(bad), str(last), "--paper", PAPER)

    assert err == f"{bad}: {_engine_error(b'')}\n"
    lines = out.splitlines()
    assert lines[0].startswith(f"{first}: 已新建，")
    assert lines[1].startswith(f"{last}: 已新建，")
    assert lines[2] == "共 3 个文件：已新建 2，未改动 0，已替换 0，未收入 1"
    assert str(error) == "3 个文件中有 1 个未收入"
    assert sorted(models.Page.objects.values_list("number", flat=True)) == [1, 3]


@pytest.mark.django_db(transaction=True)
def test_ingest_from_the_command_line_exits_1_after_a_failure_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _page_file(tmp_path)
    missing = tmp_path / "fazhi_2025-01-24_03.txt"

    with pytest.raises(SystemExit) as exited:
        IngestCommand().run_from_argv(["manage.py", "ingest", str(good), str(missing), "--paper", PAPER])

    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == f"{missing}: 没有这个文件\nCommandError: 2 个文件中有 1 个未收入\n"
    assert "共 2 个文件：已新建 1，未改动 0，已替换 0，未收入 1" in captured.out
    assert models.Page.objects.count() == 1


@pytest.mark.django_db
def test_ingest_refuses_a_date_option_that_is_no_date(tmp_path: Path) -> None:
    error, _, _ = _run_failing("ingest", str(_page_file(tmp_path)), "--paper", PAPER, "--date", "2025-02-30")

    assert str(error) == "Error: argument --date: 2025-02-30 不是日期（应为 YYYY-MM-DD）"


@pytest.mark.django_db
def test_ingest_refuses_one_page_number_for_several_files(tmp_path: Path) -> None:
    first = _page_file(tmp_path, "fazhi_2025-01-24_01.txt")
    second = _page_file(tmp_path, "fazhi_2025-01-24_02.txt")

    error, _, _ = _run_failing("ingest", str(first), str(second), "--paper", PAPER, "--page", "2")

    assert str(error) == "--page 只能用于单个文件，这次给了 2 个文件"
    assert models.Page.objects.count() == 0


@pytest.mark.django_db
def test_ingest_reports_progress_on_long_batches(tmp_path: Path) -> None:
    paths = [str(_page_file(tmp_path, f"x_2025-01-24_{number:02}.txt")) for number in range(1, 52)]

    out, err = _run("ingest", *paths, "--paper", PAPER, "--verbosity", "0")

    assert out == "共 51 个文件：已新建 51，未改动 0，已替换 0，未收入 0\n"
    assert [line.split(" 个文件，")[0] for line in err.splitlines()] == ["[50/51", "[51/51"]


# export


def _ingest_seed(tmp_path: Path, *names: str) -> None:
    paths = [str(_page_file(tmp_path, name)) for name in names or ("fazhi_2025-01-24_02.txt",)]
    _run("ingest", *paths, "--paper", PAPER)


@pytest.mark.django_db
def test_export_prints_the_issue_with_article_ids_in_the_engine_shape(tmp_path: Path) -> None:
    _ingest_seed(tmp_path)
    engine = reconstruct_page(SEED.read_bytes())

    out, _ = _run("export", "--paper", PAPER, "--date", "2025-01-24")

    document = json.loads(out)
    assert (document["paper"], document["date"]) == (PAPER, "2025-01-24")
    (page,) = document["pages"]
    assert {k: v for k, v in page.items() if k != "articles"} == {
        "number": 2,
        "section": engine.section,
        "proofreader": engine.proofreader,
        "source": SEED.name,
        "encoding": engine.encoding,
        "unmatched_headlines": [h.to_json() for h in engine.unmatched_headlines],
    }
    ids = list(models.Article.objects.in_print_order().values_list("pk", flat=True))
    assert page["articles"] == [
        {"id": pk} | article.to_json() | UNLINKED for pk, article in zip(ids, engine.articles, strict=True)
    ]


@pytest.mark.django_db
def test_export_of_one_page(tmp_path: Path) -> None:
    _ingest_seed(tmp_path, "fazhi_2025-01-24_02.txt", "fazhi_2025-01-24_03.txt")

    out, _ = _run("export", "--paper", PAPER, "--date", "2025-01-24", "--page", "3")

    assert [page["number"] for page in json.loads(out)["pages"]] == [3]


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_pages_or_articles(
    tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    _ingest_seed(tmp_path, *(f"fazhi_2025-01-24_{n:02}.txt" for n in range(1, 6)))

    # pages, articles, paragraphs, bylines with people
    with django_assert_max_num_queries(4):
        out, _ = _run("export", "--paper", PAPER, "--date", "2025-01-24")

    assert len(json.loads(out)["pages"]) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--paper", "人民日报", "--date", "2025-01-24"], "no newspaper named '人民日报' (known: 法治日报)"),
        (["--paper", PAPER, "--date", "2025-01-25"], "法治日报 has no issue dated 2025-01-25"),
        (
            ["--paper", PAPER, "--date", "2025-01-24", "--page", "9"],
            "法治日报 2025-01-24 has no page 9 (pages: 2)",
        ),
        (
            ["--paper", PAPER, "--date", "2025-02-30"],
            "Error: argument --date: 2025-02-30 不是日期（应为 YYYY-MM-DD）",
        ),
    ],
)
def test_export_says_what_is_missing(tmp_path: Path, args: list[str], message: str) -> None:
    _ingest_seed(tmp_path)

    error, out, _ = _run_failing("export", *args)

    assert str(error) == message
    assert out == ""

"""The admin's upload page (上传版面) through Django's test client: who may use it, each file's outcome in the
command's words, nothing written for a bad file, the limits of one upload, CSRF.
"""

from __future__ import annotations

import re
from html import unescape
from io import StringIO
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.urls import reverse

from articles import ingest, models
from articles.admin import upload
from articles.reconstruct.page import reconstruct_page

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = FIXTURES / "pages" / "fazhi_2025-01-24_02.txt"
JUMPS = [FIXTURES / "jumps" / "jump_2025-01-25_01.txt", FIXTURES / "jumps" / "jump_2025-01-25_02.txt"]
PAPER = "法治日报"
BINARY = bytes(range(256)) * 8
URL = "/admin/articles/page/upload/"
TAGS = re.compile(r"<[^>]+>")


def _file(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SEED.read_bytes() if data is None else data, content_type="text/plain")


def _post(client: Client, *files: SimpleUploadedFile, paper: str = PAPER, **fields: Any) -> Any:
    return client.post(URL, {"paper": paper, "files": list(files), **fields})


def _outcomes(response: Any) -> dict[str, tuple[str, str]]:
    """Each file's row on the result page: file name -> (result, what it says)."""
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(
        r'<td class="nr-file"[^>]*>(.*?)</td>\s*<td class="nr-result"[^>]*>(.*?)</td>\s*'
        r'<td class="nr-said"[^>]*>(.*?)</td>',
        html,
        re.S,
    )
    return {
        unescape(name): (TAGS.sub("", result).strip(), unescape(said).strip()) for name, result, said in rows
    }


def _editor(*codenames: str) -> User:
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


# -- Who may upload --------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_the_login_and_nothing_is_written(client: Client) -> None:
    for response in (client.get(URL), _post(client, _file("fazhi_2025-01-24_02.txt"))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert models.Page.objects.count() == 0


def test_a_logged_in_reader_who_is_not_staff_is_sent_to_the_login(client: Client) -> None:
    client.force_login(User.objects.create_user("reader", password="x"))
    response = _post(client, _file("fazhi_2025-01-24_02.txt"))
    assert response.status_code == 302
    assert models.Page.objects.count() == 0


def test_staff_who_may_not_add_pages_are_refused(client: Client) -> None:
    client.force_login(_editor("view_page", "change_page", "change_article"))
    assert client.get(URL).status_code == 403
    assert _post(client, _file("fazhi_2025-01-24_02.txt")).status_code == 403
    assert models.Page.objects.count() == 0


def test_staff_who_may_add_pages_upload_and_find_the_page_linked(client: Client) -> None:
    client.force_login(_editor("add_page", "view_page"))
    form = client.get(URL)
    assert form.status_code == 200
    assert 'type="file"' in form.content.decode() and "multiple" in form.content.decode()

    response = _post(client, _file("fazhi_2025-01-24_02.txt"))

    page = models.Page.objects.get()
    count = len(reconstruct_page(SEED.read_bytes()).articles)
    assert _outcomes(response) == {"fazhi_2025-01-24_02.txt": ("已新建", f"新建版面，{count} 篇稿件。")}
    html = response.content.decode()
    assert reverse("admin:articles_page_change", args=[page.pk]) in html
    assert reverse("articles:page", args=[page.issue.newspaper.slug, page.issue.date, 2]) in html
    assert (page.issue.newspaper.name, page.issue.date.isoformat(), page.number) == (PAPER, "2025-01-24", 2)
    assert page.source_name == "fazhi_2025-01-24_02.txt"
    assert bytes(page.raw) == SEED.read_bytes()


def test_the_upload_is_linked_from_the_admin_index_and_the_pages_list(admin_client: Client) -> None:
    for url in (reverse("admin:index"), reverse("admin:articles_page_changelist")):
        assert f'href="{URL}"' in admin_client.get(url).content.decode(), url


def test_csrf_is_checked_once_the_upload_is_read(tmp_path: Path) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("boss", password="x"))
    assert _post(client, _file("fazhi_2025-01-24_02.txt")).status_code == 403
    assert models.Page.objects.count() == 0

    client.get(URL)
    token = client.cookies["csrftoken"].value
    response = _post(client, _file("fazhi_2025-01-24_02.txt"), csrfmiddlewaretoken=token)
    assert _outcomes(response)["fazhi_2025-01-24_02.txt"][0] == "已新建"


# -- Each file's outcome ---------------------------------------------------------------------------


def _command_reason(tmp_path: Path, name: str, data: bytes) -> str:
    """What `manage.py ingest` says of the same file: its reason, after the file's name."""
    path = tmp_path / "command" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), "--paper", PAPER, stdout=StringIO(), stderr=err)
    return err.getvalue().removeprefix(f"{path}: ").rstrip("\n")


def test_two_good_files_are_stored_and_each_bad_one_is_refused_in_the_commands_words(
    admin_client: Client, tmp_path: Path
) -> None:
    bad = {
        "empty_2025-01-25_03.txt": b"",
        "scan_2025-01-25_04.txt": BINARY,
        "latin1_2025-01-25_05.txt": b"\xff\xfe\xfa\xfb" * 200,
        "huge_2025-01-25_06.txt": b"x" * (ingest.MAX_PAGE_BYTES + 1),
        "notes_2025-01-25_07.txt": "这是一行字。\n".encode() * 3,  # text, but no page
    }
    reasons = {name: _command_reason(tmp_path, name, data) for name, data in bad.items()}
    assert reasons["huge_2025-01-25_06.txt"] == "文件太大，不像一个版面（5.0 MB，上限 5 MB）"
    assert reasons["scan_2025-01-25_04.txt"] == "文件是二进制数据，不是文本"
    files = [
        _file(JUMPS[0].name, JUMPS[0].read_bytes()),
        *(_file(name, data) for name, data in bad.items()),
        _file("page.txt"),
        _file("fazhi_2025-02-30_02.txt"),
        _file(JUMPS[1].name, JUMPS[1].read_bytes()),
    ]

    response = _post(admin_client, *files, paper="跨版示例")

    outcomes = _outcomes(response)
    assert list(outcomes) == [f.name for f in files]  # in the order given
    assert outcomes[JUMPS[0].name][0] == outcomes[JUMPS[1].name][0] == "已新建"
    for name in bad:
        assert outcomes[name] == ("未收入", f"没有写入：{reasons[name]}"), name
    patterns = ingest.PAGE_NAME_PATTERNS
    assert outcomes["page.txt"] == (
        "未收入",
        f"没有写入：文件名里没有出版日期；请按 {patterns} 命名，或在表单里填写出版日期",
    )
    assert outcomes["fazhi_2025-02-30_02.txt"] == (
        "未收入",
        "没有写入：2025-02-30 不是日期（应为 YYYY-MM-DD）",
    )
    assert "共 9 个文件：已新建 2 个，未收入 7 个。" in response.content.decode()
    # Nothing of the bad files, all of the good ones.
    assert sorted(models.Page.objects.values_list("number", flat=True)) == [1, 2]
    assert models.Issue.objects.count() == 1
    assert list(models.Newspaper.objects.values_list("name", flat=True)) == ["跨版示例"]
    engine = sum(len(reconstruct_page(path.read_bytes()).articles) for path in JUMPS)
    assert models.Article.objects.count() == engine


def test_a_batch_of_only_bad_files_writes_nothing_at_all(admin_client: Client) -> None:
    response = _post(admin_client, _file("a_2025-01-24_01.txt", b""), _file("b_2025-01-24_02.txt", BINARY))
    assert [result for result, _ in _outcomes(response).values()] == ["未收入", "未收入"]
    assert (
        models.Page.objects.count() == models.Issue.objects.count() == models.Newspaper.objects.count() == 0
    )


def test_the_same_file_again_is_unchanged_and_a_changed_one_replaces_the_page(admin_client: Client) -> None:
    name = "fazhi_2025-01-24_02.txt"
    _post(admin_client, _file(name))

    assert _outcomes(_post(admin_client, _file(name)))[name] == ("未改动", "与已收入的文件相同，没有改动。")

    changed = SEED.read_bytes().replace("江苏".encode(), "浙江".encode())
    count = len(reconstruct_page(changed).articles)
    assert _outcomes(_post(admin_client, _file(name, changed)))[name] == (
        "已替换",
        f"文件有变，已替换，现有 {count} 篇稿件。",
    )
    assert models.PageVersion.objects.count() == 1


def test_a_changed_file_over_an_edited_page_is_held_for_review_unless_forced(admin_client: Client) -> None:
    name = "fazhi_2025-01-24_02.txt"
    _post(admin_client, _file(name))
    models.Article.objects.filter(position=1).update(title="编辑改过的标题", edited=True)
    changed = SEED.read_bytes() + "\n补充的一行文字\n".encode()

    result, said = _outcomes(_post(admin_client, _file(name, changed)))[name]

    assert result == "待审核"
    assert said.startswith(models.Page.objects.get().review_reason)
    assert models.Article.objects.get(position=1).title == "编辑改过的标题"

    result, _ = _outcomes(_post(admin_client, _file(name, changed), force="on"))[name]
    assert result == "已替换"
    assert not models.Article.objects.filter(title="编辑改过的标题").exists()


def test_the_date_and_page_given_override_the_file_name(admin_client: Client) -> None:
    _post(admin_client, _file("page.txt"), date="2025-01-25", number="4")
    page = models.Page.objects.select_related("issue").get()
    assert (page.issue.date.isoformat(), page.number, page.source_name) == ("2025-01-25", 4, "page.txt")


def test_a_page_number_for_several_files_is_refused_before_anything_is_written(admin_client: Client) -> None:
    response = _post(admin_client, _file("x_2025-01-24_01.txt"), _file("x_2025-01-24_02.txt"), number="2")
    assert response.status_code == 200
    assert "版次只能用于单个文件，这次选了 2 个文件。" in response.content.decode()
    assert models.Page.objects.count() == 0


def test_no_paper_or_no_file_is_a_form_error(admin_client: Client) -> None:
    for data in ({"paper": "  ", "files": [_file("x_2025-01-24_01.txt")]}, {"paper": PAPER}):
        response = admin_client.post(URL, data)
        assert response.status_code == 200
        assert "请改正下面的错误。" in response.content.decode()
        assert "这个字段是必填项。" in response.content.decode()
    assert models.Page.objects.count() == 0


# -- The limits of one upload ----------------------------------------------------------------------


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=2)
def test_more_files_than_django_takes_is_said_on_the_page_not_a_500(admin_client: Client) -> None:
    files = [_file(f"x_2025-01-24_{n:02}.txt") for n in range(1, 4)]
    response = _post(admin_client, *files)
    assert response.status_code == 200
    assert "一次最多上传 2 个文件" in response.content.decode()
    assert models.Page.objects.count() == 0


def test_more_bytes_than_one_upload_may_carry_is_said_on_the_page(admin_client: Client) -> None:
    with mock.patch.object(upload, "UPLOAD_MAX_BYTES", 50_000):
        response = _post(admin_client, _file("x_2025-01-24_01.txt"), _file("x_2025-01-24_02.txt"))
    assert response.status_code == 200
    assert "一次上传的文件太大" in response.content.decode()
    assert models.Page.objects.count() == 0


def test_a_file_over_the_memory_limit_is_read_from_disk_like_any_other(admin_client: Client) -> None:
    # Django keeps an upload over FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file instead of memory.
    with override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = _post(admin_client, _file("fazhi_2025-01-24_02.txt"))
    assert _outcomes(response)["fazhi_2025-01-24_02.txt"][0] == "已新建"
    assert bytes(models.Page.objects.get().raw) == SEED.read_bytes()

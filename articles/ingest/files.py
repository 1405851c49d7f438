"""Page files: where a page goes from its file's name (paper's issue date, page number), and whether its bytes
may be a page at all (size). Nothing here touches the database."""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

from articles.reconstruct.values import PageError

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a dense broadsheet page is under 100 KB of text

PAGE_FILE_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_(\d+)\.txt$")  # fazhi_2025-01-24_02.txt
PAGE_DIR_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})$")  # 2025-01-24 (holding 02.txt)
PAGE_NUMBER_NAME = re.compile(r"^(\d+)\.txt$")  # 02.txt
PAGE_NAME_PATTERNS = "<任意名称>_YYYY-MM-DD_NN.txt（如 fazhi_2025-01-24_02.txt）或 YYYY-MM-DD/NN.txt"


def page_file_read(*, path: Path) -> bytes:
    """The bytes of a page file, or a PageError saying in words why there are none."""
    try:
        if path.is_dir():
            raise PageError("是文件夹，不是版面文件")
        size = path.stat().st_size
        page_size_check(size)
        return path.read_bytes()
    except FileNotFoundError:
        raise PageError("没有这个文件") from None
    except PermissionError:
        raise PageError("无法读取：没有权限") from None
    except OSError as exc:
        raise PageError(f"无法读取：{exc.strerror or exc}") from None


def page_name_parse(*, path: Path) -> tuple[str | None, str | None]:
    """The date and page number a file's path spells, as text; None for what it does not spell.

    >>> page_name_parse(path=Path("in/fazhi_2025-01-24_02.txt"))
    ('2025-01-24', '02')
    >>> page_name_parse(path=Path("in/2025-01-24/02.txt"))
    ('2025-01-24', '02')
    """
    if match := PAGE_FILE_NAME.search(path.name):
        return match[1], match[2]
    number = PAGE_NUMBER_NAME.match(path.name)
    folder = PAGE_DIR_NAME.match(path.parent.name)
    if number and folder:
        return folder[1], number[1]
    return None, None


def page_address(
    *, name: Path, date: datetime.date | None, number: int | None, date_hint: str, page_hint: str
) -> tuple[datetime.date, int]:
    """The issue date and page number of a file: as given, else as its name spells them; a PageError
    saying why not. date_hint and page_hint say how the caller lets a user give them ("用 --date 指定").

    >>> page_address(name=Path("fazhi_2025-01-24_02.txt"), date=None, number=None, date_hint="", page_hint="")
    (datetime.date(2025, 1, 24), 2)
    """
    name_date, name_page = page_name_parse(path=name)
    if date is None:
        if name_date is None:
            raise PageError(f"文件名里没有出版日期；请按 {PAGE_NAME_PATTERNS} 命名，或{date_hint}")
        date = issue_date_parse(name_date)
    if number is None:
        if name_page is None:
            raise PageError(f"文件名里没有版次；请按 {PAGE_NAME_PATTERNS} 命名，或{page_hint}")
        number = page_number_parse(name_page)
    return date, number


def page_source_name(path: Path) -> str:
    """The name a page keeps of its file (Page.source_name): the file's name, with its date folder when the
    folder is what dates it (2025-01-24/02.txt)."""
    if PAGE_DIR_NAME.match(path.parent.name) and PAGE_NUMBER_NAME.match(path.name):
        return f"{path.parent.name}/{path.name}"
    return path.name


def issue_date_parse(text: str) -> datetime.date:
    """An issue date written YYYY-MM-DD; PageError when it is no date (2025-02-30)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise PageError(f"{text} 不是日期（应为 YYYY-MM-DD）") from None


def page_number_parse(text: str) -> int:
    """A page number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise PageError(f"{text} 不是版次（应为 1 或更大的整数）")
    return int(text)


def page_size_check(size: int) -> None:
    """PageError for more bytes than a page file can have."""
    if size > MAX_PAGE_BYTES:
        raise PageError(
            f"文件太大，不像一个版面（{size / 1024 / 1024:.1f} MB，上限 {MAX_PAGE_BYTES // 1024 // 1024} MB）"
        )


def content_digest(data: bytes) -> str:
    """The hash a page's bytes are known by (Page.content_hash): the same bytes again change nothing."""
    return hashlib.sha256(data).hexdigest()

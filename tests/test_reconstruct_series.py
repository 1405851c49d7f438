"""A digest of items set out alike (提案提要: each item a title, then 提案人：… 案由：… 建议：…, closed by its note):
one story, however its items are set, and never run into the story above it. Each with the smallest page
that shows it. No database."""

from __future__ import annotations

from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import Page

COLUMN = 16
BUS_ITEM = (
    "开通夜间公交专线",
    "提案人：市政协委员张明",
    "案由：不少市民下班时间晚，夜间公交线路少，车次间隔长，出行不便，打车费用也高。",
    "建议：在客流大的线路开通夜间专线，延长末班车时间，在站台公布车次信息，方便市民出行。",
)
CANTEEN_ITEM = (
    "办好社区老年食堂",
    "提案人：市政协委员李华",
    "案由：老旧小区的老年人多，做饭难、吃饭难，社区周边缺少价格合适、口味清淡的餐馆。",
    "建议：由街道牵头利用闲置用房开办老年食堂，给予场地和水电补贴，引入专业团队经营管理。",
)
NOTE = "（文 华整理）"
BOOKS = (("风云初记", "孙犁"), ("铁道游击队", "知侠"), ("保卫延安", "杜鹏程"), ("三里湾", "赵树理"))
WEATHER = (
    "本报北京3月2日电 记者王强 中央气象台预计，今明两天南方多地有小到中雨，局地大雨。",
    "气象专家提醒，雨天路面湿滑，公众出行需关注天气预报和路况信息，谨慎驾驶，注意安全。",
)


def page(*lines: str) -> Page:
    return reconstruct_page(("\n".join(lines) + "\n").encode("utf-8"))


def para(text: str, width: int = COLUMN) -> list[str]:
    """A paragraph as a PDF tool gives it: indented, broken at the column width."""
    lines = ["\u3000\u3000" + text[: width - 2]]
    rest = text[width - 2 :]
    return lines + [rest[i : i + width] for i in range(0, len(rest), width)]


def flush(text: str, width: int = COLUMN) -> list[str]:
    """A paragraph as a PDF tool that drops leading blanks gives it: flush, broken at the column's width."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def indented_item(item: tuple[str, ...]) -> list[str]:
    """An item every line of which is set as a paragraph: its title and its short first field too."""
    return [line for text in (*item, NOTE) for line in para(text)]


def flush_headed_item(item: tuple[str, ...]) -> list[str]:
    """An item whose title and short first field stand flush, as a page sets its subheads."""
    title, first, *fields = item
    return [title, first, *(line for text in (*fields, NOTE) for line in para(text))]


def flush_item(item: tuple[str, ...]) -> list[str]:
    """An item on a page without indents: every line flush."""
    return [line for text in (*item, NOTE) for line in flush(text)]


def weather() -> list[str]:
    """A report with its headline above it, set before the digest: a page's first short line is its
    section's name (法治动态), not a headline."""
    return ["南方多地有小到中雨", *para(WEATHER[0]), *para(WEATHER[1])]


def digest_of(articles: Page) -> list[str]:
    return [a.title or "" for a in articles.articles if "提案人" in a.text]


def test_items_each_closed_by_their_note_are_one_story() -> None:
    # A closing note ends a story, unless the paragraphs after it open with the same labels as the item
    # it closed: the next item of the same digest.
    result = page(*weather(), "提案提要", *indented_item(BUS_ITEM), *indented_item(CANTEEN_ITEM))
    assert digest_of(result) == ["提案提要"]
    [digest] = [a for a in result.articles if "提案人" in a.text]
    assert "夜间专线" in digest.text and "老年食堂" in digest.text
    assert [p.text for p in digest.paragraphs][:2] == ["开通夜间公交专线", "提案人：市政协委员张明"]


def test_an_items_short_first_field_set_flush_is_text_not_a_headline() -> None:
    # 提案人：市政协委员张明 stands flush like a subtitle, but over 案由：… it is the first of the item's fields.
    result = page(*weather(), "提案提要", *flush_headed_item(BUS_ITEM), *flush_headed_item(CANTEEN_ITEM))
    assert digest_of(result) == ["提案提要"]
    [digest] = [a for a in result.articles if "提案人" in a.text]
    texts = [p.text for p in digest.paragraphs]
    assert "提案人：市政协委员张明" in texts and "提案人：市政协委员李华" in texts


def test_without_indents_each_field_is_a_paragraph_of_its_own() -> None:
    # 案由：…经营管理。 fills its last line to the column's end and ends a sentence: with no indent to tell,
    # the next line opening with another of the item's labels begins the next field.
    full_end = (
        "案由：老旧小区的老年人多，做饭难、吃饭难，周边缺少价格合适、口味清淡的小餐馆，老人吃饭只好凑合。"
    )
    assert len(full_end) % COLUMN == 0
    canteen = (*CANTEEN_ITEM[:2], full_end, CANTEEN_ITEM[3])
    result = page(*weather(), "提案提要", "", *flush_item(BUS_ITEM), *flush_item(canteen))
    [digest] = [a for a in result.articles if "提案人" in a.text]
    texts = [p.text for p in digest.paragraphs]
    assert full_end in texts and CANTEEN_ITEM[3] in texts


def test_the_first_items_title_is_text_when_the_digests_headline_stands_elsewhere() -> None:
    # Headlines in a block after the stories: the line right above the first item is that item's title, as
    # the second item's is, not the digest's headline.
    result = page(
        *para(WEATHER[0]),
        *para(WEATHER[1]),
        *flush_headed_item(BUS_ITEM),
        *flush_headed_item(CANTEEN_ITEM),
        "南方多地有小到中雨",
        "提案提要",
    )
    assert digest_of(result) == ["提案提要"]
    [digest] = [a for a in result.articles if "提案人" in a.text]
    assert digest.paragraphs[0].text == "开通夜间公交专线"


def test_a_story_does_not_run_into_a_digest_below_it() -> None:
    # The report above has no closing note and the digest no headline above it; the headline left over and
    # the items set alike say where the digest begins: at its first item's title.
    result = page(
        *para(WEATHER[0]),
        *para(WEATHER[1]),
        *indented_item(BUS_ITEM),
        *indented_item(CANTEEN_ITEM),
        "南方多地有小到中雨",
        "提案提要",
    )
    weather = next(a for a in result.articles if "气象" in a.text)
    assert "提案人" not in weather.text
    assert digest_of(result) == ["提案提要"]


def test_headlines_each_as_wide_as_the_column_are_not_read_as_text() -> None:
    # A block of headlines over a continuation on a page without indents, each line filling the column:
    # together longer than any running text goes without a comma or a full stop, they are headlines, not a
    # paragraph.
    block = ["城市夜间公交专线今起开通运营", "社区老年食堂办到了家门口了啦", "南方多地今明两天将有小到中雨"]
    assert all(len(line) == 14 for line in block)
    story = "夜间公交专线今起开通，首批三条线路覆盖主要客流走廊，末班车延至零点，市民出行更方便了。"
    result = page(*block, "（上接第2版）", *flush(story, 14))
    paragraphs = [p.text for a in result.articles for p in a.paragraphs]
    assert not any(line in text for line in block for text in paragraphs)
    assert [a.continued_from_page for a in result.articles] == [2]
    assert result.articles[0].title in block


def test_a_continuation_does_not_take_a_digest_below_it_as_its_end() -> None:
    # A story goes on here from page 1 under its jump headline, and the digest after it has no headline the
    # page shows (its name was read as the page's section): the items set alike are still a story of their
    # own, not the report's end.
    result = page(
        "雨天出行注意安全",
        "（上接第一版）",
        *para(WEATHER[1]),
        *indented_item(BUS_ITEM),
        *indented_item(CANTEEN_ITEM),
    )
    weather = next(a for a in result.articles if "气象" in a.text)
    assert weather.continued_from_page == 1
    assert "提案人" not in weather.text
    assert any("提案人" in a.text for a in result.articles)


def test_a_story_that_introduces_its_items_keeps_them() -> None:
    # The report's text ends with a colon over the items (…以下为部分提案摘要：): they are its own, even with a
    # headline left over on the page.
    intro = "本报北京3月2日电 记者王强 市政协会议期间，委员们共提交提案三百余件，以下为部分提案摘要："
    result = page(
        "委员提案摘登",
        *para(intro),
        *indented_item(BUS_ITEM),
        *indented_item(CANTEEN_ITEM),
        "南方多地有小到中雨",
    )
    report = next(a for a in result.articles if "三百余件" in a.text)
    assert "提案人：市政协委员张明" in report.text and "提案人：市政协委员李华" in report.text


def test_a_continuation_does_not_run_into_a_list_below_it() -> None:
    # A report goes on here from page 1; a list of books follows it, each a paragraph opening with one label,
    # its headline in the block: a story does not turn into a list where it goes on, so the list is another.
    books = [f"书名：{title}　　作者：{author}" for title, author in BOOKS]
    result = page(
        "（上接第一版）",
        *para(WEATHER[1]),
        *(line for book in books for line in para(book)),
        "",
        "雨天出行注意安全",
        "长篇小说典藏书目",
    )
    report = next(a for a in result.articles if a.continued_from_page == 1)
    assert "书名" not in report.text
    assert any(a.text.startswith("书名") for a in result.articles)

"""Pages of the wider family: stories without leads, headlines away from their stories, wrapped leads."""

from __future__ import annotations

from articles.reconstruct.headlines import roles
from articles.reconstruct.page import reconstruct_page


def para(text: str, width: int = 16) -> list[str]:
    """A paragraph as a PDF tool gives it: indented, broken at the column width."""
    out = ["\u3000\u3000" + text[: width - 2]]
    rest = text[width - 2 :]
    out += [rest[i : i + width] for i in range(0, len(rest), width)]
    return out


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


WETLAND = (
    "湿地保护区里候鸟成群，湿地面积逐年扩大，湿地公园成了市民休闲的去处。",
    "为保护湿地，当地关停了湿地周边的污染企业，湿地水质明显改善，鸟多了。",
)
SNAKE = (
    "蛇岛上的蝮蛇正在冬眠，守岛夫妇每天巡查蛇岛，防止有人上岛捕蛇。",
    "春节期间，守岛夫妇在蛇岛上贴起福字，蛇岛的年过得冷清又温暖。",
)


def test_two_leadless_stories_are_cut_where_their_headlines_fit() -> None:
    # No dateline, no byline: only the headlines after the stories say there are two and what each is about.
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "守岛夫妇在蛇岛过年",
            "湿地保护见成效",
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert "蝮蛇" not in result.articles[0].text and "湿地" not in result.articles[1].text


def test_an_unindented_headline_with_a_comma_after_a_short_last_line_is_a_headline() -> None:
    # On a page that indents its paragraphs, the last line of a paragraph stopping short ends it: the
    # unindented line below, comma and all, heads the next story instead of running on as its text.
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "守岛二十年，夫妇俩以岛为家",
            "守岛夫妇在蛇岛过年",
            *para(SNAKE[0] + SNAKE[1]),
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "湿地保护见成效"),
        ("守岛二十年，夫妇俩以岛为家", "守岛夫妇在蛇岛过年"),
    ]


def test_a_lead_set_on_lines_of_its_own_keeps_its_byline_and_the_text_after_it() -> None:
    # The dateline and byline end their line, and in a narrow column wrap onto a second, short line.
    result = reconstruct_page(
        page(
            "要闻",
            "华北将有降雪",
            "\u3000\u3000本报北京2月11日电 （记者",
            "赵贝佳）",
            "中央气象台预计，11日夜间至12",
            "日，华北北部等地有小雪，局地中",
            "雪。",
        )
    )
    (article,) = result.articles
    assert article.dateline is not None and article.dateline.place == "北京"
    assert [b.name for b in article.bylines] == ["赵贝佳"]
    assert len(article.paragraphs) == 1 and article.title == "华北将有降雪"


def test_headline_roles_from_cues_and_column_tags() -> None:
    assert roles(["守护冬眠的蝮蛇，高山夫妇——", "在蛇岛过年"]) == (
        "守护冬眠的蝮蛇，高山夫妇——",
        "在蛇岛过年",
        None,
    )
    assert roles(["某市湿地保护率超过70%", "这儿的湿地有人管（美丽中国）"])[0] == "某市湿地保护率超过70%"
    assert roles(["冲劲 韧劲 实劲（人民论坛）", "写在某某之际"]) == (
        None,
        "冲劲 韧劲 实劲（人民论坛）",
        "写在某某之际",
    )


def test_without_cues_the_shorter_of_two_headline_lines_is_the_title() -> None:
    assert roles(["普惠小微贷款增速加快", "工业中长期贷款保持平稳增长"]) == (
        None,
        "普惠小微贷款增速加快",
        "工业中长期贷款保持平稳增长",
    )
    assert roles(["某地累计投入超200亿元修复湿地", "湿地有人管"]) == (
        "某地累计投入超200亿元修复湿地",
        "湿地有人管",
        None,
    )

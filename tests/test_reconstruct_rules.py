"""One rule of the engine per test, each with the smallest page that shows it. No database."""

from __future__ import annotations

import subprocess
import sys

import pytest

from articles.reconstruct.bylines import page_number, parse_byline_block, parse_lead, parse_photo_credit
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.text import decode, despace
from articles.reconstruct.values import PageError

FILLER = "会议强调，要坚持以人民为中心的发展思想，推进法治建设，维护社会稳定。" * 2


def page(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


def para(text: str, width: int = 18) -> list[str]:
    """A paragraph as a PDF tool gives it: indented, broken at the column width."""
    out = ["\u3000\u3000" + text[: width - 2]]
    rest = text[width - 2 :]
    out += [rest[i : i + width] for i in range(0, len(rest), width)]
    return out


# -- decoding and bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空的"),
        (b"  \n\n \r\n", "空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "二进制"),
        (b"\xa0\xff" * 300, "既不是 UTF-8 也不是 GB18030"),
        (b"just some english text, no newspaper here\n" * 20, "不像中文报纸的版面"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "not-chinese"],
)
def test_bad_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(PageError, match=message):
        reconstruct_page(data)


def test_huge_input_is_refused_before_any_work() -> None:
    with pytest.raises(PageError, match="太大"):
        reconstruct_page(b"\xe6\xb3\x95" * (2 * 1024 * 1024))


def test_gb18030_and_utf8_with_bom_decode_to_the_same_text() -> None:
    text = "法治日报\n　　本报讯 记者黄洁 北京"
    assert decode(text.encode("gb18030"))[0] == decode(text.encode("utf-8-sig"))[0] == text


# -- lines and paragraphs ---------------------------------------------------------------------------


def test_broken_lines_rejoin_into_one_paragraph_without_stray_spaces() -> None:
    result = reconstruct_page(page(*para("本报讯 记者黄洁 " + FILLER)))
    (only,) = result.articles[0].paragraphs
    assert only.text == "本报讯 记者黄洁 " + FILLER
    assert only.lines == (1, 1 + len(para("本报讯 记者黄洁 " + FILLER)) - 1)


def test_line_numbers_count_empty_lines_between_lines() -> None:
    result = reconstruct_page("\n\n".join(para("本报讯 记者黄洁 " + FILLER)).encode())
    (only,) = result.articles[0].paragraphs
    assert only.lines[0] == 1
    assert only.lines[1] == 2 * len(para("本报讯 记者黄洁 " + FILLER)) - 1


def test_letter_spaced_justified_line_loses_its_spaces() -> None:
    assert despace("两 会 顺 利 召 开 营 造 良 好 的 政 治社会") == "两会顺利召开营造良好的政治社会"
    assert despace("展新成效。2 0 2 5年，全市") == "展新成效。2025年，全市"


def test_a_letter_spaced_decimal_percent_ellipsis_and_dot_close_up_as_the_digits_do() -> None:
    # Its spaces kept, 14 . 7 % ran the line two cells past the column: a headline's width, not text's.
    line = "民 间 投 资 增 长 1 4 . 7 % ， 占 全 市 投 资 的 4"
    assert despace(line) == "民间投资增长14.7%，占全市投资的4"
    # …and so do an ellipsis, a dash, a name's dot and a roman numeral.
    assert despace("逛 庙 会 … … 中 国 春 节") == "逛庙会……中国春节"
    assert despace("伊 莎 白 · 柯 鲁 克 教 授") == "伊莎白·柯鲁克教授"
    assert despace("劣 Ⅴ 类 断 面 — — 比 例") == "劣Ⅴ类断面——比例"


def test_real_spaces_stay_between_phrases_and_names() -> None:
    assert despace("“化解矛盾风险 维护社会稳定”专项治") == "“化解矛盾风险 维护社会稳定”专项治"
    assert despace("本报讯 记者崔东凯 张冲 1月22") == "本报讯 记者崔东凯 张冲 1月22"


def test_a_lone_character_at_a_line_end_keeps_its_space() -> None:
    assert despace("记者黄洁 北") == "记者黄洁 北"


def test_subhead_inside_a_story_is_a_heading_not_a_new_story() -> None:
    body1 = "沈阳市司法局推进柔性执法，企业负责人说执法检查减少了，营商环境更好了。" * 2
    body2 = "沈阳市司法局制发行政检查实施办法，规范柔性执法，减少对企业的检查次数。" * 2
    result = reconstruct_page(
        page("□　本报记者 张国强", *para(body1), "出台办法", "进一步规范执法监管", *para(body2))
    )
    (article,) = result.articles
    assert [p.kind for p in article.paragraphs] == ["byline", "body", "heading", "body"]
    assert article.paragraphs[2].text == "出台办法 进一步规范执法监管"


# -- leads and bylines ------------------------------------------------------------------------------


def test_byline_running_into_text_keeps_first_word_of_body() -> None:
    lead = parse_lead("本报北京1月23日讯 记者黄洁 北京市委政法工作会议今天召开。")
    assert lead is not None
    assert [b.name for b in lead.bylines] == ["黄洁"]
    assert lead.dateline is not None and (lead.dateline.place, lead.dateline.date) == ("北京", "1月23日")


def test_byline_ending_at_a_line_break_gets_a_space_before_the_text() -> None:
    result = reconstruct_page(
        page("\u3000\u3000本报南京1月23日电 记者丁国锋", *[FILLER[i : i + 18] for i in (0, 18, 36)])
    )
    first = result.articles[0].paragraphs[0].text
    assert first.startswith("本报南京1月23日电 记者丁国锋 会议强调")
    assert [(b.name, b.role) for b in result.articles[0].bylines] == [("丁国锋", "reporter")]


def test_parenthesised_byline_after_xinhua_dateline() -> None:
    lead = parse_lead("新华社北京1月23日电（记者王比学 通讯员李四）近日")
    assert lead is not None and lead.dateline is not None
    assert lead.dateline.agency == "新华社"
    assert [(b.name, b.role) for b in lead.bylines] == [("王比学", "reporter"), ("李四", "correspondent")]


def test_several_reporters_separated_by_spaces_then_the_date() -> None:
    lead = parse_lead("本报讯 记者崔东凯 张冲 1月22日，黑龙江省委政法工作会议召开。")
    assert lead is not None
    assert [b.name for b in lead.bylines] == ["崔东凯", "张冲"]


def test_feature_byline_block_roles() -> None:
    assert [(b.name, b.role) for b in parse_byline_block("□　本报记者 张国强 韩宇") or []] == [
        ("张国强", "reporter"),
        ("韩宇", "reporter"),
    ]
    assert [(b.name, b.role) for b in parse_byline_block("□ 本报通讯员 李长生") or []] == [
        ("李长生", "correspondent")
    ]
    assert [(b.name, b.role) for b in parse_byline_block("□ 王敬波") or []] == [("王敬波", "author")]


def test_photo_credit_names_the_photographer() -> None:
    found = parse_photo_credit("图为民警和码头工人一起贴春联。 本报通讯员 胡啸宇 摄")
    assert found is not None
    assert [(b.name, b.role) for b in found[0]] == [("胡啸宇", "photographer")]
    assert parse_photo_credit("大家一起来拍摄") is None


def test_photo_caption_is_its_own_story() -> None:
    caption = "1月22日，游客在哈尔滨冰雪大世界游玩，感受冰雪运动的魅力。"
    result = reconstruct_page(
        page(*para("本报讯 记者黄洁 " + FILLER), *para(caption), "新华社记者 王建威 摄")
    )
    assert [a.kind for a in result.articles] == ["news", "photo"]
    assert [(b.name, b.role) for b in result.articles[1].bylines] == [("王建威", "photographer")]
    assert result.articles[1].region == "黑龙江省"


@pytest.mark.parametrize(
    ("numeral", "number"),
    [("一", 1), ("二", 2), ("十", 10), ("十二", 12), ("二十一", 21), ("5", 5), ("１６", 16)],
)
def test_page_numbers_in_chinese_or_arabic_numerals(numeral: str, number: int) -> None:
    assert page_number(numeral) == number


def test_continuation_markers_with_and_without_parentheses() -> None:
    result = reconstruct_page(
        page(
            *para("（上接第1版）" + FILLER),
            *para("本报讯 记者黄洁 " + FILLER + "（下转第五版）"),
        )
    )
    assert [(a.continued_from_page, a.continued_to_page) for a in result.articles] == [(1, None), (None, 5)]


# -- headlines ---------------------------------------------------------------------------------------


def test_headline_group_below_the_stories_goes_to_the_story_it_names() -> None:
    beijing = "本报北京1月23日讯 记者黄洁 北京市委政法工作会议今天召开，会议部署首都政法工作。" + FILLER
    hebei = "本报讯 记者周宵鹏 河北省委政法工作会议强调，全省政法战线要打造忠诚干净担当的政法铁军。" + FILLER
    result = reconstruct_page(
        page(
            *para(beijing),
            *para(hebei),
            "河北省委政法工作会议提出",
            "打造忠诚干净担当新时代政法铁军",
            "北京市委政法工作会议强调",
            "以高水平法治保障首都高质量发展",
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("北京市委政法工作会议强调", "以高水平法治保障首都高质量发展"),
        ("河北省委政法工作会议提出", "打造忠诚干净担当新时代政法铁军"),
    ]
    assert result.unmatched_headlines == ()


def test_a_headline_nobody_matches_is_reported_not_dropped() -> None:
    result = reconstruct_page(page(*para("本报讯 记者黄洁 " + FILLER), "月球背面发现新型矿物"))
    assert [h.title for h in result.unmatched_headlines] == ["月球背面发现新型矿物"]


def test_story_without_a_lead_is_cut_off_by_its_headline() -> None:
    courts = "最高检召开检察委员会会议，研究案件质量评查工作，要求提升最高检办案质效。" * 3
    wages = "廊下镇依托“三所联动”机制调解跨省欠薪纠纷，律师帮助阿姨们讨回工资。" * 3
    result = reconstruct_page(
        page(
            *para("上接第一版 " + courts),
            *para(wages),
            "以更高标准更严要求 提升最高检办案质效",
            "“三所联动”跨省讨薪",
        )
    )
    assert [a.title for a in result.articles] == [
        "以更高标准更严要求 提升最高检办案质效",
        "“三所联动”跨省讨薪",
    ]
    assert result.articles[1].paragraphs[0].text.startswith("廊下镇")
    assert result.articles[1].confidence.lead is False


def test_kicker_title_and_subtitle_are_told_apart() -> None:
    story = "本报讯 记者黄洁 沈阳市司法局优化执法方式，推行柔性执法和信用修复，助力企业健康发展。" + FILLER
    result = reconstruct_page(
        page("柔性执法信用修复助力企业健康发展", "——沈阳市司法局优化执法方式营造优良法治环境", *para(story))
    )
    (article,) = result.articles
    assert (article.kicker, article.title, article.subtitle) == (
        None,
        "柔性执法信用修复助力企业健康发展",
        "——沈阳市司法局优化执法方式营造优良法治环境",
    )


# -- purity --------------------------------------------------------------------------------------------


def test_importing_the_engine_imports_no_django() -> None:
    code = "import sys, articles.reconstruct.page; print(any(m.startswith('django') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_page_of_many_short_lines_is_refused_quickly() -> None:
    with pytest.raises(PageError, match="行数太多"):
        reconstruct_page(("标题行\n" * 30_000).encode())


def test_hundreds_of_headline_lines_still_reconstruct() -> None:
    heads = [f"第{i}条标题新闻消息" for i in range(400)]
    result = reconstruct_page(page(*para("本报讯 记者黄洁 " + FILLER), *heads))
    assert len(result.articles) == 1
    assert len(result.unmatched_headlines) + bool(result.articles[0].title) >= 399


def test_byline_in_parentheses_at_the_end_closes_the_story() -> None:
    result = reconstruct_page(
        page(
            *para("国务院新闻办公室23日举行发布会。" + FILLER + "（本报记者 王比学）"),
            *para("本报讯 记者黄洁 " + FILLER),
        )
    )
    assert [[(b.name, b.role) for b in a.bylines] for a in result.articles] == [
        [("王比学", "reporter")],
        [("黄洁", "reporter")],
    ]


def test_byline_on_a_line_of_its_own_without_a_box_heads_a_feature() -> None:
    result = reconstruct_page(page(*para("本报讯 记者黄洁 " + FILLER), "本报记者 张国强 韩宇", *para(FILLER)))
    assert [[b.name for b in a.bylines] for a in result.articles] == [["黄洁"], ["张国强", "韩宇"]]
    assert result.articles[1].kind == "feature"


def test_a_page_number_alone_at_the_top_is_furniture_not_the_section() -> None:
    result = reconstruct_page(page("4", "要闻", *para("本报讯 记者黄洁 " + FILLER)))
    assert result.section == "要闻"
    assert [(f.kind, f.text) for f in result.furniture] == [("page_header", "4"), ("section", "要闻")]


def test_a_jump_marker_ends_the_story_so_the_next_headline_starts_another() -> None:
    comment = "公平正义是司法工作的生命线，要让人民群众感受到公平正义。" * 3
    result = reconstruct_page(
        page(
            *para("本报讯 记者黄洁 " + FILLER + "（下转第五版）"),
            "短评",
            "让群众感受到公平正义",
            *para(comment),
        )
    )
    assert [a.title for a in result.articles] == [None, "让群众感受到公平正义"]
    assert result.articles[1].labels == ("短评",)


def test_a_jump_marker_alone_after_a_photo_caption_starts_the_continuation_under_its_headline() -> None:
    result = reconstruct_page(
        page(
            *para("1月22日，边检站民警和码头工人一起贴春联。"),
            " 本报通讯员 胡啸宇 摄",
            "以高水平法治保障首都发展",
            "上接第一版",
            *para("会议要求，各地区、各部门要保持时时放心不下的责任感，全力抓好岁末年初安全稳定工作。"),
        )
    )
    photo, continuation = result.articles
    assert photo.kind == "photo" and [p.kind for p in photo.paragraphs] == ["body", "byline"]
    assert continuation.title == "以高水平法治保障首都发展"
    assert continuation.continued_from_page == 1


def test_a_name_in_parentheses_at_the_end_signs_a_commentary() -> None:
    lines = para(FILLER)
    lines[-1] += "（张　伟）"
    result = reconstruct_page(page("让群众感受到公平正义", *lines))
    (article,) = result.articles
    assert [(b.name, b.role) for b in article.bylines] == [("张伟", "author")]
    assert article.kind == "commentary"
    assert article.title == "让群众感受到公平正义"  # right above it, though none of its words are in the text


def test_a_rubric_above_a_headline_is_its_kicker() -> None:
    story = "本报记者李亚楠报道，霍尔果斯口岸出入境旅客明显增多，边检站增开自助通道。" * 2
    result = reconstruct_page(
        page("要闻", "新春走基层", "边境口岸迎来出入境高峰", *para("本报讯 记者李亚楠 " + story))
    )
    (article,) = result.articles
    assert (article.kicker, article.title) == ("新春走基层", "边境口岸迎来出入境高峰")


def test_a_story_cut_twice_at_loose_headlines_keeps_each_headline_above_its_piece() -> None:
    # Found by damaging pages at random: the second cut replaced the piece the first cut's headline pointed
    # at, and the engine raised KeyError.
    result = reconstruct_page(
        "温度。\n营造宽松发展环境\n成风。\n推行清单\n时放心不下”的责任感，全力抓好岁末年"
    )
    text = "".join(p.text for a in result.articles for p in a.paragraphs)
    assert "温度。" in text and "成风。" in text and "全力抓好岁末年" in text

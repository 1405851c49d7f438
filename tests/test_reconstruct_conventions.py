"""The conventions of the wider family of Chinese papers, beyond the seed page: photo credits, lead forms,
trailing notes, production credits and folios. Each with the smallest synthetic page that shows it. No
database."""

from __future__ import annotations

import pytest

from articles.reconstruct.layout import blocks
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.text import column_width, split_lines
from articles.reconstruct.values import Article, Page

FILLER = "会议强调，要坚持以人民为中心的发展思想，推进法治建设，维护社会稳定。" * 2
LAKE = "今年以来，湖区加大生态保护力度，越冬候鸟数量明显增加，湖区生态环境持续改善。" * 2
CAPTION = "1月22日，游客在湖边观赏越冬候鸟，感受生态环境改善带来的变化。"
WHEAT = "春耕时节，农技人员走进田间地头，指导农户科学施肥、适时浇灌，确保小麦长势良好。" * 2


def page(*lines: str) -> Page:
    return reconstruct_page("\n".join(lines).encode("utf-8"))


def para(text: str, width: int = 18) -> list[str]:
    """A paragraph as a PDF tool gives it: indented, broken at the column width."""
    out = ["\u3000\u3000" + text[: width - 2]]
    rest = text[width - 2 :]
    out += [rest[i : i + width] for i in range(0, len(rest), width)]
    return out


def names(article: Article) -> list[tuple[str, str]]:
    return [(b.name, b.role) for b in article.bylines]


def dateline(article: Article) -> tuple[str | None, str | None, str | None]:
    """(agency, place, date), or three Nones without a dateline."""
    d = article.dateline
    return (d.agency, d.place, d.date) if d else (None, None, None)


# -- photo credits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "photographers"),
    [
        ("李明摄", ["李明"]),
        ("林  舟摄（影像中国）", ["林舟"]),
        ("高远航摄（人民视觉）", ["高远航"]),
        ("陈立平摄（新华社）", ["陈立平"]),
        ("本报记者 张三摄", ["张三"]),
        ("本报记者  吴  越摄", ["吴越"]),
        ("新华社记者 艾力江摄", ["艾力江"]),
        ("张三 李四摄", ["张三", "李四"]),
        ("张三/摄", ["张三"]),
        ("新华社发 张三摄", ["张三"]),
        ("新华社发（张三摄）", ["张三"]),
    ],
    ids=[
        "name",
        "spaced-source",
        "source",
        "agency",
        "reporter",
        "reporter-spaced",
        "xinhua",
        "two",
        "slash",
        "sent-by-xinhua",
        "sent-by-xinhua-parenthesised",
    ],
)
def test_credit_line_under_a_caption_makes_a_photo_and_never_a_headline(
    credit: str, photographers: list[str]
) -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), *para(CAPTION), credit, "湖区生态持续向好", *para(LAKE))
    assert [a.kind for a in result.articles] == ["news", "photo", "news"]
    photo = result.articles[1]
    assert names(photo) == [(n, "photographer") for n in photographers]
    assert [p.kind for p in photo.paragraphs] == ["body", "byline"]
    assert photo.paragraphs[0].text == CAPTION
    assert result.articles[2].title == "湖区生态持续向好"
    assert result.unmatched_headlines == ()


@pytest.mark.parametrize(
    ("credit", "photographers"),
    [
        ("李明摄", ["李明"]),
        (" 林  舟摄（影像中国）", ["林舟"]),
        ("新华社记者 艾力江摄", ["艾力江"]),
        (" 新华社发 张三摄", ["张三"]),
    ],
    ids=["name", "spaced-source", "xinhua", "sent-by-xinhua"],
)
def test_credit_at_the_end_of_the_caption_paragraph(credit: str, photographers: list[str]) -> None:
    caption = ["\u3000\u3000" + CAPTION[:16], CAPTION[16:] + credit]
    result = page(*para("本报讯 记者黄洁 " + FILLER), *caption, "湖区生态持续向好", *para(LAKE))
    assert [a.kind for a in result.articles] == ["news", "photo", "news"]
    assert names(result.articles[1]) == [(n, "photographer") for n in photographers]
    assert result.articles[1].paragraphs[0].text.startswith(CAPTION)
    assert result.articles[2].title == "湖区生态持续向好"


def test_a_photo_title_right_above_its_caption_is_kept_and_the_caption_runs_no_further_back() -> None:
    # A story with a loose headline inside it, then the photo's title and its caption: the caption once ran
    # back to the story's headline, and the photo's own title, dropped, was in no article at all.
    result = page(
        *para("本报讯 记者黄洁 " + FILLER),
        "湖区生态持续向好",
        *para(LAKE),
        "赏花时节",
        *para(CAPTION),
        "李明摄",
    )
    assert [(a.kind, a.title) for a in result.articles] == [
        ("news", None),
        ("news", "湖区生态持续向好"),
        ("photo", "赏花时节"),
    ]
    assert result.articles[2].paragraphs[0].text == CAPTION
    assert result.unmatched_headlines == ()


def test_a_figure_sentence_inside_the_caption_stays_in_the_caption() -> None:
    caption = "3月5日，某县举办春季农产品展销会，吸引众多市民选购。图为市民在展台前挑选新鲜蔬菜。"
    result = page(*para("本报讯 记者黄洁 " + FILLER), *para(caption), "本报记者 张三摄")
    news, photo = result.articles
    assert photo.kind == "photo"
    assert photo.paragraphs[0].text == caption
    assert names(photo) == [("张三", "photographer")]
    assert "图为" not in news.text


@pytest.mark.parametrize(
    ("credit", "photographers"),
    [
        (["\u3000\u3000本报记者 王大明文 本", "报记者 丁 一摄"], ["丁一"]),
        (["\u3000\u3000王大明 李小红 赵一", "鸣摄影报道"], ["王大明", "李小红", "赵一鸣"]),
    ],
    ids=["writer-then-photographer", "three-photographers"],
)
def test_an_indented_credit_paragraph_broken_over_two_lines_is_a_credit(
    credit: list[str], photographers: list[str]
) -> None:
    # A narrow column: the credit's first line fills it.
    result = page(
        *para("本报讯 记者黄洁 " + FILLER, 12),
        *para(CAPTION, 12),
        *credit,
        "湖区生态持续向好",
        *para(LAKE, 12),
    )
    assert [a.kind for a in result.articles] == ["news", "photo", "news"]
    assert names(result.articles[1]) == [(n, "photographer") for n in photographers]
    assert result.articles[2].title == "湖区生态持续向好"


def test_a_credit_s_source_wrapped_onto_the_next_line_stays_with_the_credit() -> None:
    result = page(
        *para("本报讯 记者黄洁 " + FILLER),
        *para(CAPTION),
        "李明摄影报道",
        "（影像中国）",
        "湖区生态持续向好",
        *para(LAKE),
    )
    assert [a.kind for a in result.articles] == ["news", "photo", "news"]
    assert names(result.articles[1]) == [("李明", "photographer")]
    news = result.articles[2]
    assert (news.kicker, news.title) == (None, "湖区生态持续向好")


def test_a_letter_spaced_two_character_name_after_another_name_is_a_name_of_its_own() -> None:
    result = page(
        *para("本报讯 记者黄洁 " + FILLER), *para(CAPTION), "李明远 丁 一摄", "湖区生态持续向好", *para(LAKE)
    )
    assert names(result.articles[1]) == [("李明远", "photographer"), ("丁一", "photographer")]


def test_a_word_ending_in_the_photo_character_is_not_a_credit() -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), "无人机航拍摄", *para(FILLER))
    assert all(a.kind != "photo" for a in result.articles)


# -- leads -------------------------------------------------------------------------------------------


def lead(text: str) -> Article:
    """The one story of a page whose paragraph starts with `text`."""
    (article,) = page(*para(text + FILLER)).articles
    return article


def test_xinhua_lead_with_reporters_separated_by_a_pause_mark() -> None:
    article = lead("新华社北京1月8日电（记者张三、李四）近日，")
    assert dateline(article) == ("新华社", "北京", "1月8日")
    assert names(article) == [("张三", "reporter"), ("李四", "reporter")]


def test_reported_by_xinhua_with_spaces_before_the_parenthesis() -> None:
    article = lead("据新华社联合国2月4日电  （记者周小雨）2月4日，")
    assert dateline(article) == ("新华社", "联合国", "2月4日")
    assert names(article) == [("周小雨", "reporter")]
    assert article.paragraphs[0].text.startswith("据新华社联合国2月4日电 （记者周小雨）2月4日，会议强调")


def test_bare_own_paper_lead_is_a_dateline_without_place_or_date() -> None:
    article = lead("本报电  一季度，")
    assert dateline(article) == ("本报", None, None)
    assert names(article) == []
    assert article.paragraphs[0].text.startswith("本报电 一季度，")


def test_names_without_a_role_inside_the_lead_parenthesis_are_correspondents() -> None:
    article = lead("本报北京2月11日电  （刘一鸣、孙晓岚）记者11日从有关部门获悉：")
    assert names(article) == [("刘一鸣", "correspondent"), ("孙晓岚", "correspondent")]


def test_reporter_in_parentheses_after_the_dateline() -> None:
    assert names(lead("本报杭州3月1日电 （记者张三）")) == [("张三", "reporter")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报平壤10月6日电  （记者仉九川）", ["仉九川"]),
        ("本报拉萨1月15日电  （记者何平、郗朗）", ["何平", "郗朗"]),
        ("本报乌鲁木齐1月6日电 （记者努尔·阿木提）", ["努尔·阿木提"]),
    ],
    ids=["rare-surname", "rare-surname-after-pause", "dotted"],
)
def test_any_name_inside_the_lead_parenthesis_is_read(text: str, expected: list[str]) -> None:
    assert names(lead(text)) == [(n, "reporter") for n in expected]


def test_words_inside_the_lead_parenthesis_that_are_no_names_are_not_bylines() -> None:
    article = lead("本报北京2月11日电 （综合外电）")
    assert dateline(article) == ("本报", "北京", "2月11日")
    assert names(article) == []


def test_a_three_character_name_ending_in_a_function_word_is_kept_whole() -> None:
    assert names(lead("本报讯 记者张自在 今天，")) == [("张自在", "reporter")]


def test_a_roundup_lead_has_a_dateline_and_no_names() -> None:
    article = lead("本报北京10月6日电  综合本报驻外记者报道：")
    assert dateline(article) == ("本报", "北京", "10月6日")
    assert names(article) == []
    assert article.paragraphs[0].text.startswith("本报北京10月6日电 综合本报驻外记者报道：会议强调")


@pytest.mark.parametrize(
    ("text", "expected", "reporters"),
    [
        ("光明日报北京1月23日电（记者张三）今天，", ("光明日报", "北京", "1月23日"), ["张三"]),
        ("经济日报北京1月23日讯 记者张三 今天，", ("经济日报", "北京", "1月23日"), ["张三"]),
        ("文汇报上海1月23日讯 （记者张三）今天，", ("文汇报", "上海", "1月23日"), ["张三"]),
        ("工人日报讯（记者张三）今天，", ("工人日报", None, None), ["张三"]),
        (
            "中国青年报客户端北京1月23日电（中青报·中青网记者 张三）今天，",
            ("中国青年报客户端", "北京", "1月23日"),
            ["张三"],
        ),
        ("新京报讯（记者张三）今天，", ("新京报", None, None), ["张三"]),
        ("解放军报北京1月23日电 记者张三 今天，", ("解放军报", "北京", "1月23日"), ["张三"]),
        ("中国妇女报北京1月23日电（记者张三）今天，", ("中国妇女报", "北京", "1月23日"), ["张三"]),
        ("中新网1月23日电（记者张三）今天，", ("中新网", None, "1月23日"), ["张三"]),
        ("本报1月23日讯 记者张三 今天，", ("本报", None, "1月23日"), ["张三"]),
        ("央视网消息（记者 张三）今天，", ("央视网", None, None), ["张三"]),
    ],
    ids=[
        "guangming",
        "jingji",
        "wenhui",
        "bare-paper",
        "app-and-paper-reporter",
        "xinjingbao",
        "army",
        "china",
        "date-without-place",
        "own-paper-date-without-place",
        "site-news",
    ],
)
def test_another_paper_filing_under_its_own_name_leads_with_a_dateline(
    text: str, expected: tuple[str, str | None, str | None], reporters: list[str]
) -> None:
    article = lead(text)
    assert dateline(article) == expected
    assert names(article) == [(n, "reporter") for n in reporters]


def test_words_ending_in_a_paper_like_word_with_a_date_are_no_dateline() -> None:
    # 市民报告说… is a sentence, not a paper named 市民报: a paper's name ends as papers' names do.
    assert dateline(lead("市民报告说1月23日电力供应正常，")) == (None, None, None)
    # …and 本报 with no place and no date is a dateline only before a space or a bracket: 本报电视台… is not.
    assert dateline(lead("本报电视台今天开播，")) == (None, None, None)


def test_a_story_led_by_another_paper_s_dateline_is_cut_there_under_headlines_set_in_a_block() -> None:
    result = page(
        *para("光明日报北京1月23日电（记者王明）" + LAKE),
        "经济日报大连2月11日讯",
        "记者 李华 " + WHEAT[:12],
        WHEAT[12:],
        "候鸟回来了",
        "春耕正当时",
    )
    assert [dateline(a)[0] for a in result.articles] == ["光明日报", "经济日报"]
    assert [names(a) for a in result.articles] == [[("王明", "reporter")], [("李华", "reporter")]]
    assert result.articles[1].text.startswith("经济日报大连2月11日讯")


def test_a_closing_byline_naming_the_reporter_s_paper_adds_the_reporters() -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), "（经济日报记者王五、赵六）")
    (article,) = result.articles
    assert names(article) == [("黄洁", "reporter"), ("王五", "reporter"), ("赵六", "reporter")]


@pytest.mark.parametrize(
    ("line", "reporters"),
    [
        ("文/图 本报记者 张三", ["张三"]),
        ("本报记者 张三 李四 文/图", ["张三", "李四"]),
        ("经济日报记者 王五", ["王五"]),
        ("本报驻上海记者 王五", ["王五"]),
        ("新华社驻东京记者 王五", ["王五"]),
    ],
    ids=[
        "words-and-pictures-first",
        "words-and-pictures-after",
        "paper-named",
        "posted-to",
        "agency-posted-to",
    ],
)
def test_a_feature_s_byline_line_in_the_forms_papers_print_names_its_reporters(
    line: str, reporters: list[str]
) -> None:
    result = page("湖区越冬候鸟明显增加", line, *para(LAKE), "春耕正当时", "本报记者 赵六", *para(WHEAT))
    assert [(a.title, names(a)) for a in result.articles] == [
        ("湖区越冬候鸟明显增加", [(n, "reporter") for n in reporters]),
        ("春耕正当时", [("赵六", "reporter")]),
    ]


def test_dateline_place_of_two_places() -> None:
    assert dateline(lead("新华社云南大理1月5日电  ")) == ("新华社", "云南大理", "1月5日")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报讯 记者张三报道，", ["张三"]),
        ("本报讯 记者王明远报道：", ["王明远"]),
        ("本报讯 记者张三、李四报道，", ["张三", "李四"]),
        ("本报讯 记者张三1月22日从省里获悉，", ["张三"]),
        ("本报讯 记者李从军报道，", ["李从军"]),
        ("本报讯 记者张三 李四报道，", ["张三", "李四"]),
    ],
    ids=["reported", "three-characters", "pause-mark", "date", "word-before-char", "space-then-name"],
)
def test_a_name_running_into_the_text_stops_where_the_text_begins(text: str, expected: list[str]) -> None:
    article = lead(text)
    assert names(article) == [(n, "reporter") for n in expected]
    assert article.paragraphs[0].text.startswith(text)


def test_a_reporter_named_after_a_space_is_not_cut_at_a_place_name() -> None:
    assert names(lead("本报讯 记者黄洁 张家口从今年起推行新政，")) == [("黄洁", "reporter")]


# -- the end of a story ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "（作者为某国际问题研究院研究员）",
        "　　（作者为中国驻某国大使）",
        "（本报东京2月19日电）",
        "　　（新华社北京4月30日电）",
        "（本报记者王五、赵六）",
    ],
)
def test_a_parenthesised_note_after_a_story_stays_in_it(note: str) -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), note, "春耕生产有序推进", *para(WHEAT))
    first, second = result.articles
    assert first.paragraphs[-1].text == note.strip("\u3000")
    assert second.title == "春耕生产有序推进"
    assert second.paragraphs[0].text == WHEAT


def test_a_closing_byline_line_adds_the_reporters() -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), "（本报记者王五、赵六）")
    (article,) = result.articles
    assert names(article) == [("黄洁", "reporter"), ("王五", "reporter"), ("赵六", "reporter")]


def test_a_long_closing_byline_line_keeps_all_its_reporters() -> None:
    reporters = [
        "王五",
        "赵六",
        "孙七",
        "周八",
        "吴九",
        "郑十",
        "冯一",
        "陈二",
        "褚三",
        "卫四",
        "蒋五",
        "沈六",
    ]
    result = page(*para("本报讯 记者黄洁 " + FILLER), "（本报记者" + "、".join(reporters) + "）")
    (article,) = result.articles
    assert names(article) == [("黄洁", "reporter")] + [(n, "reporter") for n in reporters]


@pytest.mark.parametrize("signature", ["（晨  曦）", "（李明远）"], ids=["letter-spaced", "known-surname"])
def test_a_bare_signature_signs_a_commentary_letter_spaced_whatever_its_surname(signature: str) -> None:
    result = page("让群众感受到公平正义", *para(FILLER), signature)
    (article,) = result.articles
    assert article.kind == "commentary"
    assert names(article) == [(signature.strip("（）").replace(" ", ""), "author")]
    assert article.title == "让群众感受到公平正义"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("本版制图：张三", "editor"),
        ("制图：张三", "editor"),
        ("版式设计：何  川", "editor"),
        ("本版责编：张三 李四", "editor"),
        ("本版编辑：张三  美编：李四", "editor"),
        ("本版统筹：王五", "editor"),
        ("　　数据来源：某某研究院", "other"),
        ("资料来源：国家统计局", "other"),
    ],
)
def test_production_credits_are_furniture(line: str, kind: str) -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), line, "春耕生产有序推进", *para(WHEAT))
    assert [(f.kind, f.text) for f in result.furniture] == [(kind, line.strip("\u3000").replace("  ", " "))]
    assert [a.title for a in result.articles] == [None, "春耕生产有序推进"]
    assert all(line.strip("\u3000") not in a.text for a in result.articles)


def test_a_headline_opening_with_a_latin_letter_and_figures_is_no_folio() -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), "G20 峰会开幕", *para("本报讯 记者王五 " + WHEAT))
    assert result.furniture == ()
    assert [a.title for a in result.articles] == [None, "G20 峰会开幕"]


# -- folios ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "folio",
    [
        "人民日报  2020年5月8日  星期五",
        "2020年5月8日 星期五 人民日报",
        "法治日报 2025年1月24日",
        "经济日报 2021年3月2日 星期二",
        "第3版",
        "3 要闻",
        "要闻 3",
        "第3版 要闻",
        "A2 要闻",
    ],
)
def test_a_folio_at_the_top_of_the_page_is_a_page_header(folio: str) -> None:
    result = page(folio, "各地春耕生产有序推进", *para("本报讯 记者黄洁 " + WHEAT))
    assert [f.kind for f in result.furniture] == ["page_header"]
    (article,) = result.articles
    assert article.title == "各地春耕生产有序推进"
    assert result.unmatched_headlines == ()


def test_a_headline_with_a_date_is_not_a_folio() -> None:
    result = page("新规2025年3月1日起施行", *para("本报讯 记者黄洁 新规2025年3月1日起施行。" + FILLER))
    assert result.furniture == ()
    assert result.articles[0].title == "新规2025年3月1日起施行"


# -- empty lines a PDF tool leaves -------------------------------------------------------------------

FARM_KICKER, FARM_TITLE = "省委农村工作会议强调", "科学施肥 确保小麦长势良好"
LAKE_KICKER, LAKE_TITLE = "省生态环境厅指出", "湖区生态环境持续改善"


@pytest.mark.parametrize("strays", [1, 3])
def test_stray_empty_lines_do_not_glue_a_block_of_headlines_into_one(strays: int) -> None:
    """Single newlines and a line of blanks left here and there, as a PDF tool writes a page: the block's
    kicker / title pairs are still told apart by their cues, not held together for want of empty lines
    (one stray line marks nothing on the page; three do, but none stands inside the block)."""
    result = page(
        *para("本报讯 记者黄洁 " + WHEAT),
        "\u3000\u3000",
        *para("本报讯 记者王五 " + LAKE),
        *["\u3000\u3000", *para(LAKE)] * (strays - 1),
        FARM_KICKER,
        FARM_TITLE,
        LAKE_KICKER,
        LAKE_TITLE,
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (FARM_KICKER, FARM_TITLE),
        (LAKE_KICKER, LAKE_TITLE),
    ]


def test_a_sentence_runs_on_across_an_empty_line_where_a_column_broke() -> None:
    """On a page whose empty lines part paragraphs, an empty line under a full line of running text
    in mid-sentence is a column or a page broken there: the flush line under it goes on with the text."""
    farm = "本报讯 记者黄洁 " + WHEAT + "春耕正当时。"
    *first, last = para(farm)  # the paragraph's short last line under the empty line: 春耕正当时。
    result = page(
        "各地春耕生产有序推进",
        *first,
        "",
        last,
        "",
        "湖区生态持续改善",
        *para("本报讯 记者王五 " + LAKE),
        "",
        *para(LAKE),
    )
    assert [a.title for a in result.articles] == ["各地春耕生产有序推进", "湖区生态持续改善"]
    assert [p.text for p in result.articles[0].paragraphs] == [farm]
    assert result.unmatched_headlines == ()


def test_a_bracketed_note_runs_on_across_an_empty_line() -> None:
    note = "（本报北京、南京、广州电 记者黄洁、王五、李四、张三、赵六、钱七参与采写）"
    result = page(
        "各地春耕生产有序推进",
        *para("本报讯 记者黄洁 " + WHEAT),
        "",
        *para(LAKE),
        "",
        *para(note)[:2],
        "",
        *para(note)[2:],
    )
    (article,) = result.articles
    assert article.paragraphs[-1].text.replace(" ", "") == note.replace(" ", "")
    assert result.unmatched_headlines == ()


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_characters_that_print_nothing_are_read_as_nothing(invisible: str) -> None:
    """Zero-width spaces, joiners, a byte-order mark inside the text and soft hyphens, as some PDF tools
    leave them inside words, neither part a word nor hide a dateline."""
    result = page(
        f"各地春耕{invisible}生产有序推进",
        *para(f"本报{invisible}北京1月23日电 记者黄{invisible}洁 " + WHEAT),
    )
    (article,) = result.articles
    assert article.title == "各地春耕生产有序推进"
    assert dateline(article)[1:] == ("北京", "1月23日")
    assert [name for name, _ in names(article)] == ["黄洁"]
    assert invisible not in "".join(p.text for p in article.paragraphs)


# -- notes in brackets closing a story or a caption --------------------------------------------------


def test_the_authors_affiliation_in_a_closing_note_names_no_one() -> None:
    result = page("春耕要抓早抓实", *para(WHEAT), *para(LAKE), *para(FILLER), "（作者单位：中国农业大学）")
    (article,) = result.articles
    assert article.bylines == ()
    assert article.paragraphs[-1].text == "（作者单位：中国农业大学）"


@pytest.mark.parametrize(
    "note", ["（图片由受访者提供）", "（资料图片）", "（县委宣传部供图）", "（照片由受访者提供）"]
)
def test_a_note_saying_where_a_picture_came_from_closes_it_and_heads_nothing(note: str) -> None:
    result = page(
        "各地春耕生产有序推进",
        *para("本报讯 记者黄洁 " + WHEAT),
        *para(WHEAT),
        *para(CAPTION),
        note,
    )
    assert result.unmatched_headlines == ()
    assert [a.title for a in result.articles] == ["各地春耕生产有序推进"]
    assert result.articles[0].paragraphs[-1].text == note


# -- rubrics and numbered parts ----------------------------------------------------------------------


def test_a_rubric_in_square_brackets_is_the_kicker_over_the_title() -> None:
    result = page("【聚焦春耕】", "各地春耕生产有序推进", *para("本报讯 记者黄洁 " + WHEAT), *para(WHEAT))
    (article,) = result.articles
    assert (article.kicker, article.title, article.subtitle) == ("【聚焦春耕】", "各地春耕生产有序推进", None)


def test_numbered_parts_of_a_story_are_its_subheads_not_new_stories() -> None:
    result = page(
        "各地春耕生产有序推进",
        *para("本报讯 记者黄洁 " + WHEAT),
        "一、抓好春耕备耕",
        *para(WHEAT),
        "二、守护湖区生态",
        *para(LAKE),
    )
    (article,) = result.articles
    assert [p.text for p in article.paragraphs if p.kind.value == "heading"] == [
        "一、抓好春耕备耕",
        "二、守护湖区生态",
    ]


# -- headlines a PDF tool centres with leading blanks --------------------------------------------------


@pytest.mark.parametrize("pad", ["        ", "\u3000\u3000\u3000\u3000", "   "])
def test_headlines_centred_with_leading_blanks_are_headlines_not_paragraphs(pad: str) -> None:
    """A layout-keeping PDF tool centres each headline over its column: set in further (or less far) than
    the paragraphs, the kicker and title lines are still read as the stories' headlines."""
    result = page(
        pad + "省委农村工作会议强调",
        pad + "科学施肥 确保小麦长势良好",
        *para("本报讯 记者黄洁 " + WHEAT),
        *para(WHEAT),
        pad + "湖区生态环境持续改善",
        *para("本报讯 记者王五 " + LAKE),
        *para(LAKE),
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("省委农村工作会议强调", "科学施肥 确保小麦长势良好"),
        (None, "湖区生态环境持续改善"),
    ]


def test_a_centred_title_over_a_flush_subtitle_wider_than_the_column_is_a_headline() -> None:
    # The subtitle is too wide for the tool to set it in: it stands flush under the centred title, and its
    # dash says it is no running text the title's line goes on into.
    result = page(
        "       各地春耕生产有序推进",
        "——写在全国春耕生产现场会召开之际农技人员走进田间地头",
        *para("本报讯 记者黄洁 " + WHEAT),
        *para(WHEAT),
        *para(FILLER),
    )
    (article,) = result.articles
    assert (article.title, article.subtitle) == (
        "各地春耕生产有序推进",
        "——写在全国春耕生产现场会召开之际农技人员走进田间地头",
    )


def test_a_centred_title_well_short_of_the_column_does_not_run_on_into_the_line_under_it() -> None:
    # The title stops well short of the column, so no paragraph goes on from it, though the flush title of
    # the next story under it ends with a question mark as a sentence does: both are headline lines.
    lines = split_lines(
        "\n".join(
            [
                *para("本报讯 记者黄洁 " + WHEAT),
                *para(WHEAT),
                *para(LAKE),
                "       田间指导科学施肥",
                "湖区越冬候鸟为何明显增加？",
            ]
        )
    )
    read = blocks(lines, colw=column_width(lines), blank_separates=False)
    assert [(b.kind, b.text) for b in read[-2:]] == [
        ("headline", "田间指导科学施肥"),
        ("headline", "湖区越冬候鸟为何明显增加？"),
    ]

"""Pages a story jumps from or to: how a continuation opens (上接第一版 …), each rule with its smallest page."""

from __future__ import annotations

from articles.reconstruct import issue, jumps
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import Page, ParagraphKind
from tests.test_reconstruct_leadless import SNAKE, WETLAND, page, para

REPORT = "本报讯 记者周宵鹏 日前召开的河北省委政法工作会议强调，打造忠诚干净担当的政法铁军。"


def test_text_running_on_flush_after_a_marker_on_its_own_line_is_the_continuation_s() -> None:
    # The page cut a sentence: its rest runs on, flush, below 上接第一版; not a headline.
    result = reconstruct_page(
        page(
            "上接第一版",
            "控阻击战取得重大战略成果，统筹推进疫情防",
            "控和经济社会发展工作取得积极成效。",
            *para("会议指出，要坚持稳中求进工作总基调，做好各项工作。"),
        )
    )
    (article,) = result.articles
    assert article.continued_from_page == 1
    assert [(p.kind, p.text) for p in article.paragraphs][0] == (
        ParagraphKind.BODY,
        "上接第一版 控阻击战取得重大战略成果，统筹推进疫情防控和经济社会发展工作取得积极成效。",
    )


def test_an_indented_paragraph_after_its_marker_begins_a_paragraph() -> None:
    # The continuation starts a paragraph of its own: the marker stands apart, so the halves are not joined.
    result = reconstruct_page(
        page(
            *para("（上接第一版）南通与苏州、无锡、常州三地签订多份合作协议，合作不断深化。"),
            *para("南通全力推动跨江融合，融入长三角一体化发展。"),
        )
    )
    (article,) = result.articles
    assert article.continued_from_page == 1
    assert [(p.kind, p.text) for p in article.paragraphs][:2] == [
        (ParagraphKind.JUMP, "（上接第一版）"),
        (ParagraphKind.BODY, "南通与苏州、无锡、常州三地签订多份合作协议，合作不断深化。"),
    ]


def test_a_subhead_right_after_a_marker_on_its_own_line_opens_the_continuation() -> None:
    # 上接第一版, then a subhead of two lines, then the text: one continuation, not a marker alone beside a
    # new story titled with the subhead.
    result = reconstruct_page(
        page(
            "上接第一版",
            "出台办法",
            "进一步规范执法监管",
            *para("如何破除行政执法行为柔性不足、服务不够的问题？如何破解企业群众的烦恼？"),
            *para("沈阳市司法局制发了《沈阳市行政检查实施办法》，规范执法监管。"),
            "河北省委政法工作会议提出",
            *para(REPORT),
        )
    )
    continuation, report = result.articles
    assert continuation.continued_from_page == 1 and continuation.title is None
    assert [p.kind for p in continuation.paragraphs] == [
        ParagraphKind.JUMP,
        ParagraphKind.HEADING,
        ParagraphKind.BODY,
        ParagraphKind.BODY,
    ]
    assert report.title == "河北省委政法工作会议提出"


def test_a_dated_paragraph_right_after_a_marker_on_its_own_line_is_the_continuation_s() -> None:
    # A report printed with a summary above its dateline jumped right after the summary: its continuation
    # opens with the dateline. The marker alone is no story, and the report is no new one.
    result = reconstruct_page(
        page(
            "上接第1版",
            *para("新华社北京5月15日电 中共中央政治局5月15日召开会议，讨论政府工作报告稿。"),
            *para("会议认为，过去一年，我国发展面临诸多困难挑战，完成全年主要目标任务。"),
        )
    )
    (article,) = result.articles
    assert article.continued_from_page == 1
    assert [(p.kind, p.text[:6]) for p in article.paragraphs] == [
        (ParagraphKind.JUMP, "上接第1版"),
        (ParagraphKind.BODY, "新华社北京5"),
        (ParagraphKind.BODY, "会议认为，过"),
    ]


def test_a_story_that_jumps_away_does_not_take_the_headless_text_below_it() -> None:
    # The beginning ends with its marker: the story goes on on page 2. The list after it, which no headline
    # names, is not the rest of that story.
    for marker_line in (["下转第二版"], []):
        last = "会议强调，要攻坚克难。" + ("" if marker_line else " 下转第二版")
        result = reconstruct_page(
            page(
                "托起人生出彩的梦想之翼",
                *para("本报讯 记者张明 30年来，助学计划资助了三百多万名女童。"),
                *para(last),
                *marker_line,
                *para("书名：风云初记 作者：孙犁"),
                *para("书名：铁道游击队 作者：知侠"),
            )
        )
        beginning = result.articles[0]
        assert beginning.continued_to_page == 2
        assert not any("书名" in p.text for p in beginning.paragraphs)


def test_headlines_left_over_go_to_the_leadless_beginnings_they_name_however_little() -> None:
    # Two stories cut short by their jumps, their headlines in a block after them: each names its story
    # only a little (the rest of the story, where its words are, is on page 2), but better than the other.
    result = reconstruct_page(
        page(
            *para("武汉武昌，余家头长江大堤，虽是冬日，依然绿意盎然。"),
            *para("要搁以前，这里的江边遍布砂场码头。 下转第二版"),
            *para("江西不断加大脱贫攻坚力度，贫困群众增收渠道越来越宽。"),
            *para("从产业扶贫到就业扶贫，一项项举措落地见效。（下转第二版）"),
            "万里长江绿意浓",
            "——写在推动长江经济带发展座谈会召开四周年之际",
            "跨越发展正当时",
            "——江西落实重要讲话精神纪实",
        )
    )
    assert [(a.title, a.continued_to_page) for a in result.articles] == [
        ("万里长江绿意浓", 2),
        ("跨越发展正当时", 2),
    ]


def test_a_paragraph_ends_at_its_run_in_jump_marker_and_the_next_story_s_headline_stays_one() -> None:
    # …国家标准。 下转第四版 ends the paragraph (no sentence mark ends the line): the flush lines after it are
    # the next story's headline, not the paragraph going on.
    result = reconstruct_page(
        page(
            "646项国家标准发布",
            *para("本报北京2月18日电 （记者李心萍）国家标准化管理委员会18日批准发布646项国家标准。"),
            "\u3000\u3000在养老服务领域，批准发布《养老机构等级",
            "划分与评定》国家标准。 下转第四版",
            "李克强主持召开领导小组会议",
            "王沪宁出席",
            *para("新华社北京5月7日电 5月7日，国务院总理李克强主持召开领导小组会议。"),
        )
    )
    assert [(a.title, a.subtitle, a.continued_to_page) for a in result.articles] == [
        ("646项国家标准发布", None, 4),
        ("李克强主持召开领导小组会议", "王沪宁出席", None),
    ]


def test_a_line_right_above_an_own_line_marker_after_a_finished_sentence_is_the_jump_headline() -> None:
    # No empty lines, no indents to tell: the line between a finished paragraph and （上接第一版） heads the
    # continuation, though its colon reads like text.
    result = reconstruct_page(
        page(
            "（上接第一版）",
            "苗耕书是政协第十届全国委员会委员，中国人",
            "民政治协商会议外事委员会委员。",
            "成都：一带一路产业园区联盟今日成立",
            "（上接第一版）",
            "联盟将推动成员园区在招商引资、产业合作等",
            "方面加强交流合作。",
        )
    )
    first, second = result.articles
    assert first.paragraphs[-1].text.endswith("外事委员会委员。")
    assert second.title == "成都：一带一路产业园区联盟今日成立" and second.continued_from_page == 1


def test_a_summary_box_after_a_continuation_opens_a_story_of_its_own() -> None:
    # 核心阅读 opens a story with its box; the continuation before it ends there, though no lead says so.
    result = reconstruct_page(
        page(
            *para("（上接第一版）这为全国春耕生产提供了有力保障，产业链加速复工。"),
            *para("核心阅读"),
            *para("深汕特别合作区，是新时代深圳特区带动汕尾海陆丰革命老区发展的新动能。"),
            *para("林立高楼，代替了昔日荒芜；深水良港，矗立在野草滩涂。"),
        )
    )
    continuation, feature = result.articles
    assert continuation.continued_from_page == 1 and len(continuation.paragraphs) == 2
    assert feature.paragraphs[0].text == "核心阅读"


def test_a_report_with_no_headline_above_it_does_not_go_on_from_a_continuation() -> None:
    # Every headline stands above its story, and the report after the continuation has none (its headline
    # went elsewhere): the report after a letter goes on from it, but a continuation ends where a report
    # begins.
    result = reconstruct_page(
        page(
            "打造忠诚干净担当新时代政法铁军",
            *para(REPORT),
            "统筹发展和安全",
            *para("（上接第一版）会议强调，要统筹高质量发展和高水平安全。"),
            *para("新华社北京4月30日电 在劳动节来临之际，王明给长河集团全体职工回信，致以节日的问候。"),
        )
    )
    assert [a.continued_from_page for a in result.articles] == [None, 1, None]


def test_two_jump_headlines_in_a_block_naming_two_continuations_are_two_groups() -> None:
    # Alike in their words (发展, 安全, 法治), each names one continuation best: two jump headlines, not one
    # story's title and subtitle.
    result = reconstruct_page(
        page(
            *para("（上接第一版）会议强调，要统筹高质量发展和高水平安全，维护国家安全和社会稳定。"),
            *para("会议要求，统筹发展和安全，提高执法司法质效，护航经济社会高质量发展。"),
            *para("（上接第一版）柔性执法换来了新风尚，信用修复助力企业健康发展。"),
            *para("司法局推行柔性执法，不予处罚和从轻处罚清单让企业感受到法治温度。"),
            "",
            "统筹发展和安全",
            "柔性执法助力企业健康发展",
        )
    )
    assert [(a.continued_from_page, a.title, a.subtitle) for a in result.articles] == [
        (1, "统筹发展和安全", None),
        (1, "柔性执法助力企业健康发展", None),
    ]


def test_a_short_line_ending_in_a_jump_marker_is_the_paragraph_s_end_not_a_headline() -> None:
    # A sentence ended at a line's end; the next runs on flush and ends on a short line with its run-in
    # 下转第二版. No headline ends with a jump marker: the line is the paragraph's end, and the story jumps.
    result = reconstruct_page(
        page(
            "国务院港澳办发言人谈话",
            *para("新华社北京5月28日电 国务院港澳事务办公室发言人28日就涉港决定发表谈话。"),
            "\u3000\u3000发言人表示，此次决定是坚守依",
            "法治港原则的重要体现和重要举措。",
            "无可置疑。 下转第二版",
            *para("新华社香港5月28日电 香港中联办发言人28日发表谈话，坚决拥护全国人大决定。"),
        )
    )
    assert [(a.title, a.continued_to_page) for a in result.articles] == [
        ("国务院港澳办发言人谈话", 2),
        (None, None),
    ]
    assert result.articles[0].paragraphs[-1].text.endswith("重要举措。无可置疑。 下转第二版")


def test_a_story_s_title_and_a_jump_headline_in_a_block_above_a_continuation_are_two_groups() -> None:
    # Headlines set in a block above the stories: the first names the report with its dateline below, the
    # second the continuation right under the block. Two lines right above a story are often one headline,
    # but these name two stories, one a continuation: two headlines, and the report keeps its own.
    result = reconstruct_page(
        page(
            "南水北调工程综合效益凸显",
            "把专门协商机构作用发挥好（议政建言）",
            *para(
                "上接第一版 地方政协发挥专门协商机构作用，多开展协商，协商机构的制度优势就能转化为治理效能。"
            ),
            *para("地方政协要把协商作为主要工作，搭建协商平台，让协商机构作用发挥好。"),
            *para("（作者为全国政协委员）"),
            *para("本报北京5月7日电 （记者王浩）记者从水利部获悉：南水北调东线工程向山东调水7.03亿立方米。"),
            *para("南水北调中线工程累计向天津调水50亿立方米，南水北调工程综合效益凸显。"),
        )
    )
    assert [(a.continued_from_page, a.title) for a in result.articles] == [
        (1, "把专门协商机构作用发挥好（议政建言）"),
        (None, "南水北调工程综合效益凸显"),
    ]


def test_a_continuation_keeps_its_last_paragraphs_that_name_neither_headline_before_a_leadless_story() -> (
    None
):
    # Headlines in a block after the stories: a continuation ends with two paragraphs of its own scene that
    # name neither its jump headline nor the commentary's title after it. A continuation runs to its story's
    # end: they talk of what it talks of (常德, 河湖), so they close it rather than open the commentary.
    result = reconstruct_page(
        page(
            *para(
                "本报北京1月5日电 （记者张璁）国家移民管理局公布数据：2019年出入境人员达6.7亿人次，同比增长3.8%。"
            ),
            *para("上接第一版 常德市治理穿紫河，湿地公园里候鸟成群，湿地面积逐年扩大，湿地保护有人管。"),
            *para("常德市累计投入200亿元实施湿地生态修复，湿地水质明显改善，市民爱湿地。"),
            *para("江北城区的新河水系整治工程现场，工人们忙得热火朝天，常德市的河湖连通工程又添一环。"),
            *para("“整治工程完成后，新河水系将敞开通透，常德市民家门口的河湖更美了。”常德市负责人说。"),
            *para("大事难事看担当。越是爬坡过坎，越需要冲劲、韧劲、实劲。"),
            *para("有冲劲，才能冲得上去；有韧劲，才能坚持到底；有实劲，才能干成事业。保持冲劲、韧劲、实劲。"),
            "",
            "这儿的湿地，有人管有人爱",
            "去年出入境人员达6.7亿人次",
            "冲劲 韧劲 实劲（人民论坛）",
        )
    )
    assert [(a.title, len(a.paragraphs)) for a in result.articles] == [
        ("去年出入境人员达6.7亿人次", 1),
        ("这儿的湿地，有人管有人爱", 5),  # 上接第一版 on a paragraph of its own, then four
        ("冲劲 韧劲 实劲（人民论坛）", 2),
    ]


def test_a_continuation_opened_by_the_other_forms_papers_print_comes_from_that_page() -> None:
    # 紧接 and a bare 接 say the same as 上接: the story comes from that page.
    for marker in ("（紧接第一版）", "（接第1版）", "紧接第一版"):
        result = reconstruct_page(
            page(
                marker,
                *para("南通与苏州、无锡、常州三地签订多份合作协议，合作不断深化。"),
                *para(REPORT),
            )
        )
        assert result.articles[0].continued_from_page == 1, marker
        assert result.articles[0].paragraphs[0].kind == ParagraphKind.JUMP, marker


# A continuation runs into a story with no lead whose headline stands in the block after them; the jump
# headline puts its place first and names no word of the text it heads.
JUMP_HEADLINE = "北京：为高质量发展注入内生动力"
CONTINUATION_PAGE = page(
    "上接第一版",
    *para(WETLAND[0]),
    *para(WETLAND[1]),
    *para(SNAKE[0]),
    *para(SNAKE[1]),
    "",
    "守岛夫妇在蛇岛过年（新春走基层）",
    JUMP_HEADLINE,
)


def test_a_jump_headline_with_its_place_first_after_a_column_s_title_is_no_running_text() -> None:
    # The title fills the column, and the line under it has a colon: still two headlines, not a paragraph.
    result = reconstruct_page(CONTINUATION_PAGE)
    assert all("守岛夫妇在蛇岛过年" not in p.text for a in result.articles for p in a.paragraphs)
    assert JUMP_HEADLINE in [h.title for h in result.unmatched_headlines]


def test_a_page_read_with_the_jump_headline_the_issue_shows_cuts_the_continuation_from_the_story_below() -> (
    None
):
    alone = reconstruct_page(CONTINUATION_PAGE)
    assert [a.title for a in alone.articles] == [
        "守岛夫妇在蛇岛过年（新春走基层）"
    ]  # one story: the issue knows better
    again = issue.reread(CONTINUATION_PAGE, {JUMP_HEADLINE: 1})  # its fragment's text starts on line 1
    assert again is not None
    assert [(a.title, a.continued_from_page) for a in again.articles] == [
        (JUMP_HEADLINE, 1),
        ("守岛夫妇在蛇岛过年（新春走基层）", None),
    ]
    assert "蝮蛇" not in again.articles[0].text and "湿地" not in again.articles[1].text


def test_a_reading_that_does_not_give_the_jump_headline_to_its_fragment_is_not_taken() -> None:
    # The issue says the jump headline heads the story whose text holds line 9, inside the story below,
    # where no story starts or ends: no reading gives it there.
    assert issue.reread(CONTINUATION_PAGE, {JUMP_HEADLINE: 9}) is None


WETLAND_BEGINNING = "本报北京1月23日电 北京湿地保护区去年扩大了一倍，湿地公园里的候鸟成群，湿地水质逐年改善。"


def _linked_to_beginning(continuation: str) -> tuple[list[jumps.Part], list[tuple[int, int, jumps.Match]]]:
    """A beginning on page 1 sent on to page 2 and `continuation` as page 2, their parts and links: the one
    pair, linked for certain."""
    beginning = page("为高质量发展注入内生动力", *para(WETLAND_BEGINNING), "（下转第二版）")
    parts = jumps.page_parts(1, reconstruct_page(beginning)) + jumps.page_parts(
        2, reconstruct_page(continuation)
    )
    links = jumps.issue_links(parts, {1, 2})
    assert [(parts[f].page, parts[b].page, m.certain) for f, b, m in links] == [(2, 1, True)]
    return parts, links


def test_the_issue_shows_the_jump_headline_of_the_fragment_linked_to_its_beginning() -> None:
    parts, links = _linked_to_beginning(CONTINUATION_PAGE)
    assert issue.jump_headlines(parts, links) == {2: {JUMP_HEADLINE.replace(" ", ""): 1}}


def test_a_jump_headline_the_page_read_as_the_first_half_of_another_story_s_title_stands_apart() -> None:
    # Alone, the page reads the two lines as one title broken in two; the issue shows the first to be the
    # jump headline of the continuation, so the second heads the story below it.
    lines = page(
        "上接第一版",
        *para(WETLAND[0]),
        *para(WETLAND[1]),
        *para(SNAKE[0]),
        *para(SNAKE[1]),
        "",
        "注入内生动力",
        "守岛夫妇在蛇岛过年（新春走基层）",
    )
    assert [a.title for a in reconstruct_page(lines).articles] == [
        "注入内生动力 守岛夫妇在蛇岛过年（新春走基层）"
    ]
    again = issue.reread(lines, {"注入内生动力": 1})
    assert again is not None
    assert [a.title for a in again.articles] == ["注入内生动力", "守岛夫妇在蛇岛过年（新春走基层）"]
    assert "蝮蛇" not in again.articles[0].text


# A beginning with no lead runs on from the dated story above it; its headline, set in the block with the
# others, names none of its words.
BEGINNING_PAGE = page(
    *para("本报北京1月23日电 湿地保护区里候鸟成群，湿地面积逐年扩大，湿地公园成了市民休闲的去处。"),
    *para(WETLAND[1]),
    *para(SNAKE[0]),
    *para(SNAKE[1] + "（下转第二版）"),
    *para("本报上海1月23日电 地铁新线今天开通，沿线居民出行更方便，地铁站里人来人往。"),
    "",
    "平凡岗位续写不凡",
    "上海地铁新线开通",
    "湿地保护见成效",
)


def test_a_page_read_with_a_beginning_s_headline_the_issue_shows_cuts_it_from_the_story_above() -> None:
    alone = reconstruct_page(BEGINNING_PAGE)
    assert [a.title for a in alone.articles] == ["湿地保护见成效", "上海地铁新线开通"]
    assert [h.title for h in alone.unmatched_headlines] == ["平凡岗位续写不凡"]
    ends = alone.articles[0].paragraphs[-1].lines[1]  # the line its text ends on, the jump marker's
    again = issue.reread(BEGINNING_PAGE, {"平凡岗位续写不凡": ends})
    assert again is not None
    assert [(a.title, a.continued_to_page) for a in again.articles] == [
        ("湿地保护见成效", None),
        ("平凡岗位续写不凡", 2),
        ("上海地铁新线开通", None),
    ]
    assert "蝮蛇" not in again.articles[0].text and "湿地" not in again.articles[1].text


def test_a_list_of_who_took_part_closes_the_report_cut_from_the_beginning_the_issue_shows_below_it() -> None:
    # The report above closes with who took part, which names nothing; the beginning below has no lead.
    attended = "省林业局负责人张明、李华、王强出席活动。"
    lines = page(
        *para("本报北京1月23日电 湿地保护工作会议今天召开，会议要求扩大湿地面积，建好湿地公园，让候鸟成群。"),
        *para(WETLAND[1]),
        *para(attended),
        *para(SNAKE[0]),
        *para(SNAKE[1] + "（下转第二版）"),
        *para("本报上海1月23日电 地铁新线今天开通，沿线居民出行更方便，地铁站里人来人往。"),
        "",
        "平凡岗位续写不凡",
        "上海地铁新线开通",
        "湿地保护见成效",
    )
    ends = reconstruct_page(lines).articles[0].paragraphs[-1].lines[1]
    again = issue.reread(lines, {"平凡岗位续写不凡": ends})
    assert again is not None
    report, beginning, _ = again.articles
    assert report.paragraphs[-1].text == attended
    assert (beginning.title, beginning.paragraphs[0].text) == ("平凡岗位续写不凡", SNAKE[0])


def test_a_jump_headline_set_as_the_continuation_s_subheads_are_stays_above_its_marker() -> None:
    # Headlines in a block at the top, the last the jump headline of the continuation right below it, set as
    # two phrases and a space as the continuation sets its subheads.
    jump_headline = "湖区 融入流域保护"
    result = reconstruct_page(
        page(
            "华北黄淮等地将有降雪",
            "地铁新线今天开通",
            jump_headline,
            "上接第一版",
            *para(WETLAND[0]),
            "湿地联动 守护候鸟家园",
            *para(WETLAND[1]),
            "生态旅游 渔民吃上旅游饭",
            *para(SNAKE[0]),
            *para("本报北京2月11日电 （记者赵明）中央气象台预计，11日夜间至12日，华北黄淮等地有小到中雪。"),
            *para("本报上海1月23日电 地铁新线今天开通，沿线居民出行更方便，地铁站里人来人往。"),
        )
    )
    continuation = result.articles[0]
    assert continuation.continued_from_page == 1
    assert continuation.paragraphs[0].kind == ParagraphKind.JUMP
    assert jump_headline not in [p.text for a in result.articles for p in a.paragraphs]


def test_the_issue_shows_a_beginning_s_headline_by_the_jump_headline_of_its_continuation() -> None:
    continuation = page(
        "平凡岗位续写不凡",
        *para("上接第一版 除夕夜，守岛夫妇在蛇岛上包饺子，给远方的家人打电话拜年。"),
    )
    parts = jumps.page_parts(1, reconstruct_page(BEGINNING_PAGE)) + jumps.page_parts(
        2, reconstruct_page(continuation)
    )
    links = jumps.issue_links(parts, {1, 2})
    assert [(parts[f].page, parts[b].headline, m.certain) for f, b, m in links] == [
        (2, "湿地保护见成效", True)
    ]
    ends = reconstruct_page(BEGINNING_PAGE).articles[0].paragraphs[-1].lines[1]
    assert issue.jump_headlines(parts, links) == {1: {"平凡岗位续写不凡": ends}}


def test_a_line_under_a_jump_headline_the_issue_shows_is_not_taken_into_it() -> None:
    # Under the jump headline a title of another story that names the continuation a little: it is no part
    # of the jump headline (which the issue shows whole), so it stays left over for an editor to place.
    lines = page("上接第一版", *para(WETLAND[0]), *para(WETLAND[1]), "", JUMP_HEADLINE, "高山新房长出来候鸟")
    again = issue.reread(lines, {JUMP_HEADLINE: 1})
    assert again is not None
    assert [(a.kicker, a.title, a.subtitle) for a in again.articles] == [(None, JUMP_HEADLINE, None)]
    assert [h.title for h in again.unmatched_headlines] == ["高山新房长出来候鸟"]


def _characters(result: object) -> tuple[list[str], list[str]]:
    """Every character of a reading's text, and of its headlines (articles' and those left over), sorted."""
    text = sorted("".join(p.text for a in result.articles for p in a.paragraphs).replace(" ", ""))  # type: ignore[attr-defined]
    heads = [x for a in result.articles for x in (a.kicker, a.title, a.subtitle) if x]  # type: ignore[attr-defined]
    heads += [x for h in result.unmatched_headlines for x in (h.kicker, h.title, h.subtitle, h.label) if x]  # type: ignore[attr-defined]
    return text, sorted("".join(heads).replace(" ", ""))


def test_whatever_jump_headlines_it_is_given_a_page_loses_and_doubles_nothing() -> None:
    # Every headline of the seed page, each said to head the story at a line drawn at random: however wrong,
    # the reading keeps every character of the text and of the headlines, once.
    import random

    from tests.seeding import SEED

    data = SEED.read_bytes()
    alone = reconstruct_page(data)
    lines = [x for a in alone.articles for x in (a.kicker, a.title, a.subtitle) if x]
    lines += [h.title for h in alone.unmatched_headlines if h.title]
    # The lines its stories start and end on, where a shown headline takes hold, and others.
    edges = [n for a in alone.articles for n in (a.paragraphs[0].lines[0], a.paragraphs[-1].lines[1])]
    rng = random.Random(11)
    changed = 0
    for _ in range(20):
        at = [rng.choice(edges) if rng.random() < 0.8 else rng.randint(1, alone.line_count) for _ in range(3)]
        shown = {"".join(x.split()): n for x, n in zip(rng.sample(lines, 3), at, strict=True)}
        again = reconstruct_page(data, jump_headlines=shown)
        assert _characters(again) == _characters(alone), shown
        changed += again.articles != alone.articles
    assert changed  # the shown headlines did move stories


def test_a_story_the_issue_shows_ending_at_its_jump_marker_keeps_a_loose_line_above_it_as_a_subhead() -> None:
    # Alone, the page reads the line 蛇岛 as the headline of a story of its own, for the text turns from the
    # wetland to the island; the issue shows the headline right above the first paragraph to head the story
    # that ends at the jump marker, so the line is a subhead inside it.
    lines = page(
        "岛上人家过新年",
        *para(WETLAND[0]),
        *para(WETLAND[1]),
        "蛇岛",
        *para(SNAKE[0]),
        *para(SNAKE[1] + "（下转第二版）"),
    )
    alone = reconstruct_page(lines)
    assert [a.title for a in alone.articles] == ["岛上人家过新年", "蛇岛"]
    again = issue.reread(lines, {"岛上人家过新年": alone.articles[-1].paragraphs[-1].lines[1]})
    assert again is not None
    (story,) = again.articles
    assert (story.title, story.continued_to_page) == ("岛上人家过新年", 2)
    assert [p.text for p in story.paragraphs if p.kind == ParagraphKind.HEADING] == ["蛇岛"]


def test_a_headline_the_issue_shows_is_found_when_its_page_set_it_on_two_lines() -> None:
    # The issue knows the headline as one title (岛上人家 过新年); the page set it on two lines. Each line is
    # part of it, so the story under them still runs on to its jump marker.
    lines = page(
        "上海地铁新线开通",
        *para("本报上海1月23日电 地铁新线今天开通，沿线居民出行更方便，地铁站里人来人往。"),
        "岛上人家",
        "过新年",
        *para(WETLAND[0]),
        *para(WETLAND[1]),
        "蛇岛",
        *para(SNAKE[0]),
        *para(SNAKE[1] + "（下转第二版）"),
    )
    alone = reconstruct_page(lines)
    assert [a.title for a in alone.articles] == ["上海地铁新线开通", "过新年", "蛇岛"]
    again = issue.reread(lines, {"岛上人家过新年": alone.articles[-1].paragraphs[-1].lines[1]})
    assert again is not None
    metro, story = again.articles
    assert "".join(x for x in (story.kicker, story.title, story.subtitle) if x) == "岛上人家过新年"
    assert story.continued_to_page == 2 and "湿地" in story.text and "蝮蛇" in story.text


# A meeting's report runs on into a beginning with no lead on much the same topic, which jumps away; the
# beginning's headline stands in the block after them and names little of its text.
BIRDS = "候鸟归来"
MEETING_INTO_BEGINNING = page(
    "国务院召开湿地保护工作会议",
    *para("本报北京1月23日电 国务院今天召开湿地保护工作会议，部署今年湿地保护工作。"),
    *para("会议指出，各地要落实会议精神，加强湿地保护工作，守住湿地红线。"),
    *para("会议要求，各地要完善湿地保护制度，做好会议部署的各项工作。"),
    *para("一群群候鸟飞回湿地，湿地水鸟成群，观鸟的人也越来越多。"),
    *para("各地湿地保护工作做好了，观鸟的市民也多了起来。（下转第二版）"),
    "",
    BIRDS,
)


def test_a_story_run_on_into_a_beginning_the_issue_shows_is_cut_on_slighter_evidence() -> None:
    # Alone, the two halves differ too little for the page to cut a story it has no lead for. The issue
    # shows the headline left over to head the story that jumps from this text's end: a second story is in
    # there, and it is cut where the two headlines' words part.
    alone = reconstruct_page(MEETING_INTO_BEGINNING)
    assert [a.title for a in alone.articles] == ["国务院召开湿地保护工作会议"]
    assert [h.title for h in alone.unmatched_headlines] == [BIRDS]
    again = issue.reread(MEETING_INTO_BEGINNING, {BIRDS: alone.articles[0].paragraphs[-1].lines[1]})
    assert again is not None
    assert [(a.title, len(a.paragraphs), a.continued_to_page) for a in again.articles] == [
        ("国务院召开湿地保护工作会议", 3, None),
        (BIRDS, 2, 2),
    ]


def test_the_list_of_who_took_part_stays_with_the_report_it_closes() -> None:
    # Neither headline names the list of names closing the meeting's report; the story cut from under it
    # does not open with it.
    closed = MEETING_INTO_BEGINNING.replace(
        "的各项工作。\n",
        "的各项工作。\n" + "\n".join(para("有关部门负责人王明、李华、张强参加上述活动。")) + "\n",
        1,
    )
    alone = reconstruct_page(closed)
    again = issue.reread(closed, {BIRDS: alone.articles[0].paragraphs[-1].lines[1]})
    assert again is not None
    meeting, birds = again.articles
    assert meeting.paragraphs[-1].text == "有关部门负责人王明、李华、张强参加上述活动。"
    assert (birds.title, birds.paragraphs[0].text[:4]) == (BIRDS, "一群群候")


# A dated report whose headline names its last two paragraphs only by a word each runs on into a leadless
# beginning whose jump headline names none of its text; the headlines stand in a block after the stories.
FESTIVAL = "五洲共欢庆 四海同迎春"
REPORT_INTO_BEGINNING = page(
    *para("本报北京10月28日电 生态环境部日前公布了全国地表水水质状况，水质优良断面比例上升。"),
    *para("水质优良断面比例为75.0%，同比上升2.6个百分点；劣Ⅴ类断面比例同比下降。"),
    *para("长江、黄河、珠江等七大流域的水质明显改善，主要污染指标浓度下降。"),
    *para("西北诸河、西南诸河水质总体良好，部分河流因断流未开展监测。"),
    *para("写春联、看年画、买年货、逛庙会，春节的气息越来越浓，海外华人欢聚一堂。"),
    *para("孩子们在庙会上挂满了自己写的福字，舞龙舞狮的队伍穿过街头。（下转第二版）"),
    *para("本报北京1月15日电 记者从海关总署获悉，去年全国海关查获侵权嫌疑货物5.1万批次。"),
    "",
    "前三季度——",
    "水质优良断面比例上升2.6个百分点",
    "海关去年查获侵权嫌疑货物5.1万批次",
    FESTIVAL,
)


def test_a_report_is_cut_from_the_beginning_below_after_the_last_paragraph_its_headline_names_at_all() -> (
    None
):
    # The issue shows the festival's headline to head the story jumping from this text's end; the report's
    # headline names its last two paragraphs faintly (水质), the festival's none: the cut falls after them.
    alone = reconstruct_page(REPORT_INTO_BEGINNING)
    assert [h.title for h in alone.unmatched_headlines] == [FESTIVAL]
    end = alone.articles[0].paragraphs[-1].lines[1]
    again = issue.reread(REPORT_INTO_BEGINNING, {FESTIVAL.replace(" ", ""): end})
    assert again is not None
    report, festival, _ = again.articles
    assert report.paragraphs[-1].text.startswith("西北诸河")
    assert (festival.title, festival.continued_to_page) == (FESTIVAL, 2)
    assert festival.paragraphs[0].text.startswith("写春联")


# A continuation whose headline, title and subtitle, stands in the block after it: the subtitle names its
# first paragraph, the title the others.
STANDARDS = page(
    "上接第一版",
    *para("本次国标对养老机构等级划分与评定提出要求，将养老机构由低到高分为五级。"),
    *para("在道路交通领域，发布了学校区域交通标志国家标准，降低学校区域交通安全风险。"),
    *para("在可持续发展领域，批准发布了电动汽车能耗限值国家标准。"),
    "",
    "646项国家标准发布",
    "养老机构由低到高分为五级",
)


def test_two_lines_the_issue_shows_to_head_one_continuation_are_one_headline() -> None:
    # Alone, each line takes the paragraphs it names, and the continuation is cut in two. The issue shows
    # both lines to head the story going on from the marker: one headline over the whole continuation.
    alone = reconstruct_page(STANDARDS)
    assert len(alone.articles) == 2
    again = issue.reread(STANDARDS, {"646项国家标准发布": 1, "养老机构由低到高分为五级": 1})
    assert again is not None
    (story,) = again.articles
    assert (story.title, story.subtitle, story.continued_from_page) == (
        "646项国家标准发布",
        "养老机构由低到高分为五级",
        1,
    )
    assert "电动汽车" in story.text and "养老机构" in story.text


# A continuation of a line or two, then a subhead over text on what the story's beginning, on the other
# page, talked of, though not what those lines did.
PARTY_BEGINNING = (
    "本报广州1月23日电 广东电网公司党委以党建引领企业发展，各级党组织把党员教育管理抓在日常，"
    "党员队伍活力增强。（下转第三版）"
)
SHORT_CONTINUATION = page(
    "（上接第一版）",
    "治优势转为企业发展的竞争优势，为社会安定提供",
    "有力支撑。",
    "完善党建平台引领企业发展",
    *para("走进江门供电局，党组织用上了数字化的党建平台，党员教育管理更方便了。"),
    *para("青年党员在平台上学习交流，党建工作人员对平台赞不绝口。"),
)


def test_a_line_over_text_on_what_a_continuation_s_beginning_talked_of_is_its_subhead() -> None:
    # Alone, the text under the line shares next to nothing with the two lines above it: a new story.
    # With the beginning the issue shows, it goes on with what the story talked of: a subhead.
    alone = reconstruct_page(SHORT_CONTINUATION)
    assert [a.title for a in alone.articles] == [None, "完善党建平台引领企业发展"]
    again = reconstruct_page(SHORT_CONTINUATION, jump_texts={1: PARTY_BEGINNING})
    (story,) = again.articles
    assert [(p.kind, p.text) for p in story.paragraphs][1] == (
        ParagraphKind.HEADING,
        "完善党建平台引领企业发展",
    )
    assert "青年党员" in story.text


# A continuation whose jump headline names only its first paragraph; neither headline names the next four,
# on the member the beginning was about, one of which goes on from the one above (王松灵坦言，…); then a
# story with no lead on another topic, its headline left in the block.
MEMBER_BEGINNING = (
    "本报北京3月1日电 与全国政协委员王松灵约采访时间很不容易，作为医科大学副校长，忙碌是王松灵生活的主旋律。"
    "王松灵不断总结经验，摸索出本职工作和委员履职的平衡点。（下转第四版）"
)
MEMBER_PAGE = page(
    "上接第一版",
    *para("“政协委员写提案应追求质量而不是数量，发挥专长提出好建议，直到见到实效。”"),
    *para("医学人才培养是王松灵最关心的问题，每年两会，王松灵都要带去几份相关提案。"),
    *para("为了提交更有针对性的提案，王松灵决定召集几位同事一起调研。"),
    *para("王松灵坦言，临床医学人才的培养时间过长，需要尽快改革。"),
    *para("勤勉履职、扎实工作，王松灵诠释了一名政协委员的责任与担当。"),
    *para("平台经济快速崛起，对优化资源配置、推动产业升级、拓展消费市场作用日益凸显。"),
    *para("平台领域不断扩展，平台经济成为经济发展的新动能。"),
    *para("平台经济在发展中也遇到成长烦恼，平台经济的规范发展需要政策支持。"),
    *para("破解平台经济的成长烦恼，要为平台经济营造良好环境。"),
    "",
    "发挥专长 开出良方",
    "平台经济破解“成长烦恼”（消费视窗）",
)


def test_a_continuation_s_end_passes_over_a_paragraph_going_on_from_the_one_above() -> None:
    # No story begins at 王松灵坦言: the continuation runs on past it to the last paragraph on its member.
    result = reconstruct_page(
        MEMBER_PAGE, jump_headlines={"发挥专长开出良方": 1}, jump_texts={1: MEMBER_BEGINNING}
    )
    member, platform = result.articles
    assert (member.title, len(member.paragraphs)) == ("发挥专长 开出良方", 6)  # the marker and five
    assert "王松灵" not in platform.text and platform.paragraphs[0].text.startswith("平台经济快速崛起")


# A continuation runs into a story with no lead whose title, in the block after them, names no word of it.
LEADLESS_TITLE = "海上第一哨"
UNNAMED_PAGE = page(
    "上接第一版",
    *para(WETLAND[0]),
    *para(WETLAND[1]),
    *para(SNAKE[0]),
    *para(SNAKE[1]),
    "",
    LEADLESS_TITLE,
    JUMP_HEADLINE,
)


def test_a_continuation_is_cut_where_its_text_stops_talking_of_what_its_beginning_talked_of() -> None:
    # Given only its jump headline, the page cannot tell where the continuation ends: the title left over
    # names nothing. The beginning's text, on the other page, talks of the wetland as the first two
    # paragraphs do; the island's two do not.
    shown = {JUMP_HEADLINE.replace(" ", ""): 1}
    alone = reconstruct_page(UNNAMED_PAGE, jump_headlines=shown)
    assert [a.title for a in alone.articles] == [JUMP_HEADLINE]
    assert [h.title for h in alone.unmatched_headlines] == [LEADLESS_TITLE]
    again = reconstruct_page(UNNAMED_PAGE, jump_headlines=shown, jump_texts={1: WETLAND_BEGINNING})
    assert [(a.title, len(a.paragraphs)) for a in again.articles] == [
        (JUMP_HEADLINE, 3),  # the marker and the wetland's two paragraphs
        (LEADLESS_TITLE, 2),
    ]
    assert "蝮蛇" not in again.articles[0].text and "湿地" not in again.articles[1].text
    assert not again.unmatched_headlines


def test_the_issue_shows_the_beginning_of_each_continuation_linked_to_it() -> None:
    parts, links = _linked_to_beginning(UNNAMED_PAGE)
    (shown,) = issue.jump_texts(parts, links)[2].values()
    assert shown.startswith(WETLAND_BEGINNING.replace(" ", "")[:10]) and "下转" in shown


# A continuation whose jump headline names only its first paragraph, then two about the same lessons that
# neither headline names, then the leadless story whose headline is left over in the block.
AI_HEADLINE = "北京：中学生迷上人工智能"
AI_BEGINNING = (
    "本报北京10月9日电 人工智能课程走进中学课堂，学生们在课上学编程、做机器人，人工智能课程越来越受欢迎。"
)
AI_PAGE = page(
    "上接第一版",
    *para("家长也很支持，人工智能兴趣小组的中学生越来越多。"),
    *para("一些学校的老师说，编程和机器人最能激发学生的兴趣。"),
    *para("一些学校还请来高校老师讲课，学生们的编程水平提高很快，在行业比赛中拿了奖。"),
    *para("长三角一体化发展是国家战略，江苏发挥制造业优势，推动长三角一体化走深走实。"),
    *para("江苏在行动：长三角一体化示范区里，江苏的企业和上海、浙江的企业合作越来越多。"),
    *para("江苏将加快长三角生态绿色一体化示范区建设，推动长三角交通互联互通。"),
    "",
    "长三角一体化 江苏在行动",
    AI_HEADLINE,
)


def test_a_continuation_cut_from_the_story_below_keeps_the_paragraphs_talking_of_its_beginning() -> None:
    # Alone, the paragraphs neither headline names go with the story below: nothing above them on this page
    # talks of lessons. The beginning does; and the 行 the last shares with 江苏在行动 by chance does not
    # make it the other story's.
    shown = {AI_HEADLINE.replace(" ", ""): 1}
    alone = reconstruct_page(AI_PAGE, jump_headlines=shown)
    assert [len(a.paragraphs) for a in alone.articles] == [2, 5]
    again = reconstruct_page(AI_PAGE, jump_headlines=shown, jump_texts={1: AI_BEGINNING})
    assert [(a.title, len(a.paragraphs)) for a in again.articles] == [
        (AI_HEADLINE, 4),  # the marker and the three paragraphs on lessons
        ("长三角一体化 江苏在行动", 3),
    ]
    assert "编程" not in again.articles[1].text


# A continuation opening, under its marker, with a line of its own that ends no sentence, over an indented
# paragraph: a subhead, or the rest of a sentence the page broke, as its beginning, on the other page, says.
SUBHEAD_UNDER_MARKER = page(
    "上接第一版",
    "为保护湿地立规矩、画红线、探新路",
    *para(WETLAND[0]),
    *para(WETLAND[1]),
)
ENDED = "本报北京1月23日电 记者日前来到湿地保护区，深入采访，一探究竟。（下转第二版）"
BROKE_OFF = "本报北京1月23日电 湿地保护区关停了周边企业，减轻湿地（下转第二版）"


def _opening(result: Page) -> list[tuple[ParagraphKind, str]]:
    (article,) = result.articles
    return [(p.kind, p.text) for p in article.paragraphs[:2]]


def test_a_line_ending_no_sentence_under_a_marker_over_an_indented_paragraph_is_a_subhead() -> None:
    # Filling the column, it would run on as text; but no paragraph ends without a stop, and the one below
    # opens indented. So alone, and where the beginning ended its sentence at its marker.
    for beginnings in ({}, {1: ENDED}):
        assert _opening(reconstruct_page(SUBHEAD_UNDER_MARKER, jump_texts=beginnings)) == [
            (ParagraphKind.JUMP, "上接第一版"),
            (ParagraphKind.HEADING, "为保护湿地立规矩、画红线、探新路"),
        ]


def test_a_line_under_a_continuation_s_marker_ends_the_sentence_its_beginning_broke_off() -> None:
    # 减轻湿地（下转第二版）: the line under 上接第一版 goes on with the sentence, however short.
    for line in ("为保护湿地立规矩、画红线、探新路", "周边污染"):
        lines = SUBHEAD_UNDER_MARKER.replace("为保护湿地立规矩、画红线、探新路", line)
        assert _opening(reconstruct_page(lines, jump_texts={1: BROKE_OFF}))[0] == (
            ParagraphKind.BODY,
            f"上接第一版 {line}",
        )


# A continuation set as a series of profiles, each introduced by a subhead closing with its dash (李明—— over
# his words), the profiles sharing few words with each other; a headline left over in the block after it.
PROFILES_BEGINNING = (
    "寒假里，孩子们的生活丰富多彩，记者走访了几位少年，记录下他们美好而充实的一天。（下转第二版）"
)
PROFILES = page(
    "（上接第一版）",
    "南京少年李明——",
    *para("“我喜爱小发明，想当个科学家”"),
    *para("李明和兴趣小组的伙伴们来到实验室，老师演示了往两张纸中间吹气的实验，纸张贴在了一起。"),
    *para("他设计的自动浇花器获得了市里的科技创新奖，父亲说他周末总在琢磨新发明。"),
    "陕西少年王强——",
    *para("“希望长大后，我能代表国家参赛”"),
    *para("寒冷的球场上，王强带着队友练习传球射门，教练说他的脚法在同龄人中数一数二。"),
    *para("他小时候体弱多病，如今每天训练四个小时，梦想着有一天能踢进世界杯。"),
    "湖北少年赵亮——",
    *para("“我喜欢看书，它能带给我力量”"),
    *para("赵亮先天失聪，却爱读书写字，在特殊教育学校学会了电工技术，还获得了青少年科技奖项。"),
    *para("（本报记者张华、刘洋）"),
    "",
    "寒假里的好少年",
    "冬季运动会开幕",
)


def test_a_continuation_set_as_a_series_of_profiles_runs_to_its_end() -> None:
    # With the beginning the issue shows, each profile shares few words with the story so far: how few says
    # nothing of where a story set as profiles ends, and the continuation keeps all three.
    again = reconstruct_page(PROFILES, jump_texts={1: PROFILES_BEGINNING})
    [story] = [a for a in again.articles if a.continued_from_page == 1]
    assert "李明" in story.text and "王强" in story.text and "赵亮" in story.text


# A story closed by its reporters' byline, then its sidebar marked ■ (专家观点), with a headline left over in
# the block after it.
SIDEBAR = page(
    *para("本报北京2月2日电 寒假里，孩子们的生活丰富多彩，各地少年宫开设了科技、体育、阅读等兴趣课程。"),
    *para("家长们说，孩子们在兴趣课上交了朋友，学到了本领，假期过得很充实。"),
    *para("（本报记者王明峰、姚雪青、张丹华、程远洲、刘新吾、程焕）"),
    "■专家观点",
    *para("教育专家认为，假期是孩子们发展兴趣的好时机，学校和家庭要为他们创造条件。"),
    "",
    "少年宫里寒假忙",
    "冬季运动会开幕",
)


def test_a_sidebar_after_a_story_s_closing_byline_stays_with_the_story() -> None:
    # A closing byline ends a story, and a headline is left over; but a paragraph marked ■ after it opens the
    # story's sidebar, not another story.
    result = reconstruct_page(SIDEBAR)
    story = next(a for a in result.articles if "少年宫" in a.text)
    assert "教育专家" in story.text


# A summary set above a report's dateline, with no headline above it (the page sets its headlines in a block
# after its stories); the report jumps away, and only its continuation repeats the summary.
SUMMARY = "要守住湿地保护红线，严格管控湿地开发利用，持续推进退耕还湿"
SUMMARY_PAGE = page(
    *para(SUMMARY),
    *para("本报长沙3月2日电 （记者李明）湖南省政府3月1日召开会议，研究部署今年的湿地保护工作。"),
    *para("会议认为，过去一年全省湿地保护成效明显，湿地面积稳中有升，候鸟种群数量逐年增加。"),
    "（下转第二版）",
    "湖南部署湿地保护工作",
)
SUMMARY_REPEATED = f"会议指出，{SUMMARY}。各地要压实保护责任，让候鸟年年归来。"


def test_a_summary_above_a_report_s_dateline_that_its_continuation_repeats_opens_the_report() -> None:
    # Alone, nothing on the page repeats the summary: a piece of its own, with no headline.
    alone = reconstruct_page(SUMMARY_PAGE)
    assert [a.title for a in alone.articles] == [None, "湖南部署湿地保护工作"]
    report = alone.articles[1]
    # With the continuation the issue shows, by the line the report's text ends on, it opens the report.
    again = reconstruct_page(SUMMARY_PAGE, jump_texts={report.paragraphs[-1].lines[1]: SUMMARY_REPEATED})
    (story,) = again.articles
    assert story.title == "湖南部署湿地保护工作"
    assert story.paragraphs[0].text == SUMMARY
    assert story.continued_to_page == 2


def test_a_summary_run_on_from_the_story_above_that_the_continuation_repeats_opens_the_report() -> None:
    # Headlines in a block below: alone, the summary runs on as the last paragraph of the story above.
    above = "本报长沙3月2日电 （记者王强）长沙市昨日举行植树活动，市民种下树苗三千余株。"
    summary_page = SUMMARY_PAGE.replace("湖南部署湿地保护工作", "长沙市民植树三千株\n\n湖南部署湿地保护工作")
    summary_page = "\n".join(para(above)) + "\n" + summary_page
    alone = reconstruct_page(summary_page)
    assert [(a.title, a.paragraphs[-1].text[:6]) for a in alone.articles] == [
        ("长沙市民植树三千株", SUMMARY[:6]),
        ("湖南部署湿地保护工作", "（下转第二版"),
    ]
    report = alone.articles[1]
    again = reconstruct_page(summary_page, jump_texts={report.paragraphs[-1].lines[1]: SUMMARY_REPEATED})
    assert [(a.title, [p.text[:6] for p in a.paragraphs]) for a in again.articles] == [
        ("长沙市民植树三千株", [above[:6]]),
        ("湖南部署湿地保护工作", [SUMMARY[:6], "本报长沙3月", "会议认为，过", "（下转第二版"]),
    ]


def test_the_issue_shows_each_beginning_the_continuation_linked_to_it() -> None:
    parts, links = _linked_to_beginning(UNNAMED_PAGE)
    (beginning,) = [p for p in parts if p.page == 1]
    shown = issue.jump_texts(parts, links)[1]
    assert list(shown) == [beginning.text_ends]
    assert shown[beginning.text_ends].startswith("\n".join(parts[links[0][0]].paragraphs)[:20])


# A feature's beginning: its title, then its first subhead set as two phrases and a space right under it,
# then its text, which jumps before the next subhead; the continuation sets its other subheads so.
FIRST_SUBHEAD = "湿地联动 全力构建候鸟迁徙新通道"
FEATURE_BEGINNING = page(
    "湖区 融入流域保护",
    "奏响候鸟家园乐章",
    FIRST_SUBHEAD,
    *para(WETLAND[0]),
    *para(WETLAND[1]),
    "下转第二版",
)
FEATURE_GOING_ON = "\n".join(
    ["湿地周边的村民当起了护鸟员。", "推进三个全方位 重塑湖区生态格局", "候鸟年年归来，湖区越来越美。"]
)


def test_a_line_under_a_title_set_as_the_subheads_its_continuation_sets_is_its_first_subhead() -> None:
    # Alone, nothing on the page shows another subhead set so: the line is read with the title.
    alone = reconstruct_page(FEATURE_BEGINNING)
    (story,) = alone.articles
    assert FIRST_SUBHEAD in f"{story.title} {story.subtitle}"
    assert story.paragraphs[0].text == WETLAND[0]
    # With the continuation the issue shows, which sets its subheads so, it opens the text.
    again = reconstruct_page(FEATURE_BEGINNING, jump_texts={story.paragraphs[-1].lines[1]: FEATURE_GOING_ON})
    (story,) = again.articles
    assert (story.title, story.subtitle) == ("湖区 融入流域保护 奏响候鸟家园乐章", None)
    assert (story.paragraphs[0].kind, story.paragraphs[0].text) == (ParagraphKind.HEADING, FIRST_SUBHEAD)


# A weather report whose last two paragraphs name neither headline, then a leadless story that jumps away; the
# headlines stand in a block at the end.
WEATHER = (
    "本报北京2月11日电 （记者赵明）中央气象台预计，11日夜间至12日，华北北部、黄淮、江汉北部等地有小到中雪或雨夹雪。",
    "在此轮降雪过程中，华北地区降雪形势较好，积雪和道路结冰天气将持续，12日白天北京有望迎来小雪。",
    "未来一周左右，南方多阴雨天气，江南、江淮、江汉等地有持续性雨夹雪或阴雨。",
    "气象专家提醒，目前正值春运返程高峰期，积雪和道路结冰将对春运返程有较大影响，公众出行需关注天气预报。",
)
ISLAND = (
    "2月11日，春节假期后上班第一天，在辽宁蛇岛老铁山保护区，年轻的工作人员高山夫妇一大早就开始巡查。",
    "蛇岛是世界上惟一一座生存单一品种黑眉蝮蛇的岛屿，小岛上生存着2万余条蝮蛇。",
)
WEATHER_PAGE = page(
    *[line for text in (*WEATHER, *ISLAND) for line in para(text)],
    "下转第二版",
    "华北黄淮等地将有降雪",
    "守护冬眠的蝮蛇，高山夫妇——",
    "在蛇岛过年",
)
ISLAND_GOING_ON = "\n".join(
    [
        "上接第一版",
        "“蝮蛇正在冬眠，很容易捕获，每年都有人上岛捕蛇，需要我们守岛护蛇！”高山介绍。",
        "守岛夫妇每天巡查蛇岛，春节也不例外，蛇岛的年过得冷清又温暖。",
    ]
)


def test_paragraphs_no_headline_names_stay_with_the_report_they_talk_of_above_a_story_jumping_away() -> None:
    # Alone, the paragraphs neither headline names open the story below them.
    alone = reconstruct_page(WEATHER_PAGE)
    weather, island = alone.articles
    assert [p.text for p in weather.paragraphs] == list(WEATHER[:2])
    # With what the story below goes on to say on its other page, they talk of the report, not of it.
    again = reconstruct_page(WEATHER_PAGE, jump_texts={island.paragraphs[-1].lines[1]: ISLAND_GOING_ON})
    weather, island = again.articles
    assert [p.text for p in weather.paragraphs] == list(WEATHER)
    assert [p.text for p in island.paragraphs][:2] == list(ISLAND)


# A continuation whose last paragraphs each take one of the people its beginning named, then a long story with
# no lead on another topic, its headline and the jump headline in the block after them.
TEAM_HEADLINE = "赶回村里心才踏实"
TEAM_BEGINNING = (
    "本报兰州5月5日电 王华东、周学辉、苗小楼都是研究所派到临潭县的驻村帮扶工作队队长。疫情防控最吃紧的时候，"
    "3名队长把所里捐赠的消毒剂和口罩送到村里，又赶回村里帮扶贫困户春耕备耕。（下转第二版）"
)
TEAM_PAGE = page(
    "上接第一版",
    *para("3月以来，3名队长结合帮扶村、帮扶户发展现状，协调对接科技扶贫项目，为种植户调剂了化肥。"),
    *para("驻村帮扶，队长们拿出各自的看家本领。"),
    *para("周学辉是所里的航天育种课题组骨干成员，在他的指导下，航天育种成果紫花苜蓿直接落地羊房村。"),
    *para("王华东驻村帮扶的南门河村，村民外出务工受到影响，王华东与队员和村干部开展务工意愿摸排。"),
    *para("苗小楼所在的肖家沟村，一个六口之家因病返贫，苗小楼送去大米和面粉，又为其中3人找到了工作。"),
    *para("这是一次直抵人心、触及灵魂的教育洗礼，这是一次全体党员干部思想上的大扫除。"),
    *para("一场以县处级以上领导干部为重点的主题教育分两批在全党先后开展，用党的创新理论武装头脑。"),
    *para("在这场为期半年的主题教育中，全体党员推动学习贯彻党的创新理论往深里走、往心里走、往实里走。"),
    *para("主题教育中，各地区各部门丰富教育载体，以党员喜闻乐见的方式推动学习教育入脑入心。"),
    *para("学，是为了更好地做。各地区各部门在主题教育中强化问题导向，以高质量学习推动问题解决。"),
    *para("没有调查研究，就没有发言权。各地深入开展调查研究，沉下去了解民情、掌握实情，认真查摆检视问题。"),
    *para("民心是最大的政治。主题教育开展以来，各地区各部门贯彻党的群众路线，聚焦群众的身边事、烦心事。"),
    *para("主题教育坚持两手抓两促进，各地区各部门把开展主题教育同完成改革发展稳定各项任务结合起来。"),
    "",
    "为实现新时代党的历史使命不懈奋斗",
    TEAM_HEADLINE,
)


def test_a_continuation_keeps_its_paragraphs_on_the_people_its_beginning_named_before_a_leadless_story() -> (
    None
):
    # Each of the three paragraphs on one team leader shares few words with all the text above it, fewer than a
    # subhead's text shares with its story, and fewer than with the next leader's; but more than with all that
    # follows. The story below, on the party's education campaign, names none of them: they close the
    # continuation.
    again = reconstruct_page(TEAM_PAGE, jump_headlines={TEAM_HEADLINE: 1}, jump_texts={1: TEAM_BEGINNING})
    assert [(a.title, len(a.paragraphs)) for a in again.articles] == [
        (TEAM_HEADLINE, 6),  # the marker, the lead-in, the leaders' introduction and the three leaders
        ("为实现新时代党的历史使命不懈奋斗", 8),
    ]
    assert "苗小楼" not in again.articles[1].text


# A continuation on a call between two presidents, then a leadless story on the Spring Festival abroad: both
# talk of China throughout, so the two sides share more words than a subhead's text does at every cut.
CALL_HEADLINE = "习近平同捷克总统泽曼通电话"
CALL_BEGINNING = (
    "新华社北京3月19日电 国家主席习近平19日晚应约同捷克总统泽曼通电话。习近平指出，中国疫情防控形势持续向好，"
    "中方感谢捷克政府和社会各界捐款捐物，（下转第三版）"
)
CALL = (
    "会各界捐款捐物，彰显了对中国人民的真挚情感。中方坚定支持捷方抗击疫情，将通过各种方式提供援助。",
    "习近平强调，人类是休戚与共的命运共同体，中方愿同捷克一道，积极开展联防联控，共同维护全球公共卫生安全。",
    "习近平强调，中捷关系良好发展符合两国人民根本利益，中方愿同捷方推动中捷战略伙伴关系不断发展。",
    "泽曼表示，中国成功控制疫情，经济展现良好前景。捷中友谊根深蒂固，捷方愿同中方深化合作。",
)
FESTIVAL_ABROAD = (
    "写春联、看年画、逛庙会……中国春节正成为世界上许多国家的人们共同欢庆的节日。海外中国文化中心举行活动。",
    "在莫斯科郊外的展览馆里，孩子们拿起毛笔学习写福字、写春联，中俄小朋友合奏的乐曲令在场观众陶醉。",
    "在曼谷世贸中心商场，京剧、歌舞、武术以及风筝制作等节目轮番上演，许多民众围着年画展台听师傅介绍。",
    "在墨西哥众议院展厅，一幅幅色彩艳丽的中国年画在灯光的照射下显得栩栩如生，营造了浓浓的中国年味。",
    "在开罗，吉萨金字塔群被中国红点亮，埃及民众说，每当有中国朋友来埃及旅游，都愿意带他们来看金字塔。",
)
CALL_PAGE = page(
    "上接第一版",
    *[line for text in (*CALL, *FESTIVAL_ABROAD) for line in para(text)],
    "",
    FESTIVAL,
    CALL_HEADLINE,
)


def test_a_continuation_ends_where_the_headline_left_over_first_names_a_word_and_the_sides_share_least() -> (
    None
):
    # No cut leaves the two sides sharing few words; but the headline left over first names a word the call
    # never said (欢庆) where the sides share fewer words than a paragraph before or after: the festival opens.
    again = reconstruct_page(CALL_PAGE, jump_headlines={CALL_HEADLINE: 1}, jump_texts={1: CALL_BEGINNING})
    assert [(a.title, [p.text for p in a.paragraphs if p.text != "上接第一版"]) for a in again.articles] == [
        (CALL_HEADLINE, list(CALL)),
        (FESTIVAL, list(FESTIVAL_ABROAD)),
    ]


def test_a_subhead_sharing_words_with_a_jump_headline_the_page_prints_whole_is_not_shown_as_one() -> None:
    # Page 2 prints the jump headline whole over the continuation; the feature's first subhead further down
    # (平台经济崛起), read alone as another story's title, shares two of its words. Shown as a jump headline
    # too, the page read again would have to keep it a headline, and would not be taken.
    title = "平台经济破解“成长烦恼”（消费视窗）"
    kicker = "《关于促进平台经济规范健康发展的指导意见》印发"
    beginning = jumps.Part(
        1,
        "news",
        f"{kicker} {title}",
        ("本报北京8月8日电 平台经济快速发展。（下转第二版）",),
        None,
        2,
        lead=True,
        signed=False,
        headline_parts=(kicker, title),
        text_starts=5,
        text_ends=9,
    )
    fragment = jumps.Part(
        2,
        "news",
        title,
        ("上接第一版 围绕这些问题，笔者进行了采访。",),
        1,
        None,
        lead=True,
        signed=False,
        headline_parts=(title,),
        text_starts=3,
        text_ends=3,
    )
    subhead = jumps.Part(
        2,
        "feature",
        "平台经济崛起 平台领域不断扩展",
        ("“拿起手机点开二维码、扫码验证、入园。”",),
        None,
        None,
        lead=False,
        signed=False,
        headline_parts=("平台经济崛起", "平台领域不断扩展"),
        text_starts=8,
        text_ends=8,
    )
    sure = jumps.Match(0, 0, jumps.Fit(1.0, 0.5, 0.6), marked=True, margin=1.0)
    assert sure.certain
    shown = issue.jump_headlines([beginning, fragment, subhead], [(1, 0, sure)])
    assert shown == {2: {title.replace(" ", ""): 3}}

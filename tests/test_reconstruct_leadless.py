"""Pages of the wider family: stories without leads, headlines away from their stories, wrapped leads."""

from __future__ import annotations

import pytest

from articles.reconstruct import stories
from articles.reconstruct.headlines import partition, roles
from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.similarity import bigrams
from articles.reconstruct.values import ParagraphKind


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

# The same two stories, each opening with its dateline: cut at their leads, whatever their headlines.
DATED_WETLAND = (*para("本报北京1月23日电 " + WETLAND[0]), *para(WETLAND[1]))
DATED_SNAKE = (*para("本报大连1月23日电 " + SNAKE[0]), *para(SNAKE[1]))
DATED_STORIES = (*DATED_WETLAND, *DATED_SNAKE)


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


def test_a_kicker_ending_with_a_colon_after_a_finished_paragraph_is_no_text_of_it() -> None:
    # A paragraph's last line ends a sentence near the column's width, so it may go on; the flush line
    # below ends with a colon, as a sentence opening a quotation does, but over a flush line reading as no
    # text: a kicker over its title, heading the dated report below.
    last = "为保护湿地，当地关停了湿地周边的污染企业，湿地水质明显改善，候鸟年年归来，湿地越来越美。"
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(last),
            "大连市政府发言人：",
            "守岛夫妇在蛇岛过年",
            *DATED_SNAKE,
        )
    )
    assert [(a.kicker, a.title, a.paragraphs[-1].text) for a in result.articles] == [
        (None, "湿地保护见成效", last),
        ("大连市政府发言人：", "守岛夫妇在蛇岛过年", SNAKE[1]),
    ]


def test_a_title_closed_by_its_column_s_tag_after_a_paragraph_closed_by_a_note_is_a_headline() -> None:
    # The paragraph above ends with a note (（见图）), not a sentence; the kicker under it, comma and all, and
    # the title closed by its column's tag head the next story, not run on as that paragraph's text.
    result = reconstruct_page(
        page(
            "　　第十三条 本措施由生态环境部商中央组织",
            "部负责解释。",
            "　　附件：省（自治区、直辖市）污染防治攻坚",
            "战成效考核指标（见图）",
            "湖南常德湿地保护率超过70%，累计投入超200亿元",
            "这儿的湿地，有人管有人爱（美丽中国）",
            "核心阅读",
            "　　在一个地级市，湿地面积占到全市面积的10",
            ".4%，湿地保护率超过70%，有8处国家湿地公园。",
            "　　万顷碧波荡漾，两岸芦苇婆娑，鸟儿或在天",
            "空高飞，或在湖面嬉戏觅食，鸟鸣声声入耳。",
        )
    )
    assert [(a.kicker, a.title, a.paragraphs[-1].text[:4]) for a in result.articles] == [
        (None, None, "附件：省"),
        ("湖南常德湿地保护率超过70%，累计投入超200亿元", "这儿的湿地，有人管有人爱（美丽中国）", "万顷碧波"),
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


# -- paragraphs ---------------------------------------------------------------------------------------


def test_a_closing_byline_paragraph_signs_the_story_above_and_starts_nothing() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "\u3000\u3000（本报记者王明峰、姚雪青）",
        )
    )
    (article,) = result.articles
    assert [b.name for b in article.bylines] == ["王明峰", "姚雪青"]
    assert article.title == "湿地保护见成效"


def test_punctuation_wrapped_onto_a_line_of_its_own_continues_its_paragraph() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            "\u3000\u3000他说：“湿地就是我们的家",
            "”",
            *para(WETLAND[1]),
        )
    )
    (article,) = result.articles
    assert "他说：“湿地就是我们的家”" in [p.text for p in article.paragraphs]


def test_letter_spaced_punctuation_is_joined() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            "荷 花 奖 ” 舞 剧 奖 ， 湿 地 成 了 家",
            *para(WETLAND[1]),
        )
    )
    assert "荷花奖”舞剧奖，湿地成了家" in result.articles[0].text


def test_after_an_empty_line_a_flush_line_on_an_indenting_page_is_a_headline() -> None:
    # Paragraphs are set apart by empty lines and start indented: a flush line after an empty line is
    # not more of the paragraph above, whatever punctuation it has.
    text = "\n\n".join(
        [
            "要闻",
            "湿地保护见成效",
            "\n".join(para(WETLAND[0], 14)),
            "\n".join(para(WETLAND[1] + "湿地成了市民休闲的好去处，", 14)),
            "守岛二十年，夫妇俩以岛为家（新语）",
            "\n".join(para(SNAKE[0], 14)),
            "\n".join(para(SNAKE[1], 14)),
        ]
    )
    result = reconstruct_page(text)
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛二十年，夫妇俩以岛为家（新语）"]


def test_a_box_opener_is_the_first_paragraph_of_its_story() -> None:
    result = reconstruct_page(
        page("要闻", "湿地保护见成效", "核心阅读", *para(WETLAND[0]), *para(WETLAND[1]))
    )
    (article,) = result.articles
    assert article.title == "湿地保护见成效" and article.paragraphs[0].text == "核心阅读"


def test_a_flush_subhead_broken_at_the_column_width_stays_one_subhead() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0], 12),
            *para(WETLAND[1] + "真好。", 12),
            "为保护湿地立规矩，画红线",  # 12 cells: the column's width
            "探新路",
            *para(WETLAND[0] + WETLAND[1], 12),
        )
    )
    (article,) = result.articles
    assert ("heading", "为保护湿地立规矩，画红线探新路") in [(p.kind, p.text) for p in article.paragraphs]


def test_a_bracketed_byline_wrapped_under_a_bare_dateline_belongs_to_the_lead() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "妈祖文化旅游节开幕",
            "\u3000\u3000据新华社澳门10月10日电",
            "（记者胡瑶）",
            "第十七届澳门妈祖文化旅游节开",
            "幕典礼10日举行。",
        )
    )
    (article,) = result.articles
    assert article.dateline is not None and article.dateline.agency == "新华社"
    assert [b.name for b in article.bylines] == ["胡瑶"] and article.title == "妈祖文化旅游节开幕"


def test_a_short_phrase_with_a_particle_at_the_top_of_the_page_titles_the_photo_below_it() -> None:
    # As short as a section's name and words only; but 的 makes it a phrase, which names no section of a paper
    # (法治动态, 要闻): the title of the photo whose caption follows.
    result = reconstruct_page(
        page(
            "丰收的大白菜",
            *para("近日，星河村农民在菜地里忙着采收、包装、运送大白菜，全村种植大白菜近5000亩。"),
            "翟慧勇摄（人民视觉）",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    assert result.section is None
    assert result.articles[0].title == "丰收的大白菜"


def test_a_section_name_has_words_only() -> None:
    # The second half of a title broken inside its column tag is not the page's section.
    result = reconstruct_page(
        page(
            "产业链协同加速（破解难点",
            "推动复工复产）",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para(WETLAND[0]),
        )
    )
    assert result.section is None
    assert result.articles[0].title == "产业链协同加速（破解难点 推动复工复产）"


# -- photos -------------------------------------------------------------------------------------------


def test_a_caption_over_two_paragraphs_under_its_headline_is_one_photo() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "舞龙狮 赏春光",
            *para("24日，广西环江群众欢聚八戒山公园，舞龙狮，喜迎春天。"),
            *para("图为毛南族群众表演舞龙狮。"),
            "\u3000\u3000高东风摄（人民视觉）",
        )
    )
    photo = result.articles[-1]
    assert photo.kind == "photo" and photo.title == "舞龙狮 赏春光" and len(photo.paragraphs) == 3


def test_a_caption_paragraph_glued_to_the_story_before_goes_with_the_photo() -> None:
    # No headline marks where the photo begins: the paragraph that shares the caption's words goes with it.
    result = reconstruct_page(
        page(
            "要闻",
            *para("本报北京1月15日电 （记者刘毅）" + WETLAND[0]),
            *para(WETLAND[1]),
            *para("湖南郴州高椅岭景区的悬崖谷底堆积了大量垃圾，难以清理。"),
            *para("日前，郴州山地救援队队员降落到悬崖谷底，将高椅岭景区的垃圾清理干净。"),
            "\u3000\u3000周  巍摄（影像中国）",
            "湿地保护见成效",
        )
    )
    news, photo = result.articles
    assert photo.kind == "photo" and len(photo.paragraphs) == 3 and "郴州" not in news.text


# -- headline groups ----------------------------------------------------------------------------------


def test_headline_lines_in_a_block_are_grouped_by_the_stories_they_name() -> None:
    # No empty line or cue tells where one story's headline ends: a kicker and its title name the same
    # paragraphs; two headlines of one pattern are two stories'.
    result = reconstruct_page(
        page(
            *para("新华社北京8月6日电 李济生同志因病逝世，享年90岁。李济生同志是中国科学院院士。"),
            *para("新华社北京8月11日电 苗耕书同志因病逝世，享年90岁。苗耕书同志曾任总裁。"),
            "李济生同志逝世",
            "苗耕书同志逝世",
        )
    )
    assert [a.title for a in result.articles] == ["李济生同志逝世", "苗耕书同志逝世"]


def test_a_headline_line_that_opens_a_bracket_goes_on_on_the_next() -> None:
    assert (
        roles(["产业链协同加速“齐步走”（破解难点堵点", "推动复工复产）"])[1]
        == "产业链协同加速“齐步走”（破解难点堵点 推动复工复产）"
    )


def test_a_title_on_two_lines_closing_with_its_column_tag_is_one_title() -> None:
    assert roles(["议事不出社区", "服务上门入户（倾听·关注基层治理）"]) == (
        None,
        "议事不出社区 服务上门入户（倾听·关注基层治理）",
        None,
    )
    # A kicker is longer than the title it introduces: not one title.
    assert (
        roles(["苏州高新区创新金融服务", "高新贷 为科创企业救急（经济聚焦）"])[0] == "苏州高新区创新金融服务"
    )


def test_a_kicker_may_name_the_speaker() -> None:
    assert (
        roles(["全国人大常委会法工委发言人", "就全国人大通过涉港决定发表谈话"])[0]
        == "全国人大常委会法工委发言人"
    )


# -- subheads or headlines inside a story -------------------------------------------------------------


def test_a_lone_line_introducing_someone_inside_a_story_is_a_subhead() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "好少年的寒假",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "南京市竹山中学周洲——",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    (article,) = result.articles
    assert ("heading", "南京市竹山中学周洲——") in [(p.kind, p.text) for p in article.paragraphs]


# A feature set as a series of profiles, each under a subhead introducing its pupil (…周洲——) and a quote; the
# last, wrapped in a narrow column, runs to four lines, as many as a block of headlines.
PROFILES = (
    (
        "寒假里，周洲和兴趣小组的小伙伴们来到大学实验室，向老师请教流体力学的问题。",
        "周洲对科技发明的喜爱从小就萌芽了，寒假里他还在研究自己的小发明。",
    ),
    (
        "寒假里，舒文静为社区居民义务写福字和春联，这已成为她志愿服务的一项。",
        "舒文静从小就喜欢上了书法，寒假里她钻研起了隶书，还教小伙伴们写字。",
    ),
    (
        "放寒假那天，文敏把养母从福利院接回家过年，母女俩一起去镇上置办年货。",
        "夜幕降临，文敏开始复习功课，她想毕业后当名护士，回报大家的关爱。",
    ),
)
FOUR_LINE_SUBHEAD = ("贵州兴仁县民族职业技", "术学校文敏——", "“我要节省点，给妈妈", "买个新年礼物”")


def test_a_subhead_of_four_lines_introducing_one_more_profile_stays_in_the_feature() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "好少年的寒假",
            *para("寒假里，好少年们各有各的忙碌，也各有各的收获。"),
            "南京市竹山中学周洲——",
            "“我喜爱小发明”",
            *[line for text in PROFILES[0] for line in para(text)],
            "四川泸县二中舒文静——",
            "“我爱写春联”",
            *[line for text in PROFILES[1] for line in para(text)],
            *FOUR_LINE_SUBHEAD,
            *[line for text in PROFILES[2] for line in para(text)],
        )
    )
    (article,) = result.articles
    assert article.title == "好少年的寒假"
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert headings[-1] == " ".join(FOUR_LINE_SUBHEAD)
    assert article.paragraphs[-1].text == PROFILES[2][1]


def test_a_loose_line_with_a_column_tag_inside_a_story_heads_a_new_one() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "守岛（新语）",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛（新语）"]


def test_after_a_kicker_a_title_set_on_two_lines_is_one_title() -> None:
    assert roles(["苏州高新区创新金融服务", "高新贷", "为科创企业救急（经济聚焦）"]) == (
        "苏州高新区创新金融服务",
        "高新贷 为科创企业救急（经济聚焦）",
        None,
    )
    # Four lines: a kicker, a title on two lines, a subtitle.
    assert roles(["某某主持召开领导小组会议", "部署重点措施 周密做好", "假期防控工作", "某某出席"]) == (
        "某某主持召开领导小组会议",
        "部署重点措施 周密做好 假期防控工作",
        "某某出席",
    )


def test_a_short_headline_after_the_first_line_is_no_section_name() -> None:
    result = reconstruct_page(
        page(
            "中共中央政治局召开会议",
            "讨论政府工作报告",
            *para("新华社北京5月15日电 中共中央政治局召开会议，讨论政府工作报告。"),
        )
    )
    assert result.section is None
    assert (result.articles[0].kicker, result.articles[0].title) == (
        "中共中央政治局召开会议",
        "讨论政府工作报告",
    )


def test_a_kicker_may_say_where_the_article_below_was_published() -> None:
    assert roles(["《求是》杂志发表重要文章", "在某某座谈会上的讲话"])[0] == "《求是》杂志发表重要文章"


def test_on_a_page_with_a_headline_block_a_short_loose_line_inside_a_story_is_a_subhead() -> None:
    # The text after the line talks of something else (another city), but the page's headlines stand in
    # a block after the stories: the line is the story's subhead, not another story's headline.
    result = reconstruct_page(
        page(
            *para("本报北京2月6日电 各地华人欢度春节。" + WETLAND[0]),
            *para(WETLAND[1]),
            "莫斯科",
            *para(SNAKE[0]),
            *para("新华社北京8月6日电 李济生同志因病逝世，享年90岁。"),
            "五洲共欢庆",
            "李济生同志逝世",
            "苗耕书同志逝世",
            "湿地保护见成效",
        )
    )
    assert ("heading", "莫斯科") in [(p.kind, p.text) for p in result.articles[0].paragraphs]


def test_a_credit_naming_the_writer_then_the_photographer_ends_a_photo() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "卫星成功发射",
            *para("1月15日，卫星在太原卫星发射中心成功发射，顺利进入预定轨道。"),
            "\u3000\u3000本报记者 谷业凯文 本报记者 雷 声摄",
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    photo = result.articles[0]
    assert photo.kind == "photo" and [(b.name, b.role) for b in photo.bylines] == [("雷声", "photographer")]


def test_a_title_with_its_subtitle_inside_a_story_heads_a_new_one() -> None:
    # The text goes on about the same things (疫情, 中国), but a subtitle's dash makes the lines a headline.
    result = reconstruct_page(
        page(
            "要闻",
            "习近平同葡萄牙总统通电话",
            *para("新华社北京5月7日电 国家主席习近平同葡萄牙总统通电话，谈到中国疫情防控。"),
            *para("习近平指出，中国疫情防控取得重大战略成果，愿同葡方加强合作。"),
            "疫情阻击战交出“中国答卷”",
            "——携手全球抗疫 彰显中国担当①",
            *para("新冠肺炎疫情正在全球蔓延，中国疫情防控取得重大战略成果。"),
            *para("中国疫情防控的成果来之不易，携手全球抗疫彰显中国担当。"),
        )
    )
    assert [a.title for a in result.articles] == ["习近平同葡萄牙总统通电话", "疫情阻击战交出“中国答卷”"]


def test_a_sidebar_after_a_story_s_closing_byline_stays_with_the_story() -> None:
    # No lead and no headline on the page names the text after the byline: it is the story's sidebar.
    result = reconstruct_page(
        page(
            "要闻",
            "好少年的寒假",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "\u3000\u3000（本报记者王明峰、姚雪青）",
            "\u3000\u3000■专家观点",
            *para("专家认为，守岛夫妇的坚守值得学习，蛇岛的保护需要更多人参与。"),
        )
    )
    (article,) = result.articles
    assert article.title == "好少年的寒假" and "专家认为" in article.text


def test_two_lines_closing_with_column_tags_are_two_stories_headlines() -> None:
    # Three titles in a block right above the first story: not one story's kicker, title and subtitle.
    result = reconstruct_page(
        page(
            "湿地保护见成效（美丽中国）",
            "守岛夫妇在蛇岛过年（新春走基层）",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
        )
    )
    assert [a.title for a in result.articles] == [
        "湿地保护见成效（美丽中国）",
        "守岛夫妇在蛇岛过年（新春走基层）",
    ]


def test_an_author_note_broken_at_the_column_width_closes_its_story() -> None:
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para(WETLAND[0], 12),
            *para(WETLAND[1] + "真好。", 12),
            "（作者为中国驻法国大使馆",  # 12 cells: broken at the column's width
            "一秘）",
            "守岛夫妇在蛇岛过年",
            *para(SNAKE[0], 12),
            *para(SNAKE[1], 12),
        )
    )
    first, second = result.articles
    assert (
        first.paragraphs[-1].text == "（作者为中国驻法国大使馆一秘）" and second.title == "守岛夫妇在蛇岛过年"
    )


def test_an_author_note_broken_at_the_column_width_closes_its_story_on_a_page_with_an_empty_line_after_each() -> (
    None
):
    # The seed's style: an empty line after every line, which marks no paragraph's end.
    note = "（作者为中国驻法国大使馆一等秘书）"
    lines = ["湿地保护见成效", *para(WETLAND[0]), *para(WETLAND[1]), *para(SNAKE[0]), note[:16], note[16:]]
    result = reconstruct_page("\n\n".join(lines) + "\n")
    (story,) = result.articles
    assert story.paragraphs[-1].text == note
    assert not result.unmatched_headlines


RIVER = (
    "江边的老码头改成了滨江公园，市民傍晚来散步，江风吹来很凉快。",
    "公园里种了一片樱花林，樱花开时游人如织，码头边的小店也热闹起来。",
)


def letter_page() -> str:
    """A page whose headlines all stand right above their stories: a letter closed by its dateline and the
    report on it (a second dateline, no headline above it), then a photo whose title shares 复工 with it."""
    return page(
        "湿地保护见成效",
        *para("本报北京4月30日电 " + WETLAND[0]),
        *para(WETLAND[1]),
        "市长给复工企业职工回信",
        *para("你们好！复工以来，" + SNAKE[0]),
        "\u3000\u3000（新华社北京4月30日电）",
        *para("新华社北京4月30日电 市长日前写信，向职工致意。"),
        *para(SNAKE[1]),
        "工地复工忙",
        *para("滨江公园工地已全面复工。图为工人们在工地施工。"),
        "新华社记者 李明摄",
    )


def test_a_photo_keeps_the_headline_right_above_it_on_a_page_of_headlines_above_stories() -> None:
    photo = reconstruct_page(letter_page()).articles[-1]
    assert photo.kind == "photo" and photo.title == "工地复工忙"


def test_a_second_dateline_with_no_headline_above_it_goes_on_with_the_story_above() -> None:
    articles = reconstruct_page(letter_page()).articles
    assert [a.title for a in articles] == ["湿地保护见成效", "市长给复工企业职工回信", "工地复工忙"]
    assert "你们好！" in articles[1].text and "市长日前写信" in articles[1].text


def test_an_author_note_in_brackets_ends_its_paragraph_though_no_sentence_ends() -> None:
    # `（作者为…主席）` broken in the narrow column: the flush line under it heads the next story.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0] + WETLAND[1], width=12),
            "\u3000\u3000（作者为湿地保护",
            "协会副会长、研究员）",
            "守岛夫妇在蛇岛过年",
            *para("本报大连2月1日电 " + SNAKE[0] + SNAKE[1], width=12),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert result.articles[0].text.endswith("（作者为湿地保护协会副会长、研究员）")


def test_a_kicker_with_a_comma_over_a_title_wider_than_the_column_is_a_headline() -> None:
    # After a paragraph that ends a sentence at its line's end, a flush line with a comma would run on as
    # its text; the title below, wider than the column, shows it is a kicker.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0], width=12),
            *para("湿地周边的污染企业关了，水质改善，鸟儿多了。", width=12),
            "蛇岛生态向好，去年——",
            "守岛夫妇在蛇岛过年蝮蛇数量回升到两万条",
            *para("本报大连2月1日电 " + SNAKE[0], width=12),
            *para(SNAKE[1], width=12),
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "湿地保护见成效"),
        ("蛇岛生态向好，去年——", "守岛夫妇在蛇岛过年蝮蛇数量回升到两万条"),
    ]


def test_a_line_that_goes_on_from_an_unfinished_full_line_is_text_though_it_opens_with_a_role_word() -> None:
    # A list of books: `书名：…` fills its line, the author's name wraps onto the next, `作者：…`.
    lines = [
        "\u3000\u3000书名：风云初记 作者：孙",
        "犁",
        "\u3000\u3000书名：许茂和他的女儿们",
        "作者：周克芹",
        "\u3000\u3000书名：沉重的翅膀 作者：",
        "张洁",
    ]
    result = reconstruct_page(page("长篇小说典藏丛书书目", *lines))
    (article,) = result.articles
    assert [p.text for p in article.paragraphs] == [
        "书名：风云初记 作者：孙犁",
        "书名：许茂和他的女儿们作者：周克芹",
        "书名：沉重的翅膀 作者：张洁",
    ]


MEETING = (
    "新华社北京5月7日电 国务院总理主持召开防汛工作会议，部署今年的防汛抗旱工作。",
    "副总理出席。",
    "会议要求，各地要压实防汛责任，汛前检查水库堤防，备足抢险物资。",
)


def test_a_meeting_report_s_kicker_title_and_attendance_line_are_one_headline() -> None:
    # In a block after the stories: who held the meeting, what it asked for (要求…), who attended (…出席).
    # The lines name different paragraphs of the one story, and the cues hold them together.
    result = reconstruct_page(
        page(
            *para(MEETING[0]),
            *para(MEETING[1]),
            *para(MEETING[2]),
            *para("本报北京5月7日电 " + SNAKE[0] + SNAKE[1]),
            "总理主持召开防汛工作会议",
            "要求压实责任备足物资 做好汛前检查",
            "副总理出席",
            "守岛夫妇在蛇岛过年",
        )
    )
    assert [(a.kicker, a.title, a.subtitle) for a in result.articles] == [
        ("总理主持召开防汛工作会议", "要求压实责任备足物资 做好汛前检查", "副总理出席"),
        (None, "守岛夫妇在蛇岛过年", None),
    ]


def test_with_a_kicker_and_a_subtitle_the_lines_between_are_the_title() -> None:
    assert roles(["总理主持召开防汛工作会议", "要求压实防汛责任", "做好汛前检查", "——记防汛一线"]) == (
        "总理主持召开防汛工作会议",
        "要求压实防汛责任 做好汛前检查",
        "——记防汛一线",
    )
    assert roles(["总理主持召开防汛工作会议", "要求压实防汛责任", "副总理出席"])[2] == "副总理出席"


def test_a_title_ending_in_a_news_conference_held_is_no_kicker() -> None:
    # 发布会举行: 发布会 is the event, not the verb 发布 that introduces a title; the line names one story and
    # the titled line after it none, so they stay two headlines.
    assert partition(
        ["春蕾计划三十年成果发布会举行", "高山新房“长”出来（大国小家）"], [[0.6, 0.0], [0.0, 0.0]]
    ) == [1, 1]
    assert partition(["最高人民检察院印发意见", "规范办理涉企案件"], [[0.6, 0.0], [0.0, 0.0]]) == [2]


def test_headlines_no_story_took_go_to_the_photos_whose_captions_they_name() -> None:
    # Two photos and a story, their headlines in a block after them: each photo's title names its caption.
    result = reconstruct_page(
        page(
            *para("本报北京2月1日电 " + WETLAND[0] + WETLAND[1]),
            *para("山东寿光的菜农在地里收获大白菜，今年大白菜喜获丰收。"),
            "张三摄",
            *para("舞狮队在广场上表演舞龙舞狮，市民围观舞狮迎春。"),
            "李四摄",
            "湿地保护见成效",
            "舞龙舞狮迎新春",
            "大白菜丰收",
        )
    )
    assert [(a.kind, a.title) for a in result.articles] == [
        ("news", "湿地保护见成效"),
        ("photo", "大白菜丰收"),
        ("photo", "舞龙舞狮迎新春"),
    ]


def test_text_after_a_story_s_closing_note_is_another_story_when_a_headline_is_left_over() -> None:
    # The feature's headline names nothing its text says; its closing note ends it, and the leadless
    # commentary after the note is the story the other headline names.
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para("（本报南京、苏州电 记者张三、李四）"),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "水清岸绿 鸟语花香",
            "守岛夫妇在蛇岛过年",
        )
    )
    assert [a.title for a in result.articles] == ["水清岸绿 鸟语花香", "守岛夫妇在蛇岛过年"]
    assert result.articles[0].text.endswith("（本报南京、苏州电 记者张三、李四）")


def test_a_closing_note_wrapped_over_flush_lines_closes_its_story() -> None:
    # Set flush, the note's first line reads as a headline and its second, a list of reporters, as a
    # byline; the bracket opened with 本报 and closed two lines down makes them one note, the story's last.
    result = reconstruct_page(
        page(
            "海外春节庙会热闹",
            *para("春节将至，海外多地举办庙会，写春联、看年画，热闹非凡。"),
            *para("夜幕降临，吉萨的狮身人面像披上红装，游客纷纷拍照。"),
            "（本报莫斯科、曼谷、开罗电",
            "记者殷新宇、林芮、刘旭霞、叶琦",
            "，郭雨祺参与采写）",
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0] + WETLAND[1]),
        )
    )
    assert [a.title for a in result.articles] == ["海外春节庙会热闹", "湿地保护见成效"]
    assert (
        result.articles[0].paragraphs[-1].text
        == "（本报莫斯科、曼谷、开罗电记者殷新宇、林芮、刘旭霞、叶琦，郭雨祺参与采写）"
    )
    assert not result.unmatched_headlines


def test_loose_lines_set_alike_three_times_inside_a_story_are_its_subheads() -> None:
    # Place and phrase, three times over, each over text about its own city: a series of subheads cut to
    # one pattern, not three stories, though the text under each shares little with the text before.
    result = reconstruct_page(
        page(
            "海外春节庙会热闹",
            *para("春节将至，海外多地举办庙会，写春联、看年画，热闹非凡。"),
            "莫斯科",
            "联欢贺新年",
            *para("郊外瑞雪纷飞，孩子们在展览馆里学写福字，表演话剧。"),
            "曼谷",
            "商场办庙会",
            *para("商场里京剧歌舞轮番上演，剪纸风筝摊位前排起长队。"),
            "开罗",
            "点亮金字塔",
            *para("夜幕降临，吉萨的狮身人面像披上红装，游客纷纷拍照。"),
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0] + WETLAND[1]),
        )
    )
    assert [a.title for a in result.articles] == ["海外春节庙会热闹", "湿地保护见成效"]


def test_subheads_of_nearly_one_length_are_a_series_but_a_title_closed_by_its_tag_is_none() -> None:
    # Three single lines of 14, 12 and 12 characters, each over text on its own part of the province's
    # record: an editor's series of subheads, though not cut to one length. The title below of 13
    # characters closed by its column tag heads a story of its own.
    result = reconstruct_page(
        page(
            "江西跨越发展正当时",
            *para("本报南昌2月1日电 近4年来，江西主要经济指标增速位居全国第一方阵。"),
            "老区群众小康梦一步步变成现实",
            *para("腊月二十三，井冈山坝上村，贫困户吴云月正在厨房忙碌，为过年做准备。"),
            "生态优先绿色经济蓬勃兴起",
            *para("长江波涛滚滚，停靠在九江码头的油轮刚装完航空煤油，准备启程。"),
            "风清气正政治生态正在形成",
            *para("全省纪检监察机关严查群众身边的腐败问题，干部作风明显转变。"),
            "吴哥行，拥抱变永恒（旅人心语）",
            *para("清晨的吴哥窟游人如织，古老的石雕在朝阳下静静诉说着往昔。"),
        )
    )
    assert [a.title for a in result.articles] == ["江西跨越发展正当时", "吴哥行，拥抱变永恒（旅人心语）"]


def test_a_title_closed_by_its_tag_makes_no_series_with_the_headlines_of_its_length() -> None:
    # A subhead of 14 characters, the headline of a story with no lead of 13 and a title of 15 closed by
    # its column tag: no three runs set alike, the tagged one being a title. The story keeps its headline.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0]),
            "湿地公园成了市民休闲的好去处",
            *para(WETLAND[1]),
            "守岛夫妇在蛇岛上过了个新年",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "吴哥行，拥抱变永恒（旅人心语）",
            *para("清晨的吴哥窟游人如织，古老的石雕在朝阳下静静诉说着往昔。"),
        )
    )
    assert "守岛夫妇在蛇岛上过了个新年" in [a.title for a in result.articles]


def test_a_letter_s_salutation_under_its_headline_is_its_first_paragraph() -> None:
    # A colon ends the flush line as it would a kicker's, but an indented paragraph follows, not a title.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0]),
            *para(WETLAND[1]),
            "第四十二封家书（寄给祖国的家书）",
            "亲爱的笑笑、果果：",
            *para("刚刚结束同你们的视频，爸爸还是止不住对你们和妈妈的思念。"),
            *para("爸爸在这边一切安好，勿念。"),
        )
    )
    letter = result.articles[1]
    assert (letter.kicker, letter.title) == (None, "第四十二封家书（寄给祖国的家书）")
    assert letter.paragraphs[0].text == "亲爱的笑笑、果果："


def test_flush_full_lines_without_commas_run_on_to_the_sentence_they_end() -> None:
    # A paragraph set flush after one that ended its sentence at the line's end: its first two lines carry
    # no comma, the third does; all three are text, not a headline.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0], width=12),
            "　　湿地周边的污染企业关",
            "了，水质改善，鸟儿多了。",
            "这位研究者就是现在被称为",
            "“深度学习之父”的杰弗里",
            "·辛顿。厚积薄发是基因。",
            "守岛夫妇在蛇岛过年",
            *para("本报大连2月1日电 " + SNAKE[0], width=12),
            *para(SNAKE[1], width=12),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert "杰弗里·辛顿" in result.articles[0].text


def test_a_loose_line_broken_at_the_column_width_inside_a_story_is_a_subhead() -> None:
    # A title spans columns; a subhead is set in the column and broken at its width like text.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0], width=12),
            *para("湿地周边的污染企业关了，水质改善，鸟儿多了。", width=12),
            "去年湿地旅游综合收入增长",
            "两成",
            *para("穿紫河一度是条臭水沟，如今游船往来，两岸游客如织。", width=12),
            *para("春节期间，河边灯会吸引了大批市民。", width=12),
        )
    )
    (article,) = result.articles
    assert [p.kind for p in article.paragraphs].count("heading") == 1


def test_a_kicker_at_the_top_of_the_page_is_no_section_name() -> None:
    # Short and words only, like 要闻, but it ends with the verb that introduces the title below it.
    result = reconstruct_page(
        page(
            "人民日报  2020年1月6日  星期一",
            "副总理强调",
            "确保湿地保护见成效",
            *para("本报北京1月5日电 " + WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    assert result.section is None
    assert (result.articles[0].kicker, result.articles[0].title) == ("副总理强调", "确保湿地保护见成效")


def test_a_headline_naming_a_photo_best_is_its_title_not_a_cut_in_a_story() -> None:
    # 蛇岛守岛人过年 shares a word or two with the story's last paragraph, but names the photo's caption
    # better: it titles the photo, instead of cutting the story or standing as its subtitle.
    result = reconstruct_page(
        page(
            *para("守岛人夫妇在蛇岛上过年，贴起了福字。"),
            "张三摄",
            *para("本报讯 （记者王明）" + WETLAND[0]),
            *para(WETLAND[1]),
            *para("会议要求，守岛人加强海岛巡查，蛇岛春节期间也不能松懈。"),
            "湿地保护见成效",
            "蛇岛守岛人过年",
        )
    )
    photo, story = result.articles
    assert (photo.kind, photo.title) == ("photo", "蛇岛守岛人过年")
    assert (story.title, story.subtitle) == ("湿地保护见成效", None)
    assert "蛇岛春节期间" in story.text


def test_a_figure_set_flush_on_a_line_of_its_own_is_text_not_a_headline() -> None:
    # A feature sets its key figures large above the paragraphs that explain them: words make a headline.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "守岛夫妇在蛇岛过年",
            "——一座小岛的春节见闻",
            "12万",
            *para(SNAKE[0]),
            "88.5%",
            *para(SNAKE[1]),
        )
    )
    wetland, snake = result.articles
    assert (snake.kicker, snake.title, snake.subtitle) == (None, "守岛夫妇在蛇岛过年", "——一座小岛的春节见闻")
    assert snake.text.startswith("12万") and "88.5%" in snake.text


def test_a_title_as_wide_as_a_narrow_column_is_not_broken_text_when_the_two_lines_are_long() -> None:
    # A subhead broken at the column's width is short; two lines longer than any subhead are a headline
    # whose first line happens to fill the column, and a second headline line.
    result = reconstruct_page(
        page(
            *para(SNAKE[0], 12),
            *para(SNAKE[1], 12),
            "湿地保护区候鸟数量创新高",
            "湖区生态环境持续改善向好",
            *para(WETLAND[0], 12),
            *para(WETLAND[1], 12),
        )
    )
    wetland = result.articles[-1]
    assert (wetland.title, wetland.subtitle) == ("湿地保护区候鸟数量创新高", "湖区生态环境持续改善向好")


def test_a_title_of_phrases_set_on_two_lines_is_one_title() -> None:
    # The first line is itself phrases set apart by a space: the line below goes on with the title.
    assert roles(["安全生产 常抓不懈", "为企业复工保驾护航"]) == (
        None,
        "安全生产 常抓不懈 为企业复工保驾护航",
        None,
    )
    # Without the space, the longer line below is a subtitle; with a dash, too.
    assert roles(["安全生产常抓不懈", "为企业复工保驾护航"]) == (
        None,
        "安全生产常抓不懈",
        "为企业复工保驾护航",
    )
    assert roles(["安全生产 常抓不懈", "——为企业复工保驾护航"]) == (
        None,
        "安全生产 常抓不懈",
        "——为企业复工保驾护航",
    )


def test_a_dash_broken_at_the_column_width_stays_with_the_subhead_it_closes() -> None:
    # `……张小明—` / `—`: the two halves of one dash, the subhead introducing someone, broken like text.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para("本报北京2月1日电 " + WETLAND[0], width=12),
            *para("湿地周边的污染企业关了，水质改善，鸟儿多了。", width=12),
            "东湖湿地管理站站长张明—",
            "—",
            *para("“湿地是候鸟的家，也是我的家”", width=12),
            *para(WETLAND[1], width=12),
        )
    )
    (article,) = result.articles
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert headings == ["东湖湿地管理站站长张明——"]


def test_a_first_headline_line_too_short_to_tell_the_news_is_a_kicker() -> None:
    # A place or a rubric tags the title below it; a title over a subtitle says something itself.
    assert roles(["东湖村", "首次发现国家一级保护鸟类"]) == ("东湖村", "首次发现国家一级保护鸟类", None)
    assert roles(["候鸟回来了", "首次发现国家一级保护鸟类"]) == (
        None,
        "候鸟回来了",
        "首次发现国家一级保护鸟类",
    )


def test_a_paragraph_closing_with_a_note_in_brackets_ends_there() -> None:
    # `…（见附表）` ends its paragraph as a full stop would: the short flush line below is a headline.
    first = (
        "湿地周边的污染企业关了，水质改善，鸟儿多了，保护名录（见附表）"  # its last line: 保护名录（见附表）
    )
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0], width=12),
            *para(first, width=12),
            "蛇岛过年",
            *para(SNAKE[0], width=12),
            *para(SNAKE[1], width=12),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "蛇岛过年"]


TEA = (
    "茶园里茶农正忙着采摘春茶，今年春茶长势好，茶叶价格也高。",
    "茶农说，茶园用上了滴灌，春茶的品质一年比一年好，茶叶销路不愁。",
)


def test_two_single_line_titles_side_by_side_with_column_tags_head_two_stories() -> None:
    # Each line of the block closes with a column tag: three titles, none another's kicker or subtitle, so
    # the titles beside the one the page's text took still cut the text where they fit.
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para(TEA[0]),
            *para(TEA[1]),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "湿地保护见成效（美丽中国）",
            "蛇岛过年（新春走基层）",
            "春茶飘香（田间地头）",
        )
    )
    assert [(a.title, a.text[:2]) for a in result.articles] == [
        ("湿地保护见成效（美丽中国）", "湿地"),
        ("春茶飘香（田间地头）", "茶园"),
        ("蛇岛过年（新春走基层）", "蛇岛"),
    ]


def test_a_word_both_headlines_share_does_not_cut_a_story_where_it_recurs() -> None:
    # A feature and a commentary on one topic (湿地 in both headlines, and in every paragraph): only the
    # words one headline has and the other lacks (效益) tell where the commentary begins.
    feature = (
        "湿地公园里候鸟成群，湿地面积逐年扩大，成了市民休闲的好去处。",
        "为了湿地，当地关停了周边的污染企业，湿地水质明显改善，鸟多了。",
        "保护区管理员说，湿地巡护每天都要走二十里路，湿地的鸟认得他。",
        "如今湿地周边的村民也当起了志愿者，湿地成了村里的骄傲。",
    )
    commentary = (
        "湿地保护要算长远账，不能只看眼前效益，更要看生态效益。",
        "生态效益算清了，湿地保护才有后劲，效益也会越来越好。",
    )
    result = reconstruct_page(
        page(
            *[line for text in feature + commentary for line in para(text)],
            *para("本报讯 （记者王明）" + SNAKE[0]),
            *para(SNAKE[1]),
            "算好湿地效益账（评论）",
            "守岛夫妇在蛇岛过年",
            "湿地候鸟多了",
        )
    )
    assert [(a.title, a.text[:4]) for a in result.articles] == [
        ("湿地候鸟多了", "湿地公园"),
        ("算好湿地效益账（评论）", "湿地保护"),
        ("守岛夫妇在蛇岛过年", "本报讯 "),
    ]


def test_a_paragraph_no_headline_names_goes_with_the_story_whose_words_it_shares() -> None:
    # Neither headline names the feature's short last paragraph nor the next story's first: the cut
    # between them is where each goes on with the words of its own story (候鸟 above, 蝮蛇 and 冬眠 below).
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para("候鸟回来了。"),
            *para("冬天的海风很冷，岛上的蝮蛇都在冬眠，福字贴在门上。"),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            *para(TEA[0]),
            *para(TEA[1]),
            "湿地保护见成效（美丽中国）",
            "蛇岛过年（新春走基层）",
            "春茶飘香（田间地头）",
        )
    )
    wetland, snake, _ = result.articles
    assert wetland.text.endswith("候鸟回来了。") and snake.text.startswith("冬天的海风")


def test_a_headline_naming_a_photo_better_than_its_story_gives_the_story_the_one_left_over() -> None:
    # 冰雪旅游人气旺 fits the story's text and the caption, the caption best; photos are no candidates in the
    # assignment, so it took the story and left the story's own headline over: the two are exchanged.
    result = reconstruct_page(
        page(
            *para("本报北京2月1日电 冬季冰雪旅游火热，湿地公园游客多。"),
            *para("冰雪旅游带动湿地周边就业，湿地公园收入增长。"),
            *para("游客在湖面上参加划船观鸟，冰雪旅游人气旺。"),
            "张三摄",
            *para("本报大连2月1日电 " + SNAKE[0]),
            *para(SNAKE[1]),
            "冰雪旅游人气旺",
            "守岛夫妇在蛇岛过年",
            "湿地公园成了休闲去处",
        )
    )
    assert [(a.kind, a.title) for a in result.articles] == [
        ("news", "湿地公园成了休闲去处"),
        ("photo", "冰雪旅游人气旺"),
        ("news", "守岛夫妇在蛇岛过年"),
    ]


def test_below_a_title_closed_by_its_column_tag_only_a_dashed_subtitle_stays_in_its_group() -> None:
    # The three lines name one story's paragraph alike, but the column tag closes the title: a plain line
    # after it is the next story's kicker, a dashed one the title's subtitle.
    fits = [[0.5, 0.0], [0.5, 0.0], [0.5, 0.1]]
    assert partition(["倡导绿色出行", "骑行成风尚（城市观察）", "共享单车已成为市民出行的首选"], fits) == [
        2,
        1,
    ]
    assert partition(["倡导绿色出行", "骑行成风尚（城市观察）", "——记共享单车"], fits) == [3]


def test_two_reports_of_one_official_meeting_someone_are_two_headlines() -> None:
    # Both texts say 会见 and much the same protocol, so the lines name each other's paragraphs too; but
    # 甲会见乙 over 丙会见丁 is two reports of one kind, never a kicker and its title.
    assert partition(["某部长会见越方客人", "某外长会见伊方外长"], [[0.6, 0.3], [0.3, 0.6]]) == [1, 1]


def test_a_title_set_as_a_couplet_over_two_lines_is_one_group() -> None:
    # Two phrases of one length, the second closing with the column tag: one title's halves, though each
    # names another paragraph. Halves of unequal length keep the weaker bonus of a title on two lines.
    fits = [[0.6, 0.0, 0.0], [0.0, 0.4, 0.0]]
    assert partition(["湿地保护有力", "候鸟回归增多（美丽中国）"], fits) == [2]
    assert partition(["湿地保护有力", "候鸟回归明显增多（美丽中国）"], fits) == [1, 1]


@pytest.mark.parametrize(
    "title", [["你帮我护林 我助你增收（绿色力量）"], ["你帮我护林", "我助你增收（绿色力量）"]]
)
def test_a_titled_headline_left_over_under_a_lone_line_that_took_a_story_is_its_title(
    title: list[str],
) -> None:
    # The kicker names the story in its words and takes it; the title, closed by its column tag, names it
    # in the editor's words, too few to take it alone: standing right below the kicker, it is its title.
    result = reconstruct_page(
        page(
            *para("本报北京2月1日电 某市探索建立湿地生态补偿机制，下游城市补偿上游。"),
            *para("村民今年护林三百亩，补偿款帮他们增收。"),
            *para("某市湿地生态补偿机制将在全省推广。"),
            *para("本报大连2月1日电 " + SNAKE[0]),
            *para(SNAKE[1]),
            "守岛夫妇在蛇岛过年",
            "某市探索建立湿地生态补偿机制",
            *title,
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("某市探索建立湿地生态补偿机制", "你帮我护林 我助你增收（绿色力量）"),
        (None, "守岛夫妇在蛇岛过年"),
    ]
    assert not result.unmatched_headlines


def test_a_place_alone_over_a_title_is_its_kicker() -> None:
    # Without cues the shorter line is the title; but a line of four characters or fewer names a place or
    # a rubric over the title, never a title with its subtitle.
    assert roles(["某省某县", "首次拍到白鹤成群越冬"]) == (
        "某省某县",
        "首次拍到白鹤成群越冬",
        None,
    )


def test_two_lines_of_bare_words_are_one_title_broken_at_a_space() -> None:
    # A space left in the first half, or a kicker closed by its cue above: one title set on two lines.
    assert roles(["护湿地 守候鸟", "为建设湿地强省而拼搏奋斗"]) == (
        None,
        "护湿地 守候鸟 为建设湿地强省而拼搏奋斗",
        None,
    )
    assert roles(["某机构发言人：", "坚决支持湿地保护", "共同守护候鸟家园"]) == (
        "某机构发言人：",
        "坚决支持湿地保护 共同守护候鸟家园",
        None,
    )
    # Without either, the second line is the subtitle; punctuation reads on as a subtitle does.
    assert roles(["湿地保护见成效", "某地候鸟数量逐年增加"])[2] == "某地候鸟数量逐年增加"
    assert roles(["湿地保护 成效显著", "截至1月5日，候鸟增加两成"])[2] == "截至1月5日，候鸟增加两成"


def test_the_first_half_of_a_couplet_title_at_the_top_of_the_page_is_no_section_name() -> None:
    # Short and words only, like 要闻, but the line below closes the couplet it opens with its column tag.
    result = reconstruct_page(
        page(
            "保护湿地",
            "守护候鸟（美丽中国）",
            *para("本报北京2月1日电 " + WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    assert result.section is None
    assert result.articles[0].title == "保护湿地 守护候鸟（美丽中国）"


def test_a_line_left_over_below_a_longer_lone_line_that_took_a_story_is_its_title() -> None:
    # The kicker names who the story is about and takes it; the title below it says little, in words of
    # its own, too little to take a story: it names the kicker's story more than any other, so is its title.
    result = reconstruct_page(
        page(
            *para("本报北京2月1日电 某市湿地保护中心主任张三在湿地工作了三十年。"),
            *para("张三说，湿地保护中心今年又多了几位年轻人。"),
            *para("年轻人每天巡查，清点候鸟，守望着这片土地。"),
            *para("本报大连2月1日电 " + SNAKE[0]),
            *para(SNAKE[1]),
            "守岛夫妇在蛇岛过年",
            "某市湿地保护中心主任张三",
            "一生守望的坚持",
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("某市湿地保护中心主任张三", "一生守望的坚持"),
        (None, "守岛夫妇在蛇岛过年"),
    ]


def test_a_headline_group_has_at_most_two_lines_above_the_line_its_column_tag_closes() -> None:
    # A kicker and the first half of a title on two lines: a third line above them heads another story,
    # though it names much the same as they do.
    lines = ["某市湿地保护方案出炉", "某区创新湿地管护", "护湿贷", "为湿地保护解困（生态聚焦）"]
    assert partition(lines, [[0.3, 0.5]] + [[0.5, 0.0]] * 3) == [1, 3]


def test_a_line_opening_with_a_count_of_what_was_issued_is_a_title_not_a_kicker() -> None:
    # 发布 at its end reads as a kicker's verb, but what comes first is what was issued, not who issued it.
    assert roles(["3项湿地保护标准发布", "自然保护区由低到高分为五级"]) == (
        None,
        "3项湿地保护标准发布",
        "自然保护区由低到高分为五级",
    )
    assert roles(["某部门发布", "自然保护区由低到高分为五级"])[0] == "某部门发布"


def test_a_paragraph_where_someone_named_above_speaks_is_no_story_s_first() -> None:
    # Two headlines side by side, one story with a lead: the cut falls after the report, not after its
    # first paragraph, though the report's last paragraphs share the commentary's words (疫情).
    result = reconstruct_page(
        page(
            *para("新华社北京5月7日电 国家主席王明5月7日晚同乙国总统卡洛斯通电话。"),
            *para("王明强调，疫情发生后，你来函表达慰问，中方支持乙方抗击疫情的努力。"),
            *para("卡洛斯表示，乙方钦佩中国人民抗击疫情中展现的坚定信念，感谢中方提供的宝贵支持。"),
            *para("新冠肺炎疫情正在全球蔓延，中国疫情防控取得重大战略成果，交出了一份中国答卷。"),
            *para("这张中国答卷来之不易，记录下抗疫中艰苦卓绝的努力，也彰显了中国担当。"),
            "王明同乙国总统通电话",
            "抗疫交出“中国答卷”",
            "——携手全球抗疫 彰显中国担当",
        )
    )
    assert [a.title for a in result.articles] == ["王明同乙国总统通电话", "抗疫交出“中国答卷”"]
    assert result.articles[0].paragraphs[-1].text.startswith("卡洛斯表示")
    assert result.articles[1].paragraphs[0].text.startswith("新冠肺炎疫情")


def test_paragraphs_neither_headline_names_before_a_cut_open_the_story_below() -> None:
    # A report, then a feature opening on a scene: the scene's paragraphs name neither headline, and go to
    # the feature, not to the end of the report.
    result = reconstruct_page(
        page(
            *para(
                "本报河内10月6日电 （记者张明）越南对外友好联合会今晚在河内举行招待会，庆祝越中建交70周年。"
            ),
            *para("越南党报今天也发表文章，高度评价越中建交的重要意义，越中友谊不断发展。"),
            *para("烟雨江南，总是让人神往。今天，他们也发表感言，高度评价这座小镇。"),
            *para("小桥流水，粉墙黛瓦，仿佛穿越到千年之前。"),
            *para("在村里，学员们看到乡村道路干净整洁，村民生活富足，乡村变化令人赞叹。"),
            *para("学员们说，亲眼见证了中国乡村的变化，这里的乡村治理值得学习。"),
            "越南庆祝越中建交70周年",
            "“亲眼见证了中国乡村的变化”",
            "——外国记者眼中的新农村",
        )
    )
    assert [a.title for a in result.articles] == ["越南庆祝越中建交70周年", "“亲眼见证了中国乡村的变化”"]
    assert result.articles[1].paragraphs[0].text.startswith("烟雨江南")


SUMMARY = "下一阶段，要毫不放松常态化防控，着力做好经济社会发展各项工作，稳企业保就业。"
REPORT = (
    "新华社北京5月15日电 中央有关部门5月15日召开会议，讨论年度工作报告。",
    "会议指出，" + SUMMARY,
)
CALL = (
    "新华社北京5月15日电 国家主席王明5月15日晚同乙国总统卡洛斯通电话。",
    "王明指出，双方要加强抗疫合作，共同维护两国和发展中国家利益。",
)


@pytest.mark.parametrize("above", [False, True])
def test_a_summary_the_report_after_it_repeats_opens_that_report(above: bool) -> None:
    # A summary set in larger type above a report, its words repeated in the report: it belongs to the
    # report below it, not to the end of the story before it, whether the headlines stand above or after.
    heads = ("王明同乙国总统通电话", "讨论年度工作报告")
    body = [*para(CALL[0]), *para(CALL[1])]
    report = [*para(SUMMARY), *para(REPORT[0]), *para(REPORT[1])]
    lines = [heads[0], *body, heads[1], *report] if above else [*body, *report, *heads]
    result = reconstruct_page(page(*lines))
    assert [a.title for a in result.articles] == list(heads)
    assert [p.text for p in result.articles[1].paragraphs][0] == SUMMARY
    assert result.articles[1].dateline is not None


# A roundup of two reports under one headline, and a brief after it with a headline of its own.
QINGHAI = (
    "本报西宁1月15日电 （记者张明）记者从青海省林草局获悉：2019年青海完成营造林433万亩。",
    "青海完成营造林任务的108%，全省营造林面积三年累计1242万亩。",
)
JILIN = (
    "本报长春1月15日电 （记者李华）2019年，吉林省恢复湿地4.5万亩，完成造林120万亩。",
    "吉林省还开展了森林草原执法等11项专项行动。",
)
WEATHER = "本报北京1月15日电 （记者刘毅）全国气象局长会议近日召开，气象预警信息公众覆盖率提至87%。"
ROUNDUP_HEADLINES = ("青海完成营造林433万亩 吉林恢复湿地4.5万亩", "气象预警信息公众覆盖率提至87%")


def test_reports_from_two_places_under_one_headline_naming_both_are_one_article() -> None:
    # A roundup: one headline, two datelines. The headline names both reports, the second one better (its
    # words are more of the headline's): it heads the first, and the second goes on under it. A brief the
    # headline does not name keeps its own.
    result = reconstruct_page(
        page(
            *para(QINGHAI[0]),
            *para(QINGHAI[1]),
            *para(JILIN[0]),
            *para(JILIN[1]),
            *para(WEATHER),
            *ROUNDUP_HEADLINES,
        )
    )
    assert [a.title for a in result.articles] == list(ROUNDUP_HEADLINES)
    assert len(result.articles[0].paragraphs) == 4


def test_a_roundups_second_report_cut_short_by_its_jump_goes_on_under_the_headline() -> None:
    # The second report prints only its dateline and a few words before `下转第二版`: too little to be
    # named well by the headline, but a page sends no headless brief on to another page.
    result = reconstruct_page(
        page(
            *para(QINGHAI[0]),
            *para(QINGHAI[1]),
            *para("本报长春1月15日电 （记者李华）记者从吉林省林业工作会议上获悉 下转第二版"),
            *para(WEATHER),
            *ROUNDUP_HEADLINES,
        )
    )
    assert [a.title for a in result.articles] == list(ROUNDUP_HEADLINES)
    assert len(result.articles[0].paragraphs) == 3
    assert result.articles[0].continued_to_page == 2


def test_a_continued_roundup_takes_its_headline_from_its_second_report() -> None:
    # Page 2 goes on with a roundup from page 1: the end of its first report (上接第一版 …), then its
    # second report with a dateline. The headlines stand in a block after the stories; the roundup's names
    # the second report best, but heads both: a continuation is never left without a headline.
    result = reconstruct_page(
        page(
            "上接第一版 青海全省营造林面积三年累计1242万亩，青海完成营造林任务的108%。",
            *para(JILIN[0]),
            *para(JILIN[1]),
            *para(WEATHER),
            *ROUNDUP_HEADLINES,
        )
    )
    assert [(a.continued_from_page, a.title) for a in result.articles] == list(
        zip((1, None), ROUNDUP_HEADLINES, strict=True)
    )
    assert len(result.articles[0].paragraphs) == 3


BAMBOO = (
    "“以前，我们这里的房子全是用竹子扎的，透风又漏雨，最多两年就烂掉了，只能重新扎。”老人回忆说。",
    "相比竹房，更艰苦的是茅草房。那时候，村民住的是低矮破烂的茅草房，屋里黑洞洞的。",
    "到了后来，老人一家攒齐了木椽子，建起了木板房，如今又搬进了宽敞明亮的砖瓦房。",
)


def test_a_tagged_title_no_text_names_takes_the_end_of_a_story_its_headline_stops_naming() -> None:
    # The feature's title is all the editor's words and its text shares none with the report above it; the
    # column tag says it heads a story of its own: the report's headline stops naming the text there.
    result = reconstruct_page(
        page(
            *para(
                "本报北京10月10日电 （记者张明）助学计划30年成果发布会今天在京召开，助学计划资助女童超过三百万人。"
            ),
            *para("据悉，30年来助学计划累计筹集爱心捐款二十亿元，援建学校一千多所。"),
            *[line for text in BAMBOO for line in para(text)],
            "助学计划30年成果发布会举行",
            "高山新家“长”出来（大国小家）",
        )
    )
    assert [a.title for a in result.articles] == [
        "助学计划30年成果发布会举行",
        "高山新家“长”出来（大国小家）",
    ]
    assert result.articles[1].paragraphs[0].text == BAMBOO[0]


def test_a_list_closing_a_story_is_not_taken_for_a_story_under_a_tagged_title() -> None:
    # The list of short items after the announcement is no running text: the title left over does not
    # take it.
    result = reconstruct_page(
        page(
            *para("本报北京10月10日电 （记者张明）一套长篇小说丛书近日出版，丛书收录七十部长篇小说精品。"),
            *para("丛书收录的作品反映了时代的变迁，体现了文化的自信。"),
            *para("书名：风云初记 作者：孙犁"),
            *para("书名：铁道游击队 作者：知侠"),
            *para("书名：保卫延安 作者：杜鹏程"),
            "",
            "长篇小说丛书出版",
            "",
            "高山新家“长”出来（大国小家）",
        )
    )
    assert [a.title for a in result.articles] == ["长篇小说丛书出版"]
    assert result.articles[0].paragraphs[-1].text == "书名：保卫延安 作者：杜鹏程"


def test_a_short_line_over_a_tagged_title_of_two_phrases_is_its_kicker() -> None:
    # 王家村 over a title of two parallel phrases names the place; over a title of one phrase a short line
    # may be the title's first half, set on a line of its own.
    assert roles(["王家村", "悠悠慢时光 古村韵味长（寻找最美乡村）"]) == (
        "王家村",
        "悠悠慢时光 古村韵味长（寻找最美乡村）",
        None,
    )
    assert roles(["飞地", "山城跃起产业新城（经济聚焦）"]) == (
        None,
        "飞地 山城跃起产业新城（经济聚焦）",
        None,
    )


def filed_letter_page() -> str:
    return page(
        *para("新华社北京4月30日电 国家主席王明4月30日晚同乙国总统卡洛斯通电话。"),
        *para("王明指出，中方愿同乙方加强抗疫合作，推动两国关系不断发展。"),
        *para("卡洛斯表示，乙方感谢中方提供的宝贵支持，愿同中方深化合作。"),
        "\u3000\u3000回 信",
        "\u3000\u3000长河集团全体职工：",
        *para("你们好！疫情发生后，你们一直坚守保洁、物业等岗位，为抗击疫情作出了贡献。大家辛苦了！"),
        *para("值此劳动节之际，我向你们、向全国劳动群众致以节日的问候！"),
        "\u3000\u3000王明",
        "\u3000\u30002020年4月30日",
        "\u3000\u3000（新华社北京4月30日电）",
        *para(
            "新华社北京4月30日电 在劳动节来临之际，王明给长河集团全体职工回信，向全国劳动群众致以节日的问候。"
        ),
        *para("长河集团是一家综合服务型企业，职工们近日写信汇报了坚守岗位、抗击疫情的情况。"),
        "王明同乙国总统通电话",
        "王明给长河集团职工回信勉励劳动群众",
        "弘扬劳动精神 在平凡岗位上续写不平凡的故事",
        "向全国劳动群众致以节日的问候",
    )


def test_a_letter_its_filing_line_and_the_report_on_it_under_the_same_dateline_are_one_story() -> None:
    # The letter opens with its salutation under a label, after another story; its signature's date is
    # text, not the page's folio; its filing line and the report after it, same dateline, are one story.
    result = reconstruct_page(filed_letter_page())
    assert [a.title for a in result.articles] == [
        "王明同乙国总统通电话",
        "弘扬劳动精神 在平凡岗位上续写不平凡的故事",
    ]
    letter = [p.text for p in result.articles[1].paragraphs]
    assert letter[0] == "回 信" and letter[1] == "长河集团全体职工："
    assert "2020年4月30日" in letter and letter[-1].startswith("长河集团是")
    assert not any(f.text == "2020年4月30日" for f in result.furniture)


def edge(before: str, after: str, following: str = "", earlier: str = "") -> float:
    return stories.edge_strength(
        before, after, bigrams(before), bigrams(after), earlier=earlier, following=following
    )


def test_a_letter_opens_at_its_label_or_its_salutation_where_a_story_may_begin() -> None:
    told = "卡洛斯表示，乙方感谢中方提供的宝贵支持，愿同中方深化合作。"
    letter = "你们好！疫情发生后，你们一直坚守岗位。"
    assert edge(told, "回 信", following="长河集团全体职工：") == 1.0
    assert edge(told, "长河集团全体职工：", following=letter) == 1.0
    assert edge("回 信", "长河集团全体职工：", following=letter) < 1.0  # the label above opened it


def test_a_paragraph_going_on_from_the_text_above_is_no_edge() -> None:
    call = "国家主席王明同乙国总统卡洛斯通电话。"
    assert edge(call, "此外，双方还就共同关心的问题交换了意见。") == -1.0
    assert edge("王明指出，双方要加强合作。", "卡洛斯表示，乙方愿同中方深化合作。", earlier=call) == -1.0
    assert edge("王明指出，双方要加强合作。", "李华表示，今年的展会规模更大。", earlier=call) > -1.0


def test_a_photo_title_a_feature_took_goes_to_the_photo_before_the_feature_is_cut_for_its_own() -> None:
    # “看，无人机！” names the feature (a drone is tested there) as fully as the photo's caption, and took
    # the feature, which photos cannot; the feature's own headline was left over. The photo gets its
    # title before anything cuts the feature in two for the headline left over.
    result = reconstruct_page(
        page(
            *para("林立高楼代替了昔日荒芜，深水良港矗立在海边，山区的产业新城脱颖而出。"),
            *para("新城的机器人小镇里，企业研发的无人机正在试飞，产业集聚效应初步显现。"),
            *para("产业兴，城市兴。新城规划建设了多个产业园区，引进项目八十多个。"),
            *para("在一处村小组，孩子们在观察无人机。"),
            *para("科普志愿者来到村里，为山区孩子上了一堂无人机航拍科普课。"),
            "陈明摄（影像中国）",
            *para("本报北京1月8日电 （记者杜海涛）记者从国家粮食和物资储备局获悉：秋粮收购进展总体顺利。"),
            "秋粮收购平稳有序进展顺利",
            "山区跃起产业新城（经济聚焦）",
            "“看，无人机！”",
        )
    )
    assert [(a.kind, a.title, len(a.paragraphs)) for a in result.articles] == [
        ("news", "山区跃起产业新城（经济聚焦）", 3),
        ("photo", "“看，无人机！”", 3),
        ("news", "秋粮收购平稳有序进展顺利", 1),
    ]


def test_a_caption_s_first_paragraph_after_a_story_with_subheads_goes_with_the_caption() -> None:
    # The story before the photo has a subhead far above; the caption's first paragraph, which shares its
    # words with the caption and none with the story, still goes with the photo.
    result = reconstruct_page(
        page(
            "服务国家战略 展现江苏作为",
            *para("长三角一体化发展是新时代确定的重大战略，江苏有哪些考虑？做了哪些工作？"),
            "推动一体化",
            *[
                line
                for _ in range(4)
                for line in para("江苏将坚持规划引领，统筹推进交通、产业、生态等领域的一体化发展。")
            ],
            *para("在一处村小组，孩子们在观察无人机。"),
            *para("科普志愿者来到村小组，为孩子们上了一堂无人机航拍科普课。"),
            "陈明摄（影像中国）",
        )
    )
    photo = result.articles[-1]
    assert photo.kind == "photo"
    assert photo.paragraphs[0].text == "在一处村小组，孩子们在观察无人机。"


def test_a_line_with_a_kicker_s_punctuation_right_above_a_tagged_title_is_its_kicker() -> None:
    # The kicker states a fact (commas, enumeration marks), the title below it is closed by its column
    # tag; what each names of the story's paragraphs overlaps little, as a kicker's and a title's often do.
    lines = [
        "一季度电商直播超400万场（市场资讯）",
        "社交电商已成为仅次于自营电商、平台电商的“第三极”",
        "跟着好友买 购物添导购（消费视窗）",
    ]
    fits = [[0, 0, 0, 0, 0.8], [0.9, 0.3, 0, 0.2, 0], [0.1, 0.3, 0.6, 0.5, 0]]
    assert partition(lines, fits) == [1, 2]
    assert roles(lines[1:]) == (lines[1], lines[2], None)


def test_a_marked_sidebar_after_a_story_s_closing_byline_stays_in_the_story() -> None:
    # ■专家观点 and its title set flush after the story's closing byline open a sidebar of the story, not a
    # story of its own: a marked label is never a kicker.
    result = reconstruct_page(
        page(
            "美好而充实的一天",
            *para("寒假里，六位好少年的一天安排得满满当当，读书、练字、踢球、做志愿服务。"),
            *para("（本报记者王明峰、姚雪青）"),
            "■专家观点",
            "他们眼里有光芒",
            *para("好少年应该是什么样？专家说，他们应该眼里有光芒，心中有梦想。"),
            "平凡的故事传递正能量",
            *para("本报北京2月24日电 （记者王昊男）平凡的故事最是拥有触动人心的力量。"),
        )
    )
    assert [a.title for a in result.articles] == ["美好而充实的一天", "平凡的故事传递正能量"]
    assert result.articles[0].paragraphs[-1].text.startswith("好少年应该是什么样")


def test_a_tagged_title_left_over_below_the_kicker_that_took_the_story_joins_it() -> None:
    # In a block of headlines before the stories, 王家村 took the story it names; the title below it names
    # the story in few words of its own (古村), but no other story more: it is the kicker's title.
    lines = [
        "赶紧回村，心里才踏实（奋斗在复工一线）",
        "王家村",
        "悠悠慢时光",
        "古村韵味长（寻找最美乡村）",
        *para("驻村干部张明二月初就赶回了村里，帮乡亲们备耕、找销路，心里才踏实。"),
        *para("王家村位于山脚下，村里的古宅、古道保存完好，石雕、木雕精致多样。"),
        *para("近年来，王家村落实乡村振兴战略，游客越来越多，古村焕发了生机。"),
    ]
    result = reconstruct_page(page(*[x for line in lines for x in (line, "")]))
    assert [(a.kicker, a.title) for a in result.articles] == [
        (None, "赶紧回村，心里才踏实（奋斗在复工一线）"),
        ("王家村", "悠悠慢时光 古村韵味长（寻找最美乡村）"),
    ]


BOOKS = (
    "书名：风云初记 作者：孙犁",
    "书名：铁道游击队 作者：知侠",
    "书名：保卫延安 作者：杜鹏程",
    "书名：红日 作者：吴强",
)


@pytest.mark.parametrize("width", [12, 24])
def test_a_list_of_items_set_flush_is_text_not_headlines(width: int) -> None:
    # 书名：… 作者：… line after line, set flush and short like subheads, wrapped onto short remainders in a
    # narrow column: items of the list, each a paragraph, and the headline right after the list is still one.
    items = [line for item in BOOKS for line in (item[:width], item[width:]) if line]
    result = reconstruct_page(
        page(
            "长篇小说丛书出版发行",
            *para("新华社北京10月10日电 一套收录七十部长篇小说精品的丛书近日出版发行，书目如下。", width),
            *items,
            "助学计划成果发布会举行",
            *para("本报北京10月10日电 （记者杨昊）助学计划30年成果发布会今天在京召开。", width),
        )
    )
    assert [a.title for a in result.articles] == ["长篇小说丛书出版发行", "助学计划成果发布会举行"]
    assert [p.text for p in result.articles[0].paragraphs][1:] == list(BOOKS)


def test_a_continuation_before_a_report_does_not_take_the_report_s_headline() -> None:
    # The continuation (上接第一版) shares the report's words, but is no report of a roundup: the headline
    # right above the report stays the report's.
    result = reconstruct_page(
        page(
            "上接第一版 自治区党委常委、政法委书记出席会议并讲话。",
            *para("会议强调，政法机关要忠实履职尽责，锻造忠诚干净担当的政法铁军。"),
            "河北省委政法工作会议提出",
            "打造忠诚干净担当新时代政法铁军",
            *para("本报讯 记者周宵鹏 日前召开的河北省委政法工作会议强调，打造忠诚干净担当的政法铁军。"),
        )
    )
    assert [(a.continued_from_page, a.title) for a in result.articles] == [
        (1, None),
        (None, "打造忠诚干净担当新时代政法铁军"),
    ]


def test_a_summary_under_a_headline_over_a_report_that_does_not_repeat_it_opens_the_report() -> None:
    # A summary in larger type stands between the headline and the report's dateline; the report's repeat
    # of it went on to another page with the jump, so nothing on this page says the two belong together
    # but where they stand: the headline above the summary, and the report after it with none of its own.
    result = reconstruct_page(
        page(
            "要闻",
            "湿地保护见成效",
            *para("本报南昌1月2日电 （记者李明）" + WETLAND[0]),
            *para(WETLAND[1]),
            "守岛夫妇在蛇岛过年",
            *para("守岛二十年，夫妇俩把这座小岛当成了家，岛上的一草一木都是他们的亲人。"),
            *para("本报大连1月3日电 （记者王强）" + SNAKE[0]),
            *para(SNAKE[1][:20] + "（下转第二版）"),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    report = result.articles[1]
    assert report.paragraphs[0].text.startswith("守岛二十年")
    assert report.dateline is not None and report.dateline.place == "大连"
    assert report.continued_to_page == 2


def test_paragraphs_no_headline_names_go_with_the_text_they_share_not_with_the_longer_text() -> None:
    # A long report, then a feature cut short by its jump to another page. The feature's two opening
    # paragraphs name neither headline; they share 电网 and 连樟村 with the feature's text, and only common
    # words with the report, which is three times as long and so shares more of anything by chance.
    report = [
        "会议强调，要坚持以新时代中国特色社会主义思想为指导，统筹推进疫情防控和经济社会发展工作，"
        "加大宏观政策调节力度，努力完成全年经济社会发展目标任务，确保脱贫攻坚任务如期完成。" * 2,
        "会议要求，各地区各部门要切实担负起责任，狠抓工作落实，保居民就业、保基本民生、保市场主体、"
        "保粮食能源安全、保产业链供应链稳定、保基层运转，为全面建成小康社会打下坚实基础。" * 2,
        "有关部门负责同志参加会议，总书记在会上发表讲话，要求把党中央的决策部署落到实处。",
    ]
    quiet = [
        "连樟村是相对贫困村，总书记曾来村里看望乡亲们，要求早日脱贫。",
        "去年，连樟村电网升级改造各项工作有序展开，村里的基层工作落到实处。",
    ]
    feature = ["供电所以党建助推优质服务，连樟村电网实现了升级。", "电网党员服务队常年活跃在村里。"]
    texts = [*report, *quiet, *feature]
    hits = [[1.0, 1.0, 0.5, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.5]]
    edges = [0.0] * len(texts)
    labelled = stories.settle([0, 0, 0, 0, 0, 1, 1], hits, edges, texts)
    assert labelled == [0, 0, 0, 1, 1, 1, 1]


def test_four_headline_lines_over_one_story_are_no_block_and_a_leadless_story_keeps_its_headline() -> None:
    # Every story under its own headline, the first of four lines (kicker, title, subtitle, subtitle): the
    # page sets no headlines in a block, so two short lines inside a story head the leadless one below.
    result = reconstruct_page(
        page(
            "海岛省委工作会议提出",
            "守护候鸟家园",
            "建设美丽湿地",
            "省长出席",
            "\u3000\u3000本报海口1月5日电 记者王明 海岛省委工作会议今天召开。",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "守岛夫妇",
            "蛇岛过大年",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
        )
    )
    assert [a.title for a in result.articles][1:] == ["蛇岛过大年"]
    assert [p.text for p in result.articles[1].paragraphs] == list(SNAKE)


def test_a_title_naming_its_column_after_a_finished_paragraph_is_no_line_of_that_paragraph() -> None:
    # `拥抱风潮，更需脚踏实地（新语）` flush under a paragraph that ended its sentence at a line's end, in a
    # block of headlines after the stories: a comma and the column's width do not make it running text.
    result = reconstruct_page(
        page(
            *para(WETLAND[0] + WETLAND[1]),
            *para(SNAKE[0] + SNAKE[1]),
            "蛇岛守岛夫妇，过冷清温暖年（新语）",
            "湿地保护区里的候鸟",
        )
    )
    texts = [p.text for a in result.articles for p in a.paragraphs]
    assert not any("新语" in t for t in texts), texts


def test_a_kicker_over_a_title_naming_its_column_is_no_line_of_the_paragraph_above() -> None:
    # `湖南常德湿地保护率超过70%，累计投入超200亿元` / `这儿的湿地，有人管有人爱（美丽中国）` flush under a
    # finished paragraph: the kicker and title of the story below, though the kicker reads like text.
    result = reconstruct_page(
        page(
            "蛇岛过大年",
            *para(SNAKE[0] + SNAKE[1], 24),
            "湖南常德湿地保护率超过七成，累计投入超两百亿",
            "这儿的湿地，有人管有人爱（美丽中国）",
            *para(WETLAND[0], 24),
            *para(WETLAND[1], 24),
        )
    )
    assert [(a.kicker, a.title) for a in result.articles][1:] == [
        ("湖南常德湿地保护率超过七成，累计投入超两百亿", "这儿的湿地，有人管有人爱（美丽中国）")
    ]


def test_a_title_whose_column_tag_breaks_onto_its_next_line_heads_the_leadless_story_its_headline_stops_naming() -> (
    None
):
    # A short report, then a leadless story its headline does not name, the headlines in a block after
    # them; the left-over title's tag broken at the column (`…（破解难点堵点` / `推动生态保护）`) still closes a title.
    result = reconstruct_page(
        page(
            "\u3000\u3000本报大连1月5日电 记者王明 蛇岛守岛夫妇今天迎来了蛇岛上的第十个春节。",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            *para(
                "万顷碧波荡漾，两岸芦苇婆娑，鸟儿或在天空高飞，或在湖面嬉戏觅食，鸟鸣声声入耳，不时可见美景。"
            ),
            *para("穿紫河是一条流淌了千年的古运河，冬日的一天，年逾古稀的居民于澳忠正和老伴坐在河边晒太阳。"),
            *para(
                "据统计，常德市累计投入两百亿元，实施了湿地生态补水、污染控制、生态恢复和综合整治等重大项目。"
            ),
            "湿地保护加速“齐步走”（破解难点堵点",
            "推动生态保护）",
            "守岛夫妇在蛇岛过年",
        )
    )
    assert [a.paragraphs[0].text[:4] for a in result.articles] == ["本报大连", "万顷碧波"]


YANGTZE_TAIL = (
    "从长远利益考虑，把修复长江生态环境摆在压倒性位置，共抓大保护、不搞大开发。",
    "溯江而上，沿江各地关停化工企业，复绿岸线，长江两岸的鸟和鱼都多了起来。",
)
WEATHER_REPORT = (
    "本报北京1月15日电 （记者刘毅）全国气象局长会议近日召开，会上介绍，气象预警信息公众覆盖率提高到87%。",
    "记者在会上获悉，暴雨预警准确率提高到89%，气象预警信息发布更快更准。",
)


def test_a_continuation_takes_the_jump_headline_left_over_and_the_report_after_it_keeps_its_own() -> None:
    # The jump headline names the continuation in words of its own (万里长江绿意浓 over 长江 …): left over,
    # it is still the continuation's, and the dated report after the continuation is a story of its own.
    result = reconstruct_page(
        page(
            "上接第1版",
            *para(YANGTZE_TAIL[0]),
            *para(YANGTZE_TAIL[1]),
            *para(WEATHER_REPORT[0]),
            *para(WEATHER_REPORT[1]),
            "",
            "气象预警信息公众覆盖率提至87%",
            "",
            "万里长江绿意浓",
        )
    )
    titles = {a.title: a.text for a in result.articles}
    assert set(titles) == {"万里长江绿意浓", "气象预警信息公众覆盖率提至87%"}
    assert (
        "气象局长" not in titles["万里长江绿意浓"]
        and "长江两岸" not in titles["气象预警信息公众覆盖率提至87%"]
    )


def test_a_summary_box_opener_after_a_finished_story_opens_the_next_story() -> None:
    # 核心阅读 opens a story's summary box: under another story's last paragraph, with the headlines set in
    # a block elsewhere, it is where the next story begins, not a line of the story above, even where the
    # next story's headline is all the editor's words.
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "核心阅读",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "二十年的坚守",
            "湿地保护见成效",
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "二十年的坚守"]
    assert "核心阅读" not in result.articles[0].text
    assert result.articles[1].text.startswith("核心阅读")


ROUNDUP_TAIL = (
    "全省林草产业带动就业16.38万人，带动贫困人口人均增收3583元。",
    "本报长春1月15日电 （记者孟海鹰）记者从吉林省林业和草原局获悉，吉林保护恢复湿地达四万五千亩。",
    "吉林今年还将继续推进湿地保护，恢复退化湿地，湿地面积稳中有增。",
)


def test_a_continuation_whose_page_has_no_headline_left_shares_the_roundup_headline_after_it() -> None:
    # A roundup (青海… 吉林…) jumps: its continuation says nothing of the headline's words, and the one
    # headline that names the 吉林 report is the whole roundup's, so the continuation and the report are one.
    result = reconstruct_page(
        page(
            "上接第1版",
            *para(ROUNDUP_TAIL[0]),
            *para(ROUNDUP_TAIL[1]),
            *para(ROUNDUP_TAIL[2]),
            *para(WETLAND[0]),
            "",
            "青海完成营造林四百三十三万亩吉林保护恢复湿地达四万五千亩",
        )
    )
    assert len(result.articles) == 1
    assert "林草产业" in result.articles[0].text and "吉林今年" in result.articles[0].text


def test_a_continuation_left_without_headline_stays_apart_from_a_report_its_headline_names_whole() -> None:
    # Every headline went to a story and none to the continuation (its jump headline was lost), but the
    # report's headline names all of the report: it is that report's alone, no roundup of the two.
    result = reconstruct_page(
        page(
            "上接第1版",
            *para(YANGTZE_TAIL[0]),
            *para(YANGTZE_TAIL[1]),
            *para(WEATHER_REPORT[0]),
            *para(WEATHER_REPORT[1]),
            "",
            "气象预警信息公众覆盖率提高",
        )
    )
    assert len(result.articles) == 2
    assert "气象局长" not in result.articles[0].text and "长江两岸" not in result.articles[1].text


PHONE_CALL = (
    "中方愿同非方一道，推动中非合作不断深入，构建更加紧密的中非命运共同体。",
    "南非总统表示，南非愿同中方加强合作，南非人民感谢中方的帮助。",
)
CONTACTLESS = (
    "无接触、效率高、主动性强，以“非接触式”服务为代表的新业态迅速发展。",
    "外卖无接触配送、线上问诊等“非接触式”服务，让居民的生活更加便利。",
    "推出更多“非接触式”服务，还需补齐短板，让新业态行稳致远。",
)


def test_a_continuation_ends_where_a_headline_naming_none_of_its_first_paragraphs_begins_to_name_it() -> None:
    # The column's title names only the text after the continuation; the jump headline left over names the
    # continuation's first paragraphs: the continuation ran into the column, which begins where its title
    # is named.
    result = reconstruct_page(
        page(
            "（上接第1版）",
            *para(PHONE_CALL[0]),
            *para(PHONE_CALL[1]),
            *para(CONTACTLESS[0]),
            *para(CONTACTLESS[1]),
            *para(CONTACTLESS[2]),
            "",
            "推出更多“非接触式”服务（生活漫步）",
            "",
            "北京：我国领导人同南非总统通电话",
        )
    )
    titles = {a.title: a.text for a in result.articles}
    assert set(titles) == {"北京：我国领导人同南非总统通电话", "推出更多“非接触式”服务（生活漫步）"}
    assert "非接触" not in titles["北京：我国领导人同南非总统通电话"]
    assert titles["推出更多“非接触式”服务（生活漫步）"].startswith("无接触")


POLITBURO_MEETING = (
    "新华社北京5月15日电 中共中央政治局5月15日召开会议，讨论政府工作报告。",
    "会议认为，要加强政府自身建设，真抓实干、埋头苦干，努力完成全年目标任务。",
    "会议还研究了其他事项。",
)
BAMBOO_HOUSE = (
    "“以前，我们这里的房子全部是用竹子扎的，透风又漏雨。”村民说，如今家家住上了新房。",
    "新房宽敞明亮，村民们在新房前种上了花，竹房的日子一去不返。",
)


def test_a_meetings_closing_sentence_ends_its_report_and_the_leadless_story_below_starts_after_it() -> None:
    # 会议还研究了其他事项。 is the last sentence of a meeting's report: the leadless story set under it begins
    # with the paragraph after, not with that sentence.
    result = reconstruct_page(
        page(
            *para(POLITBURO_MEETING[0]),
            *para(POLITBURO_MEETING[1]),
            *para(POLITBURO_MEETING[2]),
            *para(BAMBOO_HOUSE[0]),
            *para(BAMBOO_HOUSE[1]),
            "",
            "中共中央政治局召开会议",
            "",
            "高山新房“长”出来（大国小家）",
        )
    )
    assert len(result.articles) == 2
    assert result.articles[0].text.endswith("会议还研究了其他事项。")
    assert result.articles[1].text.startswith("“以前")


CHANGDE_WETLAND = (
    "常德市湿地面积占到全市面积的百分之十二，湿地保护率超过百分之七十，候鸟年年来。",
    "为保护湿地，常德出台湿地保护条例，划定湿地保护红线，湿地执法有了依据。",
    "湿地公园里，曾经腥臭的鱼塘如今水清岸绿，鱼塘承包人转行当了湿地管护员。",
    "管护员每天巡查湿地，记录候鸟数量，湿地里的白鹭越来越多。",
    "常德的湿地保护卓有成效，专家这样评价。",
    "穿紫河是一条流淌千年的古运河，贯穿城区，河边游人如织，游船码头生意红火，商户说。",
    "去年旅游综合收入增长两成，带动沿河商户增收，岸边的白鹭也越来越多。",
)


def test_a_story_that_set_two_subheads_keeps_its_third_though_the_text_after_turns_further() -> None:
    # Two short lines inside the continuation were its subheads; after the third the text turns to a river
    # and tourism, sharing fewer words with what came before, but it is the same story's next section.
    body = CHANGDE_WETLAND
    result = reconstruct_page(
        page(
            "上接第1版",
            *para(body[0]),
            "立规矩 画红线",
            *para(body[1]),
            "鱼塘变成湿地公园",
            *para(body[2]),
            *para(body[3]),
            *para(body[4]),
            "旅游收入增长两成",
            *para(body[5]),
            *para(body[6]),
            "",
            "这儿的湿地，有人管有人爱",
        )
    )
    assert [a.title for a in result.articles] == ["这儿的湿地，有人管有人爱"]
    assert result.articles[0].text.endswith(body[6])


ONLINE_RETAIL = "一季度，全国网络零售市场运行基本平稳，“宅经济”成为市场热点，电商直播超过400万场。"


def test_a_bare_dateline_on_a_line_of_its_own_leads_the_text_below_it() -> None:
    # 本报电 ends its line and the text runs on, unindented, on the next: the break parts the dateline from
    # the text as a space would: the report is cut there, led by that dateline.
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "\u3000\u3000本报电",
            ONLINE_RETAIL[:16],
            ONLINE_RETAIL[16:32],
            ONLINE_RETAIL[32:],
            "湿地保护见成效",
            "电商直播超400万场",
        )
    )
    assert len(result.articles) == 2
    report = result.articles[1]
    assert report.dateline is not None and report.dateline.agency == "本报"
    assert report.text.startswith("本报电 一季度")


@pytest.mark.parametrize(
    "second",
    [
        "金明哲和外务省副相李成在会见和致辞中表示，今年是两国建交七十周年，是具有深远意义的一年。"
        "双方将同心协力，为更好地促进两国关系的发展而积极努力。",
        "金明哲是一位资深外交家，多年来致力于两国友好交流。今年是两国建交七十周年，"
        "双方将同心协力，推动两国关系发展。",
    ],
    ids=["with-others", "who-he-is"],
)
def test_a_paragraph_opening_with_the_person_named_above_goes_on_with_that_report(second: str) -> None:
    # The report's second paragraph names neither headline's words, but opens with the man its first
    # paragraph named (金明哲和… / 金明哲是…): it goes on with the report, not with the commentary after it (both
    # headlines stand in a block after the stories).
    result = reconstruct_page(
        page(
            *para(
                "本报平壤2月19日电 （记者张明）朝鲜内阁总理金明哲19日晚来到中国驻朝鲜大使馆，与大使和外交官们共度元宵佳节。"
            ),
            *para(second),
            *para("新冠肺炎疫情正在全球蔓延，中国疫情防控取得重大战略成果，为全球抗疫争取了宝贵时间。"),
            *para("这是一次罕见的全球性危机，也是全人类面临的共同挑战。中国同各国携手抗疫，彰显大国担当。"),
            *para("抗疫合作离不开团结。中国向多国派出医疗专家组，提供抗疫物资，分享防控经验，携手全球抗疫。"),
            "",
            "朝鲜总理到中国驻朝大使馆共庆元宵节",
            "",
            "疫情阻击战交出“中国答卷”",
            "——携手全球抗疫 彰显中国担当",
        )
    )
    assert [(a.title, len(a.paragraphs)) for a in result.articles] == [
        ("朝鲜总理到中国驻朝大使馆共庆元宵节", 2),
        ("疫情阻击战交出“中国答卷”", 3),
    ]


def test_a_headless_piece_after_a_story_s_closing_note_is_not_taken_back_into_it() -> None:
    # A continuation ends with its closing note; the book list after it has no headline it keeps, but a
    # story does not go on after its closing note: the list stands alone (a sidebar marked ■ would go back).
    result = reconstruct_page(
        page(
            *para("上接第一版 春节期间，各地举办丰富多彩的文化活动，群众欢欢喜喜过大年，节日气氛浓厚。"),
            *para("在海外，中国驻外使馆也举办招待会，与当地民众共庆新春，增进彼此友谊。"),
            *para("（本报北京、郑州电 记者张明、李华，王刚参与采写）"),
            *para("书名：冬天里的春天 作者：李国文"),
            *para("书名：沉重的翅膀 作者：张洁"),
            "",
            "“新中国70年70部长篇小说典藏”丛书书目",
            "",
            "奋力开创治蜀兴川新局面",
            "",
            "五洲共欢庆 四海同迎春",
        )
    )
    assert [a.paragraphs[-1].text for a in result.articles] == [
        "（本报北京、郑州电 记者张明、李华，王刚参与采写）",
        "书名：沉重的翅膀 作者：张洁",
    ]


def test_a_title_asking_a_question_under_a_kicker_as_wide_as_the_column_heads_its_story() -> None:
    # A block after the stories opens with a kicker that fills the column and has a comma, over a title
    # that asks a question and closes with its column tag: headlines, not a last paragraph of the story above.
    kicker = "守岛夫妇二十年如一日，岛上过春节"
    assert len(kicker) == 16  # as wide as the column `para` breaks at
    result = reconstruct_page(
        page(
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para(SNAKE[0]),
            *para(SNAKE[1]),
            "",
            kicker,
            "蛇岛的年怎么过？（新春走基层）",
            "湿地保护见成效",
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "蛇岛的年怎么过？（新春走基层）"]
    assert result.articles[1].kicker == kicker
    assert kicker not in result.articles[0].text + result.articles[1].text


def test_a_jump_headline_with_its_place_first_is_no_subtitle_of_the_headline_above() -> None:
    # Two jump headlines in a block, the second with its place first (太原：…); both name a little of the same
    # paragraphs, as two continuations of one day's news may. A place and a colon open a headline: two groups.
    lines = ["听取对政府工作报告的意见建议", "太原：“梨子卖得不错，今年再扩大规模”"]
    assert partition(lines, [[0.4, 0.1, 0.0], [0.3, 0.1, 0.1]]) == [1, 1]
    # The same lines without the place read as a title and its subtitle.
    assert partition([lines[0], "“梨子卖得不错，今年再扩大规模”"], [[0.4, 0.1, 0.0], [0.3, 0.1, 0.1]]) == [2]


def test_a_centred_title_quoting_someone_over_a_title_wider_than_the_column_are_two_headlines() -> None:
    # A PDF tool centred the headlines with blanks: a title that is one quotation, a comma inside it, and
    # under it a title wider than the column. Neither is running text: not a paragraph of the story above.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "",
            "     “守岛夫妇说，岛就是家”",
            "湿地保护区候鸟归来越冬数量创下新纪录（美丽中国）",
        )
    )
    assert [a.title for a in result.articles] == [
        "湿地保护区候鸟归来越冬数量创下新纪录（美丽中国）",
        "“守岛夫妇说，岛就是家”",
    ]
    assert len(result.articles[1].paragraphs) == 2


def test_a_centred_title_quoting_someone_nearly_as_wide_as_the_column_is_a_headline() -> None:
    # Centred with blanks and nearly as wide as the column, a title that is one quotation with a comma
    # inside reads like a line of text by its comma; a line that is one quotation closed at its end is a title.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "",
            "  “守岛夫妇说，小岛就是我们家”",
            "  湿地保护见成效",
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "“守岛夫妇说，小岛就是我们家”"]


def test_a_title_set_in_with_ascii_blanks_as_far_as_full_width_indents_is_a_headline() -> None:
    # The page indents its paragraphs with two full-width spaces; a tool centred the titles with ASCII
    # spaces, one of them exactly as far in. The blanks differ: a centred title, not a paragraph.
    result = reconstruct_page(
        page(
            "    湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            "  守岛夫妇在蛇岛过年",
            *para(SNAKE[0]),
            *para(SNAKE[1]),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert "湿地保护见成效" not in result.articles[0].text


def test_a_centred_kicker_with_a_comma_over_a_centred_title_with_one_are_headlines() -> None:
    # Both set in by a tool's centring, both with a comma, neither ends a sentence: the kicker stands over a
    # line set off too, the title closes with its column's tag. Headlines, not a paragraph.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "",
            "      守岛夫妇在蛇岛过年",
            " 湿地面积逐年扩大，湿地水质明显改善",
            "   湿地公园，市民休闲好去处（美丽中国）",
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("湿地面积逐年扩大，湿地水质明显改善", "湿地公园，市民休闲好去处（美丽中国）"),
        (None, "守岛夫妇在蛇岛过年"),
    ]


def test_a_centred_title_over_a_title_closed_by_its_column_tag_does_not_run_into_it() -> None:
    # A centred title nearly as wide as the column, and under it a title with a comma closed by its column's
    # tag, which the centring left flush: the first does not run on into the second as running text, so it
    # is no paragraph of the story above them.
    result = reconstruct_page(
        page(
            *DATED_WETLAND,
            "",
            "   守岛夫妇在蛇岛上过新春节",
            "",
            " 湿地扩大，水质改善（美丽中国）",
            "",
            *DATED_SNAKE,
        )
    )
    assert all("过新春节" not in p.text for a in result.articles for p in a.paragraphs)
    heads = [x for a in result.articles for x in (a.kicker, a.title, a.subtitle)]
    assert "守岛夫妇在蛇岛上过新春节" in heads + [h.title for h in result.unmatched_headlines]


def test_a_centred_quoted_title_does_not_run_into_a_full_line_without_a_mark_under_it() -> None:
    # A centred title that is one quotation, and under it, flush, a title as wide as the column with no
    # punctuation at all: a quotation closed at a line's end does not go on into such a line.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "",
            "  “守岛夫妇说小岛就是我们的家”",
            " 湿地保护区越冬候鸟数量创新高",
        )
    )
    assert all(
        "越冬候鸟数量" not in p.text and "守岛夫妇说" not in p.text
        for a in result.articles
        for p in a.paragraphs
    )


def test_a_centred_title_does_not_run_into_a_full_line_without_a_mark_standing_alone() -> None:
    # Between two stories, a centred title and, flush under it, another as wide as the column with no mark
    # at all and an empty line after it: two titles, not a paragraph broken at the column.
    result = reconstruct_page(
        page(
            *DATED_WETLAND,
            "",
            "    湿地保护区候鸟数量创新高",
            "",
            " 守岛夫妇在蛇岛过年过了二十年",
            "",
            *DATED_SNAKE,
        )
    )
    assert all("候鸟数量创新高" not in p.text for a in result.articles for p in a.paragraphs)
    assert all("二十年" not in p.text for a in result.articles for p in a.paragraphs)


def test_a_centred_title_does_not_run_into_full_lines_that_never_reach_a_mark() -> None:
    # Under a centred title, flush lines as wide as the column with no mark at all, then one wider than the
    # column: a block of titles. Running text would reach a comma or a stop within a line or two.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "   守岛夫妇在蛇岛过年过春节",
            "湿地保护区越冬候鸟数量创新高",
            "湿地保护区候鸟归来越冬数量创下了新的纪录",
        )
    )
    texts = [p.text for a in result.articles for p in a.paragraphs]
    assert all("过年过春节" not in t and "创新高" not in t and "新的纪录" not in t for t in texts)


def test_a_centred_kicker_ending_with_a_colon_over_its_title_is_a_headline() -> None:
    # A spokesman's kicker a tool centred, ending with its colon, over a title the centring left flush: the
    # colon that ends a paragraph opening a list does not make the kicker one.
    result = reconstruct_page(
        page(
            *DATED_STORIES,
            "",
            "      守岛夫妇：",
            " 在蛇岛过年冷清又温暖",
            "     湿地保护区发言人：",
            " 湿地公园成了市民休闲的去处",
        )
    )
    assert [(a.kicker, a.title) for a in result.articles] == [
        ("湿地保护区发言人：", "湿地公园成了市民休闲的去处"),
        ("守岛夫妇：", "在蛇岛过年冷清又温暖"),
    ]


def labelled_letter_page(headline: tuple[str, ...], *, birds_end: tuple[str, ...] = ()) -> str:
    """Three stories, their headlines in a block at the top: a dated report, another (ending with
    `birds_end`), then a letter with no lead under the label 回 信, its salutation on a line of its own."""
    return page(
        "湿地保护见成效",
        "",
        *headline,
        "",
        "候鸟迁徙季到来",
        "",
        *DATED_WETLAND,
        "",
        *para("本报天津1月23日电 候鸟迁徙季到来，湿地里候鸟成群，观鸟的人多了起来。"),
        *birds_end,
        "",
        "回 信",
        "",
        "各位游客：",
        *para("你们好！" + SNAKE[0]),
        *para(SNAKE[1]),
    )


LETTER_OPENING = [(ParagraphKind.HEADING, "回 信"), (ParagraphKind.BODY, "各位游客：")]


def test_a_subhead_right_above_where_a_story_is_cut_by_its_headline_heads_the_story_below() -> None:
    # Cut from the report above by the words of the letter's headline, the letter keeps the centred subhead
    # over its salutation.
    result = reconstruct_page(labelled_letter_page(("守岛夫妇给游客回信", "欢迎大家来蛇岛过年")))
    birds, letter = result.articles[-2:]
    assert (birds.title, letter.title) == ("候鸟迁徙季到来", "守岛夫妇给游客回信")
    assert [p.kind for p in birds.paragraphs] == [ParagraphKind.BODY]
    assert [(p.kind, p.text) for p in letter.paragraphs[:2]] == LETTER_OPENING


def test_a_flush_line_ending_with_an_opened_bracket_goes_on_as_the_paragraph_s_text() -> None:
    # The paragraph above closes with a bracket as a note would (…直辖市）和计划单列市（兵团）); the line
    # under it, filling the column, opens a bracket at its very end: no headline ends so.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
            *para("附件：湿地保护区所在省（自治区、直辖市）和计划单列市（兵团）"),
            "湿地保护成效考核指标（",
            "见图）",
            "守岛夫妇在蛇岛过年",
            *para(SNAKE[0]),
        )
    )
    assert [a.title for a in result.articles] == ["湿地保护见成效", "守岛夫妇在蛇岛过年"]
    assert result.articles[0].paragraphs[-1].text.endswith("（兵团）湿地保护成效考核指标（见图）")
    assert not result.unmatched_headlines


@pytest.mark.parametrize(
    "headline",
    [
        ("守岛夫妇给游客回信", "欢迎大家来蛇岛过年"),  # names the letter: the line over it is left over
        ("守岛人的新春问候", "欢迎大家来过年"),  # names it little: the line over it took the letter
    ],
)
def test_a_label_over_a_story_whose_headline_stands_in_the_block_is_its_first_subhead(
    headline: tuple[str, str],
) -> None:
    # The story above closes with its jump marker; the label 回 信 stands alone between the two.
    result = reconstruct_page(labelled_letter_page(headline, birds_end=("（下转第二版）",)))
    letter = result.articles[-1]
    assert "".join(x for x in (letter.kicker, letter.title, letter.subtitle) if x) == "".join(headline)
    assert [(p.kind, p.text) for p in letter.paragraphs[:2]] == LETTER_OPENING
    assert not result.unmatched_headlines


@pytest.mark.parametrize(
    "headline",
    [
        ("守岛夫妇给游客回信",),
        ("守岛夫妇给游客回信", "在蛇岛过年"),
        ("守岛夫妇给游客回信祝福大家新春快乐", "守护冬眠蝮蛇 守好祖国海岛", "在蛇岛上过一个平安年"),
    ],
)
def test_the_label_at_the_foot_of_a_letter_s_headline_opens_its_text(headline: tuple[str, ...]) -> None:
    # 回 信 under the letter's headline, right above its salutation, is no line of the headline.
    result = reconstruct_page(
        page(
            "湿地保护见成效",
            *DATED_WETLAND,
            *headline,
            "回 信",
            "各位游客：",
            *para("你们好！" + SNAKE[0]),
            *para(SNAKE[1]),
        )
    )
    letter = result.articles[-1]
    assert "".join(x for x in (letter.kicker, letter.title, letter.subtitle) if x) == "".join(headline)
    assert [(p.kind, p.text) for p in letter.paragraphs[:2]] == LETTER_OPENING
    assert not result.unmatched_headlines


def test_the_label_over_a_letter_at_the_top_of_the_page_is_no_section_name() -> None:
    # The letter's headline stands in the block below; 回 信 heads the page only because the letter does.
    result = reconstruct_page(
        page(
            "回 信",
            "各位游客：",
            *para("你们好！" + SNAKE[0]),
            *para(SNAKE[1]),
            "",
            "湿地保护见成效",
            *DATED_WETLAND,
            "",
            "守岛夫妇给游客回信",
            "欢迎大家来蛇岛过年",
        )
    )
    assert result.section is None
    letter = next(a for a in result.articles if a.title and "回信" in a.title)
    assert [(p.kind, p.text) for p in letter.paragraphs[:2]] == LETTER_OPENING


# A roundup going on from page 1 (上接第一版): one place's report, then the next under its own dateline; a
# review with no lead follows, which jumps away. The headlines stand in a block at the end.
FIRST_REPORT = (
    "去年，青海省治理退化草地二百万亩，林草资源保护体系不断完善，天然林得到全面管护。",
    "全省林草产业带动就业十六万人，带动农牧户户均年增收三千元。",
)
SECOND_REPORT = (
    "本报长春1月15日电 （记者王林）记者从吉林省林业和草原工作会议上获悉：去年，吉林省完成造林绿化一百二十万亩，"
    "保护恢复湿地四万五千亩。",
    "吉林省组织开展湿地问题专项整治，查处破坏湿地案件两千余起，湿地资源得到有效保护。",
)
REVIEW = (
    "这是一次直抵人心的教育洗礼，这是党员干部思想上的一次大扫除。",
    "从6月起，一场以领导干部为重点的主题教育在全党开展，推动全党为实现党的历史使命不懈奋斗。",
    "在这场主题教育中，全体党员守初心、担使命，主题教育取得了扎实成效。",
)


def test_a_roundup_s_next_report_goes_on_from_it_not_into_the_leadless_story_below() -> None:
    result = reconstruct_page(
        page(
            *para("上接第一版 " + FIRST_REPORT[0]),
            *para(FIRST_REPORT[1]),
            *[line for text in (*SECOND_REPORT, *REVIEW) for line in para(text)],
            "下转第三版",
            "西宁：青海完成营造林二百万亩吉林保护恢复湿地四万五千亩",
            "为实现党的历史使命不懈奋斗",
            "——主题教育工作综述",
        )
    )
    roundup, review = result.articles
    assert roundup.continued_from_page == 1
    assert [p.text for p in roundup.paragraphs][-3:] == [FIRST_REPORT[1], *SECOND_REPORT]
    assert (review.title, review.continued_to_page) == ("为实现党的历史使命不懈奋斗", 3)
    assert [p.text for p in review.paragraphs][: len(REVIEW)] == list(REVIEW)


def test_someone_s_words_set_whole_as_a_title_head_a_story_of_their_own_not_the_title_above() -> None:
    # A kicker and its title over a report that jumps away, then a quotation closed by its column's tag, the
    # title of the leadless story below, all in a block at the end.
    result = reconstruct_page(
        page(
            *para("新华社北京1月5日电 教育工作会议4日召开。李明在会上指出，各地要确保乡村学校全部如期开学。"),
            *para("李明要求，各地要把校舍安全放在首位，抓紧检修乡村学校校舍，配齐教师。（下转第二版）"),
            *para("走进山村，记者看到新修的公路通到了家门口，村民们住进了新房，日子越过越红火。"),
            *para("村里的老人说，这些年村子的样子一年一个样，游客也多了，农家乐的生意很好。"),
            "",
            "李明强调",
            "确保乡村学校全部如期开学",
            "“我对这里的变化有了更深认识”（走基层）",
        )
    )
    report, story = result.articles
    assert (report.kicker, report.title) == ("李明强调", "确保乡村学校全部如期开学")
    assert story.title == "“我对这里的变化有了更深认识”（走基层）"
    assert story.paragraphs[0].text.startswith("走进山村")


def test_flush_lines_ending_no_sentence_after_a_paragraph_s_last_over_a_title_are_its_headline() -> None:
    # The report's last paragraph ends its sentence short of the column; the next story's kicker fills the
    # column with running text's marks, then a short line and a title closed by its column's tag. Lines
    # ending no sentence after a paragraph's last, right over a headline line, are that headline's.
    last = "春节期间，守岛夫妇在蛇岛上贴起福字，蛇岛的年过得冷清。"
    result = reconstruct_page(
        page(
            "守岛夫妇在蛇岛过年",
            *para(SNAKE[0]),
            *para(last),
            "辽宁大连市建立“湿地联动”、候鸟",
            "守护不出湿地",
            "候鸟年年归来（美丽中国）",
            *para(WETLAND[0]),
            *para(WETLAND[1]),
        )
    )
    snake, wetland = result.articles
    assert [p.text for p in snake.paragraphs] == [SNAKE[0], last]
    assert (wetland.kicker, wetland.title) == (
        "辽宁大连市建立“湿地联动”、候鸟",
        "守护不出湿地 候鸟年年归来（美丽中国）",
    )


def test_three_lines_over_two_stories_whose_first_and_last_name_each_one_head_two() -> None:
    # A kicker naming the second story, its title, and the first story's title, all right above the first
    # story's dateline: the first and the last line name two stories, so they head two.
    wang = [
        "24日，湿地保护区管理局发布消息，副局长王明因病去世，享年86岁。王明一生扎根湿地。",
        "王明是湿地保护区里公认的“活地图”，他熟悉每一片芦苇荡和每一群候鸟的来去。",
        "从1952年进入湿地保护区算起，王明记录候鸟数据六十余年，留下笔记四十余本。",
    ]
    result = reconstruct_page(
        page(
            "湿地保护区管理局副局长王明",
            "一生守望候鸟归来",
            "守岛夫妇巡查蛇岛",
            *para("本报大连1月23日电 " + SNAKE[0]),
            *para(SNAKE[1]),
            *[line for text in wang for line in para(text)],
        )
    )
    snake, obituary = result.articles
    assert (snake.kicker, snake.title, snake.subtitle) == (None, "守岛夫妇巡查蛇岛", None)
    assert (obituary.kicker, obituary.title) == ("湿地保护区管理局副局长王明", "一生守望候鸟归来")
    assert [p.text for p in obituary.paragraphs] == wang


def test_a_story_s_last_paragraph_on_what_it_talked_of_stays_when_the_next_story_has_no_lead() -> None:
    # The wetland report ends with an official's words; the line above them leaves the wetland for a works
    # site, and they share a name (习近平) with the ambassador's piece below, so the page's edge falls before
    # them. Their words (生态优先、绿色发展, 常德) are the report's: they close it.
    result = reconstruct_page(
        page(
            *para("常德市的湿地面积占全市面积的一成，湿地保护率超过七成，形成覆盖各区县的国家湿地公园群。"),
            *para(
                "常德坚持生态优先、绿色发展，累计投入两百亿元，实施湿地生态补水、污染控制、生态恢复等项目，关闭水污染企业。"
            ),
            *para("可喜的是，大美湿地不仅带来了生态效益，也带来了经济效益，为常德绿色发展注入新活力。"),
            *para("江北西部城区，新河水系综合整治工程现场，工人们在寒冬里忙得热火朝天。"),
            *para(
                "“我们要全面落实习近平总书记‘共抓大保护、不搞大开发’的重要指示，用实际行动彰显生态优先、"
                "绿色发展的坚定决心。”常德市委负责人说。"
            ),
            *para(
                "2018年是中国和阿联酋关系史上不平凡的一年。习近平主席对阿联酋进行历史性访问，中阿合作迈上新台阶。"
            ),
            *para("一年来，阿联酋高层访华频繁，中阿合作成果丰硕，中阿贸易额再创新高。"),
            "",
            "谱写中阿合作新篇章（大使寄语）",
            "湖南常德湿地保护率超过七成，累计投入超过两百亿元",
            "这儿的湿地，有人管有人爱（美丽中国）",
        )
    )
    wetland, ambassador = result.articles
    assert (wetland.title, ambassador.title) == (
        "这儿的湿地，有人管有人爱（美丽中国）",
        "谱写中阿合作新篇章（大使寄语）",
    )
    assert wetland.paragraphs[-1].text.startswith("“我们要全面落实")
    assert ambassador.paragraphs[0].text.startswith("2018年")


def test_a_story_with_no_lead_keeps_its_first_paragraph_on_what_it_goes_on_to_talk_of() -> None:
    # Neither headline names 新冠肺炎疫情正在全球蔓延…, and its characters match the report above it (疫情防控取得)
    # more than the three paragraphs below it; its words are those the commentary goes on with: it opens it.
    result = reconstruct_page(
        page(
            *para("受疫情影响，产业链上下游企业复工不同步，龙头企业开工了，配套企业却没复工。"),
            *para("工信部协调各地推动产业链协同复工，龙头企业带动上下游配套企业加速复工复产。"),
            *para("截至3月底，疫情防控取得成果，重点行业产业链复工率超过九成，中国复工复产跑出加速度。"),
            *para("新冠肺炎疫情正在全球蔓延，中国疫情防控取得重大战略成果。"),
            *para("这是一次罕见的危机，也是全人类面临的共同挑战。中国交出了一份答卷。"),
            *para("这张中国答卷，记录下艰苦卓绝的努力，见证着亿万人民的坚忍顽强。"),
            *para("这张中国答卷，彰显了命运与共的责任担当，赢得了世界的尊重。"),
            *para("新冠肺炎疫情在全球蔓延，病毒没有国界，全球蔓延的新冠肺炎疫情需要各国携手应对。"),
            *para("新冠肺炎疫情全球蔓延之际，中国抗疫的重大战略成果为世界提供了借鉴。"),
            "",
            "产业链协同加速“齐步走”（破解难点堵点）",
            "交出一份中国答卷（钟声）",
        )
    )
    report, commentary = result.articles
    assert report.paragraphs[-1].text.startswith("截至3月底")
    assert commentary.title == "交出一份中国答卷（钟声）"
    assert commentary.paragraphs[0].text.startswith("新冠肺炎疫情正在全球蔓延")


def test_a_report_keeps_its_last_paragraphs_on_what_it_talked_of_above_a_commentary_its_title_names_nowhere() -> (
    None
):
    # The commentary's title, closed by its column's tag, names none of its text. The report's headline names
    # only its first two paragraphs; the next two (the rain in the south, the experts' warning) talk of what
    # the report talked of, not of the commentary: they close the report, and the commentary opens at 大事难事.
    result = reconstruct_page(
        page(
            "华北黄淮等地将有降雪",
            "",
            *para(
                "本报北京2月11日电 中央气象台预计，11日夜间至12日，华北北部、黄淮等地有小雪，局地中雪，"
                "江南有阴雨，春运返程受影响。"
            ),
            *para("在此轮降雪过程中，华北地区降雪形势较好，北京全市有望迎来小雪，黄淮地区将有中雪。"),
            *para(
                "未来一周左右，南方多阴雨天气，江南、华南等地有持续性阴雨，中央气象台预计江南东部局部有大雨。"
            ),
            *para(
                "气象专家提醒，正值春运返程高峰期，阴雨和积雪导致的道路结冰将对春运返程有较大影响，公众出行注意安全。"
            ),
            *para(
                "大事难事看担当，考验面前见精神。越是爬坡过坎，越需要一往无前的姿态，越呼唤挺身而出的闯将、干将。"
            ),
            *para("关键时刻冲得上去、危难关头豁得出来，才是真正的共产党人。担当来自信念，信念来自作风。"),
            *para("敢闯敢干，久久为功，真抓实干，把工作落到实处，才能经得起考验。"),
            "",
            "冲劲 韧劲 实劲（人民论坛）",
        )
    )
    report, commentary = result.articles
    assert report.title == "华北黄淮等地将有降雪"
    assert report.paragraphs[-1].text.startswith("气象专家提醒")
    assert commentary.title == "冲劲 韧劲 实劲（人民论坛）"
    assert commentary.paragraphs[0].text.startswith("大事难事看担当")

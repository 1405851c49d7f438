"""Matching jump fragments to their beginnings (articles/reconstruct/jumps.py): pure, no database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from articles.reconstruct import fitting, jumps, pairing
from articles.reconstruct.jumps import Beginning, Fragment

COURT = "最高检召开检察委员会会议，研究案件质量评查工作，要求切实提升办案质效，"
ROADS = "多部门联合发布措施，优化网约配送员在住宅小区、商场和写字楼的通行和停放环境，"


def _beginning(headline: str, text: str, *, page: int = 1, to_page: int = 2) -> Beginning:
    return Beginning(page=page, to_page=to_page, headline=headline, paragraphs=(text,))


def _fragment(headline: str, text: str, *, page: int = 2, from_page: int | None = 1) -> Fragment:
    return Fragment(page=page, from_page=from_page, headline=headline, paragraphs=(text,))


def test_markers_come_off_the_ends_of_the_text_they_cut() -> None:
    assert jumps.jump_to_strip("反映出最高检本级办案管理（下转第二版）") == "反映出最高检本级办案管理"
    assert jumps.jump_to_strip("确保万无一失。 下转第5版") == "确保万无一失。"
    assert jumps.jump_from_strip("上接第一版 反映出最高检") == "反映出最高检"
    assert jumps.jump_from_strip("（上接第1版）会议强调") == "会议强调"


def test_a_sentence_end_inside_closing_quotes_is_an_end() -> None:
    assert not jumps.ends_mid_sentence("“真的很贴心。”")
    assert jumps.ends_mid_sentence("企业负责人代表真切感受到该市顺应营商环")


def test_two_stories_jumping_to_the_same_page_are_paired_by_their_jump_headlines() -> None:
    beginnings = [
        _beginning("最高检召开检委会会议 以更高标准更严要求提升最高检办案质效", COURT + "会议指出"),
        _beginning("多部门联合发布措施 让配送环境更加优化", ROADS + "此次"),
    ]
    fragments = [  # in the other order on page 2
        _fragment("让配送环境更加优化", "上接第一版 措施将推动优化住宅小区通行环境。"),
        _fragment("以更高标准更严要求 提升最高检办案质效", "上接第一版 评查工作要做好后半篇文章。"),
    ]
    matches = jumps.jumps_match(beginnings, fragments)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 1), (1, 0)]
    assert all(m.certain for m in matches)


def test_two_stories_of_one_series_whose_halves_nothing_tells_apart_are_put_to_the_editors() -> None:
    # Two meetings of one series jump to page 2, where each continuation's jump headline names only the
    # series: either pairing explains the page as well, so neither is linked without an editor.
    meeting = "国务院召开领导小组会议"
    beginnings = [
        _beginning(f"{meeting} 部署落实常态化防控措施", "会议指出，要落实常态化防控措施，各地要"),
        _beginning(f"{meeting} 要求精准做好常态化防控", "会议强调，要精准做好常态化防控，各地要"),
    ]
    alike = [_fragment(meeting, "上接第一版 加强防控工作。"), _fragment(meeting, "上接第一版 加强防控工作。")]
    matches = jumps.jumps_match(beginnings, alike)
    assert len(matches) == 2 and all(m.score >= jumps.LINK_MIN and not m.certain for m in matches)
    # One jump headline naming its own story settles both pairs.
    told = [replace(alike[0], headline="部署落实常态化防控措施"), alike[1]]
    matches = jumps.jumps_match(beginnings, told)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 0), (1, 1)]
    assert all(m.certain for m in matches)


def test_stories_of_one_series_are_not_linked_by_their_words_alone() -> None:
    # Two meetings of one group, reported alike, jump to page 2 under the same jump headline. Each
    # continuation's words lean to one beginning, but a meeting's continuation may talk of what the other
    # meeting's beginning did: with nothing else to tell them apart, both pairs are put to the editors.
    meeting = "国务院召开领导小组会议"
    opening = "新华社北京电 国务院召开领导小组会议。会议指出，"
    beginnings = [
        _beginning(f"{meeting} 部署落实假期防控措施", opening + "要周密做好假期防控工作，严防人流聚集。"),
        _beginning(f"{meeting} 要求推动学校复学复课", opening + "要有序推动学校复学复课，做好校园防控。"),
    ]
    fragments = [
        _fragment(meeting, "上接第一版 学校要做好复课准备，校园防控不能松懈。"),
        _fragment(meeting, "上接第一版 假期要严防人流聚集，景区防控不能松懈。"),
    ]
    matches = jumps.jumps_match(beginnings, fragments)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 1), (1, 0)]
    assert all(m.margin >= jumps.SURE_MARGIN and not m.certain for m in matches)
    # A jump headline naming its own meeting tells them apart.
    told = [replace(fragments[0], headline="推动学校复学复课"), fragments[1]]
    assert all(m.certain for m in jumps.jumps_match(beginnings, told))


def test_a_fragment_under_a_jump_headline_naming_nothing_of_a_beginning_is_not_paired_with_it() -> None:
    # Page 1 ran a story cut mid-sentence into the report above it (国家主席…); page 2 ran that story's
    # continuation into another. The fragment under 在蛇岛过年 runs on from the marker, which a sentence cut
    # in two asks for, but its jump headline names nothing of the report: it stays with its own story.
    beginnings = [
        Beginning(
            1,
            2,
            "国家主席同外国总理通电话",
            ("双方表示愿加强合作。", "九龙坡区向城口县购买指标，花钱买了森林（下转第二版）"),
        ),
        Beginning(
            1,
            2,
            "守护冬眠的蝮蛇 在蛇岛过年",
            ("高山夫妇登上蛇岛。", "“蝮蛇正在冬眠，需要我们守岛护蛇！”（下转第二版）"),
        ),
    ]
    fragments = [
        _fragment("在蛇岛过年", "上接第一版 高山介绍。"),
        Fragment(2, 1, "南通融入长三角一体化", ("上接第一版", "南通推动跨江融合。"), headline_above=False),
    ]
    loose = {2: ["在蛇岛过年", "南通融入长三角一体化"]}
    assert jumps.fits(beginnings, fragments, loose)[0, 0].score >= jumps.SUGGEST_MIN
    (match,) = jumps.jumps_match(beginnings, fragments, loose)
    assert (match.beginning, match.fragment, match.certain) == (1, 0, True)


def test_a_sentence_cut_in_two_goes_on_in_the_paragraph_that_runs_on_from_the_marker() -> None:
    beginning = _beginning("会议", COURT + "会议指出最高检本级办案管")
    runs_on = _fragment("", "上接第一版 理要进一步加强。")
    new_paragraph = Fragment(
        page=2, from_page=1, headline="", paragraphs=("上接第一版", "会议强调要加强管理。")
    )
    assert jumps.join_fit(beginning, runs_on) > jumps.join_fit(beginning, new_paragraph) == 0.0
    (match,) = jumps.jumps_match([beginning], [new_paragraph, runs_on])
    assert match.fragment == 1


def test_a_subhead_set_right_before_the_marker_is_no_sentence_cut_in_two() -> None:
    # The story's next section begins on page 1 with its subhead, its text on page 2 in a paragraph of its
    # own: the join reads the paragraph before the subhead, which ends a sentence.
    new_paragraph = Fragment(2, 1, "", ("上接第一版", "山上飘了雪，家住北屏村的郑长菊家柴火充足。"))
    subhead = Beginning(
        1, 2, "你帮我种树", ("九龙坡区向城口县购买森林面积指标。", "买了森林面积指标", "（下转第二版）")
    )
    assert jumps.join_fit(subhead, new_paragraph) == 0.6
    # A short paragraph the page cut inside its first sentence is one.
    cut = replace(
        subhead, paragraphs=("九龙坡区向城口县购买森林面积指标。", "会议认为，过去一年", "（下转第二版）")
    )
    assert jumps.join_fit(cut, new_paragraph) == 0.0


def test_a_fragment_is_only_paired_with_a_beginning_on_the_page_its_marker_names() -> None:
    beginning = _beginning("提升最高检办案质效", COURT, page=1, to_page=2)
    from_page_three = _fragment("提升最高检办案质效", "上接第三版 评查工作。", from_page=3)
    on_page_five = _fragment("提升最高检办案质效", "上接第一版 评查工作。", page=5)
    assert jumps.jumps_match([beginning], [from_page_three, on_page_five]) == []


def test_a_story_with_no_marker_is_at_most_suggested() -> None:
    beginning = _beginning("提升最高检办案质效", COURT + "会议指出最高检本级办案管")
    unmarked = _fragment("提升最高检办案质效", "理要进一步加强，提升办案质效。", from_page=None)
    (match,) = jumps.jumps_match([beginning], [unmarked])
    assert match.score >= jumps.SUGGEST_MIN and not match.certain


def test_unrelated_parts_are_not_paired_at_all() -> None:
    beginning = _beginning("让配送环境更加优化", ROADS + "此次")
    unrelated = _fragment("提升最高检办案质效", "上接第一版 评查工作要做好后半篇文章。")
    matches = jumps.jumps_match([beginning], [unrelated])
    assert not any(m.certain for m in matches)


def test_the_assignment_is_the_best_total_not_the_greedy_first_choice() -> None:
    # Fragment 0 fits both beginnings, a little better the first; fragment 1 fits only the first. The best
    # whole gives fragment 1 the first beginning and fragment 0 the second.
    fits = {
        (0, 0): jumps.Fit(headline=0.9, words=0.5, join=1.0),
        (1, 0): jumps.Fit(headline=0.8, words=0.5, join=1.0),
        (0, 1): jumps.Fit(headline=0.8, words=0.4, join=1.0),
    }
    chosen = sorted(pairing.best_exact(fits))
    assert chosen == [(0, 1), (1, 0)]
    assert sorted(pairing.best_greedy(fits)) == [(0, 0)]  # what a greedy pass would have done


def test_the_last_pair_whose_markers_agree_is_linked_by_elimination() -> None:
    # Two stories jump from page 1 to page 2. One pair is plain; the other fragment has no jump headline
    # and few words in common with its beginning, too few alone, but nothing else explains either of them.
    beginnings = [
        _beginning("多部门联合发布措施 让配送环境更加优化", ROADS + "此次"),
        _beginning("北京市委政法工作会议强调 以高水平法治保障首都高质量发展", "会议强调，要统筹发展和安全。"),
    ]
    fragments = [
        _fragment("让配送环境更加优化", "上接第一版 措施将推动优化住宅小区通行环境。"),
        _fragment("", "上接第一版"),
    ]
    matches = jumps.jumps_match(beginnings, fragments)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 0), (1, 1)]
    assert matches[1].score < jumps.LINK_MIN and matches[1].certain


def test_a_jump_headline_names_its_beginning_by_the_text_when_the_headline_there_is_another_s() -> None:
    # Page 1 gave the beginning its neighbour's headline; the jump headline's words are all in its text.
    beginnings = [
        _beginning("朝鲜庆祝朝中建交70周年", "南通紧抓长三角一体化发展的机遇，全力推动跨江融合。"),
        _beginning("多部门联合发布措施 让配送环境更加优化", ROADS + "此次"),
    ]
    fragments = [
        _fragment("江苏：融入长三角一体化", "上接第一版 南通与苏州、无锡、常州三地签订多份合作协议。"),
        _fragment("让配送环境更加优化", "上接第一版 措施将推动优化住宅小区通行环境。"),
    ]
    matches = jumps.jumps_match(beginnings, fragments)
    assert [(m.fragment, m.beginning, m.certain) for m in matches] == [(0, 0, True), (1, 1, True)]


def test_overlap_is_read_from_the_shorter_side() -> None:
    # A continuation of two sentences shares its few rare words with a long beginning: that is a close fit,
    # though most of the beginning's words are not in it.
    short = frozenset({"南通", "苏州", "合作协议"})
    long = frozenset({"南通", "苏州", "合作协议", *(f"词{i}" for i in range(30))})
    weight = fitting.Weights([short, long, frozenset({"苏州"})])
    assert fitting.words_fit(short, long, weight) > 0.9


def test_a_headline_standing_above_its_text_is_read_as_its_own_and_one_from_a_block_is_not() -> None:
    assert jumps.headline_above((10, 11), 13)  # the headline, an empty line, the text
    assert not jumps.headline_above((40,), 12)  # a block of headlines after the stories
    assert not jumps.headline_above((), 12)


def test_jump_headlines_from_a_block_given_to_the_wrong_fragments_do_not_pair_them() -> None:
    # Page 2 set its jump headlines in a block and gave each to the other fragment. They say both stories go
    # on there; the text says which fragment is which.
    beginnings = [
        _beginning("以更高标准更严要求 提升最高检办案质效", COURT + "会议指出最高检本级办案管"),
        _beginning("多部门联合发布措施 让配送环境更加优化", ROADS + "此次措施"),
    ]
    fragments = [
        Fragment(
            2,
            1,
            "提升最高检办案质效",
            ("上接第一版 推动优化住宅小区和商场的通行停放环境。",),
            headline_above=False,
        ),
        Fragment(
            2, 1, "让配送环境更加优化", ("上接第一版 理要进一步加强，提升办案质效。",), headline_above=False
        ),
    ]
    matches = jumps.jumps_match(beginnings, fragments)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 1), (1, 0)]


def test_a_beginning_without_a_headline_is_read_with_the_headlines_its_page_left_over() -> None:
    # Page 1 left 冲劲 韧劲 实劲（人民论坛） over and gave the commentary none; page 2's block gave the jump
    # headline to no fragment by its place. Both pages' left-over headlines say the commentary goes on there.
    beginning = Beginning(1, 2, "", ("“读书，起家之本。”干事创业，要保持一股劲。",))
    other = Beginning(1, 2, "多部门联合发布措施 让配送环境更加优化", (ROADS + "此次",))
    fragments = [
        Fragment(2, 1, "", ("上接第一版 这股劲，是冲在前面的劲头，也是咬定青山的劲头。",)),
        Fragment(2, 1, "让配送环境更加优化", ("上接第一版 措施将推动优化住宅小区通行环境。",)),
    ]
    loose = {1: ["冲劲 韧劲 实劲（人民论坛）"], 2: ["冲劲 韧劲 实劲"]}
    matches = jumps.jumps_match([beginning, other], fragments, loose)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 0), (1, 1)]
    assert matches[0].fit.headline is not None and matches[0].fit.headline >= jumps.LOOSE_MIN


@pytest.mark.parametrize(
    "group",
    [
        ("北京：王明同乙国总统通电话", "让配送环境更加优化"),
        ("北京：王明同乙国总统通电话 让配送环境更加优化",),
    ],
    ids=["kicker and title", "one title"],
)
def test_a_block_headline_holding_two_jump_headlines_names_each_story(group: tuple[str, ...]) -> None:
    # The page grouped two jump headlines as one kicker and title, or as one title of two lines, and gave
    # the group by what it names; each line still says which story goes on there.
    beginnings = [
        Beginning(
            1,
            2,
            "国家主席王明同乙国总统卡洛斯通电话",
            ("新华社北京4月30日电 国家主席王明同乙国总统卡洛斯通电话。",),
        ),
        Beginning(1, 2, "让配送环境更加优化", (ROADS + "此次",)),
    ]
    fragments = [
        Fragment(2, 1, "", ("上接第一版 卡洛斯表示，乙方愿同中方深化合作。",)),
        Fragment(2, 1, "", ("上接第一版 措施将推动优化住宅小区通行环境。",)),
    ]
    parts = [
        jumps.Part(1, "news", b.headline, b.paragraphs, None, 2, lead=True, signed=False) for b in beginnings
    ] + [jumps.Part(2, "news", "", f.paragraphs, 1, None, lead=True, signed=False) for f in fragments]
    parts.append(jumps.Part.loose(2, group))
    links = jumps.issue_links(parts, {1, 2})
    assert sorted((f, b, m.certain) for f, b, m in links) == [(2, 0, True), (3, 1, True)]
    assert all(m.fit.headline is not None for _, _, m in links)


def test_a_beginning_that_ends_on_a_colon_goes_on_in_a_new_paragraph() -> None:
    # `贷款投向呈现以下特点：` opens a list of paragraphs: the page turn before the first is no sentence cut.
    beginning = _beginning("普惠小微贷款增速持续加快", "报告显示，贷款投向呈现以下特点：（下转第二版）")
    new_paragraph = Fragment(2, 1, "", ("上接第一版", "普惠小微贷款增速持续加快。"))
    runs_on = _fragment("", "上接第一版 普惠小微贷款增速持续加快。")
    assert jumps.join_fit(beginning, new_paragraph) == jumps.join_fit(beginning, runs_on) > 0.0


def test_a_block_headline_the_page_gave_a_fragment_counts_more_there_than_on_its_neighbour() -> None:
    # Page 2 set both jump headlines in a block and gave each to its own fragment. The block says both
    # stories go on there; the page's own reading says which fragment is which, when the text cannot.
    beginnings = [
        _beginning("美好而充实的一天", "寒假里，孩子们的一天安排得满满当当。"),
        _beginning("普惠小微贷款增速持续加快", "三季度末，金融机构贷款余额同比增长。"),
    ]
    fragments = [
        Fragment(2, 1, "普惠小微贷款增速持续加快", ("上接第一版", "余额同比多增。"), headline_above=False),
        Fragment(2, 1, "美好而充实的一天", ("上接第一版", "放假后她每天读书。"), headline_above=False),
    ]
    loose = {2: ["普惠小微贷款增速持续加快", "美好而充实的一天"]}
    fits = jumps.fits(beginnings, fragments, loose)
    assert fits[1, 0].headline > fits[0, 0].headline >= jumps.LOOSE_MIN  # type: ignore[operator]
    matches = jumps.jumps_match(beginnings, fragments, loose)
    assert [(m.fragment, m.beginning) for m in matches] == [(0, 1), (1, 0)]


def test_a_block_headline_the_page_bent_to_another_fragment_counts_for_the_one_whose_text_names_it() -> None:
    # Page 2 set its jump headlines in a block after the stories. The aid report's continuation ran into the
    # leadless travel story below it and took that story's headline, so the page gave the aid report's jump
    # headline to the other continuation, the article's, and left the article's over. Each jump headline is
    # still named best by its own continuation's text: the page's guess does not swap the two.
    aid = "王明强调 确保剩余贫困人口全部如期脱贫"
    article = "《时论》杂志发表重要文章 在打好精准脱贫攻坚战座谈会上的讲话"
    travel = "“亲眼见证了乡村的变化”（访学行）"
    beginnings = [
        (aid, "新华社昆明1月5日电 扶贫开发领导小组组长王明在怒江调研脱贫攻坚工作。（下转第二版）"),
        (
            article,
            "新华社北京4月30日电 《时论》杂志发表重要文章。文章指出，脱贫攻坚取得决定性成就。（下转第二版）",
        ),
    ]
    parts = [jumps.Part(1, "news", h, (text,), None, 2, lead=True, signed=False) for h, text in beginnings]
    parts += [
        jumps.Part(
            2,
            "news",
            aid,
            ("（上接第一版）", "文章指出，在脱贫攻坚的伟大实践中，我们积累了许多宝贵经验。"),
            1,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),
        jumps.Part(
            2,
            "news",
            travel,
            (
                "（上接第一版）",
                "王明指出，剩余贫困人口脱贫任务艰巨，要强化分类施策，确保全部如期脱贫。",
                "烟雨江南，访学班学员走进古镇，亲眼见证了乡村的变化。",
            ),
            1,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),
        jumps.Part.loose(2, tuple(article.split())),
    ]
    links = jumps.issue_links(parts, {1, 2})
    assert sorted((f, b, m.certain) for f, b, m in links) == [(2, 1, True), (3, 0, True)]


def test_a_block_headline_a_fragment_names_counts_fully_only_for_a_beginning_it_names_by_its_own_headline() -> (
    None
):
    # Page 1 left the commentary's headline over right above the meeting report's, and ran the commentary's
    # text on from the weather report above it. Read with that left-over headline the meeting report might
    # be the commentary; that reading is less sure than its own headline, which page 2's other jump
    # headline names.
    parts = [
        jumps.Part(
            1,
            "news",
            "华北等地将有降雪",
            ("本报北京2月11日电 华北等地将有降雪。", "越是爬坡过坎，越需要一往无前的姿态。（下转第二版）"),
            None,
            2,
            lead=True,
            signed=False,
            headline_above=False,
            headline_lines=(10,),
        ),
        jumps.Part(
            1,
            "news",
            "政治局召开会议 讨论政府工作报告",
            ("新华社北京5月15日电 会议讨论国务院拟提请审议的报告。（下转第二版）",),
            None,
            2,
            lead=True,
            signed=False,
            headline_above=False,
            headline_parts=("政治局召开会议", "讨论政府工作报告"),
            headline_lines=(6, 7),
        ),
        jumps.Part.loose(1, ("冲劲 韧劲 实劲（论坛）",), at=(4,)),
        jumps.Part(
            2,
            "news",
            "讨论政府工作报告",
            ("（上接第一版）", "会议要求，认真做好报告的修改工作。"),
            1,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),
        jumps.Part(
            2,
            "news",
            "冲劲 韧劲 实劲",
            ("（上接第一版）", "关键时刻要有冲劲、韧劲和实劲。"),
            1,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),
    ]
    links = jumps.issue_links(parts, {1, 2})
    assert sorted((f, b) for f, b, m in links if m.certain) == [(3, 1), (4, 0)]


def test_a_beginning_its_page_gave_no_headline_is_read_with_the_block_headlines_it_gave_other_stories() -> (
    None
):
    # Page 1 set its headlines in a block and gave the village story's to the professor's story, leaving the
    # village story with none; page 2 left the jump headline over. The block headline the page gave another
    # story may be the headless beginning's own, as for a beginning whose headline stood in the block.
    def part(page: int, headline: str, text: tuple[str, ...], **jump: int | None) -> jumps.Part:
        return jumps.Part(
            page,
            "news",
            headline,
            text,
            jump.get("up"),
            jump.get("down"),
            lead=True,
            signed=False,
            headline_above=False,
        )

    parts = [
        part(1, "高山新房“长”出来（大国小家）", ("伊莎白教授的家位于北京外国语大学。",)),
        part(1, "", ("“以前，我们这里的房子全部是用竹子扎的。”（下转第二版）",), down=2),
        part(
            1,
            "总理主持召开领导小组会议 要求精准做好常态化防控",
            ("会议指出，要做好防控。（下转第二版）",),
            down=2,
        ),
        part(2, "", ("（上接第一版）", "如今，竹子扎的房子换成了砖瓦新房，村民日子越过越好。"), up=1),
        part(2, "", ("（上接第一版）", "会议强调，要加快提升检测能力。"), up=1),
        jumps.Part.loose(2, ("高山新房“长”出来",)),
        jumps.Part.loose(2, ("总理主持召开领导小组会议", "要求精准做好常态化防控")),
    ]
    links = jumps.issue_links(parts, {1, 2})
    assert sorted((f, b) for f, b, m in links if m.certain) == [(3, 1), (4, 2)]


def test_a_title_its_page_left_over_right_under_a_beginnings_kicker_is_read_as_its_own() -> None:
    # Page 1 gave the story only its kicker and left its title over on the next line; page 2's jump headline
    # is that title. A title left over further away is no part of the story's headline: it names a story on
    # that page, maybe this one, less surely.
    def parts(title_line: int) -> list[jumps.Part]:
        return [
            jumps.Part(
                1,
                "news",
                "北京部分中小学校开设人工智能课程",
                ("课堂上，同学们讨论机器人。下转第二版",),
                None,
                2,
                lead=True,
                signed=False,
                headline_lines=(10,),
            ),
            jumps.Part.loose(1, ("小粉丝迷上前沿新知",), (title_line,)),
            jumps.Part(
                2,
                "news",
                "小粉丝迷上前沿新知",
                ("上接第一版", "下课后，大家还围着老师问个不停。"),
                1,
                None,
                lead=True,
                signed=False,
                headline_above=False,
            ),
        ]

    (beside,) = jumps.issue_links(parts(11), {1, 2})
    assert beside[:2] == (2, 0) and beside[2].certain
    assert beside[2].fit.headline is not None and beside[2].fit.headline >= jumps.LOOSE_MIN
    (apart,) = jumps.issue_links(parts(14), {1, 2})
    assert apart[2].fit.headline is not None and beside[2].fit.headline is not None
    assert apart[2].fit.headline < beside[2].fit.headline and apart[2].score < beside[2].score


def test_a_place_before_a_jump_headline_does_not_count_against_it() -> None:
    # Papers set the place before a continuation's headline (`北京：…`); the beginning's headline has none.
    assert fitting.headline_fit("华北黄淮等地将有降雪", "北京：华北黄淮等地将有降雪") == 1.0
    assert fitting.headline_fit("华北黄淮等地将有降雪", "北京：秋粮收购进展顺利") == 0.0  # type: ignore[comparison-overlap]


def test_a_title_left_over_two_lines_under_a_kicker_on_a_page_with_empty_lines_between_is_beside_it() -> None:
    # Some extractions give an empty line after every printed line: a kicker on line 10 and its title on
    # line 12 stood one under the other.
    kicker = jumps.Part(
        1, "news", "北京部分中小学校开设人工智能课程", ("下转第二版",), None, 2, lead=True, signed=False,
        headline_lines=(10,),
    )  # fmt: skip
    assert kicker.beside(jumps.Part.loose(1, ("小粉丝迷上前沿新知",), (12,)))


def test_a_continuation_the_page_split_at_its_second_dateline_keeps_its_jump_headline() -> None:
    # A roundup (本报西宁…电, then 本报长春…电) goes on on page 2 under a headline set in a block; the page cut
    # the continuation at the second dateline and gave the headline to that piece, which names it, leaving
    # the piece with the `上接` marker without. The headline still says the story goes on there.
    parts = [
        jumps.Part(
            1,
            "news",
            "国土绿化提速，去年—— 青海完成营造林四百三十三万亩吉林保护恢复湿地达四万五千亩",
            ("本报西宁1月15日电 记者从青海省林草局获悉：2019年，青海全年共完成营造林。 下转第2版",),
            None,
            2,
            lead=True,
            signed=False,
        ),
        jumps.Part(
            2,
            "news",
            "",
            ("上接第1版", "生态扶贫方面，全省林草生态保护公益岗位达到13.8万个。"),
            1,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
        jumps.Part(
            2,
            "news",
            "西宁：青海完成营造林四百三十三万亩吉林保护恢复湿地达四万五千亩",
            ("本报长春1月15日电 记者从吉林省林业和草原工作会议上获悉：吉林保护恢复湿地。",),
            None,
            None,
            lead=True,
            signed=True,
            headline_above=False,
            headline_lines=(40,),
        ),  # fmt: skip
        jumps.Part(
            1,
            "news",
            "多部门联合发布措施 让配送环境更加优化",
            (ROADS + "此次 下转第2版",),
            None,
            2,
            lead=False,
            signed=False,
        ),  # fmt: skip
        jumps.Part(
            2,
            "news",
            "让配送环境更加优化",
            ("上接第1版 措施将推动优化住宅小区通行环境。",),
            1,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
    ]
    links = {f: (b, m) for f, b, m in jumps.issue_links(parts, {1, 2})}
    beginning, match = links[1]
    assert beginning == 0 and match.certain
    assert match.fit.headline is not None and match.fit.headline >= jumps.LOOSE_MIN


def test_a_fragment_with_its_marker_is_paired_before_one_without() -> None:
    # Page 2 holds the continuation, marked `上接第1版`, and a story with no lead or marker that shares more
    # words with the beginning: the marker is evidence the words are not.
    beginning = _beginning(
        "中共中央政治局召开会议 讨论政府工作报告", "会议认为，过去一年，我国发展面临诸多困难挑战。"
    )
    unmarked = Fragment(
        2, None, "", ("过去一年，党中央团结带领全国各族人民攻坚克难，我国发展面临诸多困难挑战。",)
    )
    marked = Fragment(2, 1, "", ("上接第1版", "会议还研究了其他事项。"))
    loose = {2: ["讨论政府工作报告"]}
    fits = jumps.fits([beginning], [unmarked, marked], loose)
    assert fits[0, 0].score > fits[0, 1].score  # the words alone prefer the unmarked story
    (match,) = jumps.jumps_match([beginning], [unmarked, marked], loose)
    assert match.fragment == 1 and match.certain


def test_a_jump_headline_naming_a_headline_its_beginning_s_page_gave_a_neighbour_links_it() -> None:
    # Page 1 set its headlines in a block and gave them by what they name: the commentary that jumps to page 4
    # got the book series' headline, the series' story got the commentary's. The jump headline on page 4
    # names the commentary's, given to the neighbour: the story that jumps to page 4 is the one it names.
    parts = [
        jumps.Part(
            1,
            "news",
            "拥抱人类命运共同体的光明未来（钟声）",
            ("为庆祝新中国成立70周年，丛书出版发行。",),
            None,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part(
            1,
            "news",
            "“新中国七十年七十部长篇小说典藏”丛书出版发行",
            ("世界各国人民携手同行，共建美好家园。 下转第4版",),
            None,
            4,
            lead=False,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part(
            4,
            "news",
            "拥抱人类命运共同体的光明未来（钟声）",
            ("上接第1版 各国共同发展，未来更加光明。",),
            1,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
    ]
    ((fragment, beginning, match),) = jumps.issue_links(parts, {1, 4})
    assert (fragment, beginning) == (2, 1) and match.certain
    assert match.fit.headline is not None and match.fit.headline < 1.0  # less sure than its own headline


def test_a_block_headline_of_a_story_that_jumps_to_the_same_page_is_not_read_as_a_neighbour_s() -> None:
    # Page 1 set its headlines in a block. A story jumping to page 2 may have been given its neighbour's
    # headline, so it is read with the block's other headlines, but not with one held by a story that also
    # jumps to page 2: that story's own continuation is there to claim it (else two halves swap).
    def part(headline: str, to_page: int | None) -> jumps.Part:
        return jumps.Part(
            1, "news", headline, ("正文。",), None, to_page, lead=True, signed=False, headline_above=False
        )

    beginning = part("重庆探索建立森林横向生态补偿机制", 2)
    parts = [
        beginning,
        part("守护冬眠的蝮蛇，高山夫妇—— 在蛇岛过年", 2),
        part("“春蕾计划”30年成果发布会举行", None),
    ]
    parts.append(part("南通 融入长三角一体化", 3))
    assert jumps.swapped_headlines(parts, beginning) == (
        "“春蕾计划”30年成果发布会举行",
        "南通 融入长三角一体化",
    )


def test_a_jump_headline_grouped_as_the_kicker_of_the_next_story_s_headline_still_names_its_story() -> None:
    # Headlines above their stories: the jump headline over the continuation was grouped with the title of
    # the story after it, as its kicker, and the continuation was left with none. The line still counts.
    parts = [
        jumps.Part(
            1,
            "news",
            "李克强主持召开座谈会 听取对政府工作报告的意见建议 韩正出席",
            ("新华社北京5月11日电 李克强主持召开座谈会。 下转第二版",),
            None,
            2,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part(
            2,
            "news",
            "",
            ("（上接第一版）", "与会人士表示，坚决拥护政府工作报告。"),
            1,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
        jumps.Part(
            2,
            "news",
            "北京：听取对政府工作报告的意见建议 为实现新时代党的历史使命不懈奋斗",
            ("这是一次直抵人心、触及灵魂的教育洗礼。",),
            None,
            None,
            lead=False,
            signed=False,
            headline_parts=("北京：听取对政府工作报告的意见建议", "为实现新时代党的历史使命不懈奋斗"),
        ),  # fmt: skip
    ]
    ((fragment, beginning, match),) = jumps.issue_links(parts, {1, 2})
    assert (fragment, beginning) == (1, 0) and match.certain
    assert match.fit.headline is not None and match.fit.headline >= jumps.LOOSE_MIN


def test_each_line_of_a_group_over_a_continuation_is_read_as_a_jump_headline_alone() -> None:
    # Page 4 set two jump headlines one over the other above the first continuation, and grouped them as its
    # kicker and title; the second continuation got none. The group's second line names the first one's story.
    parts = [
        jumps.Part(
            1,
            "news",
            "《求是》杂志发表重要文章 在打好精准脱贫攻坚战座谈会上的讲话",
            ("新华社北京4月30日电 文章强调，脱贫攻坚取得决定性进展。（下转第4版）",),
            None,
            4,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part(
            1,
            "news",
            "华北黄淮等地将有降雪",
            ("本报北京2月11日电 中央气象台预计，江南、华南（下转第4版）",),
            None,
            4,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part(
            4,
            "news",
            "在打好精准脱贫攻坚战座谈会上的讲话 北京：华北黄淮等地将有降雪",
            ("上接第1版 等地有持续性阴雨，以小到中雨为主。",),
            1,
            None,
            lead=True,
            signed=False,
            headline_parts=("在打好精准脱贫攻坚战座谈会上的讲话", "北京：华北黄淮等地将有降雪"),
        ),  # fmt: skip
        jumps.Part(
            4,
            "news",
            "",
            ("上接第1版", "这些经验弥足珍贵，要长期坚持并不断完善和发展。"),
            1,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
    ]
    links = {f: (b, m) for f, b, m in jumps.issue_links(parts, {1, 4})}
    assert links[2][0] == 1 and links[2][1].certain and links[2][1].fit.headline == 1.0
    assert links[3][0] == 0


def test_a_beginning_its_page_cut_at_a_subhead_is_named_by_the_headline_of_the_story_above() -> None:
    # Page 2 read the subhead 平台经济崛起 as a new story's headline and cut the story there: the piece under it
    # holds the 下转 marker, and the jump headline on page 4 names the headline of the piece above the subhead.
    parts = [
        jumps.Part(
            2,
            "news",
            "《关于促进平台经济规范健康发展的指导意见》印发 平台经济破解“成长烦恼”",
            ("平台经济快速崛起，在促进经济高质量发展方面发挥了重要作用。",),
            None,
            None,
            lead=False,
            signed=False,
            headline_lines=(100, 101),
            text_ends=114,
        ),  # fmt: skip
        jumps.Part(
            2,
            "news",
            "平台经济崛起",
            ("平台领域、范围不断扩展，类型越来越丰富，逐步由一种商业现象发展为（下转第四版）",),
            None,
            4,
            lead=False,
            signed=False,
            headline_lines=(116,),
            text_ends=130,
        ),  # fmt: skip
        jumps.Part(
            4,
            "news",
            "平台经济破解“成长烦恼”（消费视窗）",
            ("上接第二版 一种经济形态，可以线上支付。",),
            2,
            None,
            lead=True,
            signed=False,
        ),  # fmt: skip
    ]
    ((fragment, beginning, match),) = jumps.issue_links(parts, {2, 4})
    assert (fragment, beginning) == (2, 1) and match.certain
    # A story whose text ends further above, or one with a lead, is not read so.
    apart = [replace(parts[0], text_ends=100), *parts[1:]]
    assert not jumps.issue_links(apart, {2, 4})[0][2].certain


def test_a_headline_left_over_on_a_beginning_s_page_names_the_story_merged_into_another_there() -> None:
    # Page 2 ran a commentary with no lead into the report above it and left the commentary's headline over;
    # the report's part ends with the commentary's 下转. The jump headline on page 3 names the left-over one.
    parts = [
        jumps.Part(
            2,
            "news",
            "华北黄淮等地将有降雪",
            (
                "本报北京2月11日电 中央气象台预计，华北有小雪。",
                "大事难事看担当。越是爬坡过坎，越需要挺身而出。（下转第3版）",
            ),
            None,
            3,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
        jumps.Part.loose(2, ("冲劲 韧劲 实劲（人民论坛）",), (4,)),
        jumps.Part(
            3,
            "news",
            "冲劲 韧劲 实劲",
            ("（上接第2版）", "惟有担当作为、勇毅前行，做冲锋陷阵的战士。"),
            2,
            None,
            lead=True,
            signed=False,
            headline_above=False,
        ),  # fmt: skip
    ]
    ((fragment, beginning, match),) = jumps.issue_links(parts, {2, 3})
    assert (fragment, beginning) == (2, 0) and match.certain
    assert match.fit.headline is not None and match.fit.headline < 1.0  # less sure than its own headline

"""Place names -> region: the gazetteer, the name matching and the resolution rules. No database."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.reconstruct.places import PROVINCE, Resolution, gazetteer, resolve_places

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "fazhi_2025-01-24_02.txt"


def _resolve(text: str, *, dateline: str | None = None, title: str | None = None) -> Resolution:
    return resolve_places(dateline_place=dateline, text=text, title=title)


# The gazetteer


def test_gazetteer_has_the_34_province_level_divisions():
    provinces = {p.name for p in gazetteer() if p.level == PROVINCE}
    assert len(provinces) == 34
    assert {"广西壮族自治区", "北京市", "香港特别行政区", "澳门特别行政区", "台湾省"} <= provinces


def test_lookup_finds_namesakes_by_short_form():
    kaiping = gazetteer().lookup("开平")
    assert [(p.name, gazetteer().province_of(p).name) for p in kaiping] == [
        ("开平区", "河北省"),
        ("开平市", "广东省"),
    ]


def test_lookup_finds_full_names_and_province_of_walks_up():
    (pinghu,) = gazetteer().lookup("平湖市")
    assert gazetteer().place(pinghu.parent).name == "嘉兴市"
    assert gazetteer().province_of(pinghu).name == "浙江省"
    assert [p.name for p in gazetteer().lookup("金山区")] == ["金山区"]


# The dateline


def test_dateline_place_decides_region():
    assert _resolve("江苏省委政法工作会议今天在南京召开", dateline="南京") == Resolution(
        "江苏省", ("南京市",), ()
    )


def test_dateline_wins_over_places_named_in_the_text():
    result = _resolve("浙江省杭州市、浙江省宁波市和浙江省温州市的代表", dateline="南京")
    assert result.region == "江苏省"
    assert result.places[0] == "南京市"


def test_municipality_dateline_is_the_region_and_not_a_place():
    assert _resolve("市委政法工作会议今天召开", dateline="北京") == Resolution("北京市", (), ())


def test_stoplisted_short_form_is_still_a_place_in_a_dateline():
    assert _resolve("市委政法工作会议今天召开", dateline="中山").region == "广东省"


def test_ambiguous_dateline_without_context_left_unresolved():
    assert _resolve("区委政法工作会议今天召开", dateline="朝阳") == Resolution(None, (), ("朝阳",))


def test_dateline_gives_context_to_ambiguous_names():
    assert _resolve("开平边检站民警", dateline="江门") == Resolution("广东省", ("江门市", "开平市"), ())


def test_foreign_dateline_leaves_the_region_to_the_text():
    assert _resolve("江苏省的企业代表参加了会议", dateline="华盛顿").region == "江苏省"


# Names in the text


def test_province_named_in_text_decides_region_without_dateline():
    assert _resolve("1月22日，黑龙江省委政法工作会议召开。") == Resolution("黑龙江省", (), ())


def test_province_and_city_chain_gives_province_and_city():
    assert _resolve("在辽宁省沈阳市司法局召开的座谈会上") == Resolution("辽宁省", ("沈阳市",), ())


def test_city_short_form_gives_its_province():
    assert _resolve("沈阳的企业负责人说") == Resolution("辽宁省", ("沈阳市",), ())


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("广西政法机关要忠实履职", "广西壮族自治区"),
        ("内蒙古草原", "内蒙古自治区"),
        ("新疆的棉花", "新疆维吾尔自治区"),
        ("香港的律师", "香港特别行政区"),
        ("河南的小麦", "河南省"),  # the province, not 青海's 河南蒙古族自治县
    ],
)
def test_province_short_forms(text, region):
    assert _resolve(text).region == region


def test_longjiang_is_not_heilongjiang():
    assert _resolve("奋力推进龙江政法工作现代化") == Resolution(None, (), ())


def test_city_rather_than_its_namesake_county():
    assert _resolve("湖南长沙的企业") == Resolution("湖南省", ("长沙市",), ())


def test_xian_is_the_city_not_its_namesake_districts():
    assert _resolve("西安的文物保护") == Resolution("陕西省", ("西安市",), ())


# Ambiguous names


def test_ambiguous_kaiping_resolved_by_zhuhai_context():
    text = "1月22日，珠海边检总站开平边检站移民管理警察在三埠港口岸开展登船赠春联活动"
    assert _resolve(text) == Resolution("广东省", ("珠海市", "开平市"), ())


def test_ambiguous_kaiping_resolved_by_tangshan_context():
    assert _resolve("唐山开平的煤矿") == Resolution("河北省", ("唐山市", "开平区"), ())


def test_ambiguous_name_without_context_left_unresolved():
    assert _resolve("开平边检站移民管理警察") == Resolution(None, (), ("开平",))


def test_chaoyang_in_a_beijing_story_is_the_beijing_district():
    assert _resolve("北京朝阳的居民") == Resolution("北京市", ("朝阳区",), ())


def test_namesake_districts_in_one_province_resolved_by_the_city_named():
    assert _resolve("南京鼓楼的居民") == Resolution("江苏省", ("南京市", "鼓楼区"), ())


def test_namesake_districts_without_the_city_keep_the_region_only():
    assert _resolve("江苏鼓楼区的居民") == Resolution("江苏省", (), ("鼓楼区",))


def test_county_short_form_counts_only_with_its_province_named():
    assert _resolve("嘉善的居民") == Resolution(None, (), ())
    assert _resolve("浙江嘉善的居民") == Resolution("浙江省", ("嘉善县",), ())


# Words that are not places


def test_xinhuashe_is_not_a_place():
    # 河北 has two 新华区; naming the province would let a county short form count.
    assert _resolve("河北省委召开会议，据新华社报道") == Resolution("河北省", (), ())


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # Each names the province of the namesake, so only the stoplist keeps the word out.
        ("青海省深入推进平安边界建设", "青海省"),  # 平安区
        ("天津市维护世界和平", "天津市"),  # 和平区
        ("海南省唱响东方红", "海南省"),  # 东方市
        ("陕西省确保一方长安", "陕西省"),  # 长安区
        ("广西的人力资源", "广西壮族自治区"),  # 资源县
        ("甘肃合作共赢", "甘肃省"),  # 合作市
        ("甘肃省党和政府", "甘肃省"),  # 和政县
        ("辽宁乡村振兴", "辽宁省"),  # 振兴区
        ("广西三埠港口岸", "广西壮族自治区"),  # 港口区
        ("上海绿水青山就是金山银山", "上海市"),  # 金山区
        ("山西给党员上党课", "山西省"),  # 上党区
    ],
)
def test_common_words_are_not_places(text, region):
    assert _resolve(text) == Resolution(region, (), ())


@pytest.mark.parametrize(
    "text",
    [
        "长江出海口的渔民",  # 海口市
        "大理石台面",  # 大理白族自治州
        "确保社会长治久安",  # 长治市
        "祝愿祖国繁荣昌盛",  # 重庆 荣昌区
        "创建全国示范县",  # 河南 范县
    ],
)
def test_word_containing_a_city_name_is_not_that_city(text):
    assert _resolve(text) == Resolution(None, (), ())


def test_stoplisted_short_form_still_matches_as_full_name():
    assert _resolve("东方市的渔民") == Resolution("海南省", ("东方市",), ())


@pytest.mark.parametrize(
    "text",
    [
        "德国联邦交通与数字基础设施部伦理委员会",
        "国务院办公厅印发方案",
        "法治中国首善之区，从中央到地方，全国政法机关",
    ],
)
def test_foreign_and_national_names_give_no_region(text):
    assert _resolve(text).region is None


def test_street_named_after_a_city_is_not_that_city():
    assert _resolve("上海南京路步行街") == Resolution("上海市", (), ())


def test_river_bank_is_not_a_province():
    assert _resolve("黄河南岸的村庄") == Resolution(None, (), ())


def test_full_name_running_into_a_word_falls_back_to_the_short_form():
    assert _resolve("河北区域协同发展").region == "河北省"  # not 天津's 河北区


def test_beijing_time_is_not_beijing():
    assert _resolve("北京时间8时") == Resolution(None, (), ())


# Weighing several provinces


def test_most_mentioned_province_wins_and_its_places_come_first():
    text = (
        "作为上海的西南门户，金山区共有4个镇23个村与浙江省嘉兴市下辖的平湖市、嘉善县接壤。"
        "2024年，金山区各级调解组织累计受理各类矛盾纠纷。金山区司法局党委书记说"
    )
    assert _resolve(text) == Resolution("上海市", ("金山区", "嘉兴市", "平湖市", "嘉善县"), ())


def test_tie_goes_to_the_province_named_first():
    assert _resolve("江苏和浙江的企业").region == "江苏省"


def test_title_weighs_more_than_text():
    assert _resolve("南京的企业", title="杭州举办展会").region == "浙江省"


def test_first_paragraph_weighs_more_than_the_rest():
    text = "浙江的企业、浙江的农民来了。\n江苏的企业、江苏的农民、江苏的学生也来了。"
    assert _resolve(text).region == "浙江省"


def test_address_chain_counts_once():
    assert _resolve("上海，上海，浙江省嘉兴市平湖市").region == "上海市"


# The seed page: each story as the segmentation cuts it, lines joined.

_PAGE_TEXT = PAGE.read_text(encoding="utf-8").replace("\n", "")


@pytest.mark.parametrize(
    ("start", "end", "dateline", "region", "places"),
    [
        ("本报南京1月23日电", "本报讯 记者崔东凯", "南京", "江苏省", ("南京市",)),
        ("本报讯 记者崔东凯", "本报南宁", None, "黑龙江省", ()),
        ("本报南宁1月23日电", "本报北京", "南宁", "广西壮族自治区", ("南宁市",)),
        ("本报北京1月23日讯", "□　本报记者", "北京", "北京市", ()),
        ("□　本报记者", "本报讯 记者周宵鹏", None, "辽宁省", ("沈阳市",)),
        ("本报讯 记者周宵鹏", "北京市委政法工作会议强调", None, "河北省", ()),
        ("1月22日，珠海边检总站", "上接第一版 反映", None, "广东省", ("珠海市", "开平市")),
        ("上接第一版 反映", "上接第一版 试图", None, None, ()),
        ("上接第一版 试图", " 　　“一直以来", None, None, ()),
        (" 　　“一直以来", "上接第一版 一段", None, "上海市", ("金山区", "嘉兴市", "平湖市", "嘉善县")),
        ("上接第一版 一段", "以更高标准", None, None, ()),
    ],
)
def test_seed_page_stories(start, end, dateline, region, places):
    begin = _PAGE_TEXT.index(start)
    story = _PAGE_TEXT[begin : _PAGE_TEXT.index(end, begin)]
    assert _resolve(story, dateline=dateline) == Resolution(region, places, ())

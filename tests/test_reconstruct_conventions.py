"""The conventions of the wider family of Chinese papers, beyond the seed page: photo credits, lead forms,
trailing notes, production credits and folios. Each with the smallest synthetic page that shows it. No
database."""

from __future__ import annotations

import pytest

from articles.reconstruct.page import reconstruct_page
from articles.reconstruct.values import Page

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


def names(article) -> list[tuple[str, str]]:  # noqa: ANN001 - an Article
    return [(b.name, b.role) for b in article.bylines]


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
    [("李明摄", ["李明"]), (" 林  舟摄（影像中国）", ["林舟"]), ("新华社记者 艾力江摄", ["艾力江"])],
    ids=["name", "spaced-source", "xinhua"],
)
def test_credit_at_the_end_of_the_caption_paragraph(credit: str, photographers: list[str]) -> None:
    caption = ["\u3000\u3000" + CAPTION[:16], CAPTION[16:] + credit]
    result = page(*para("本报讯 记者黄洁 " + FILLER), *caption, "湖区生态持续向好", *para(LAKE))
    assert [a.kind for a in result.articles] == ["news", "photo", "news"]
    assert names(result.articles[1]) == [(n, "photographer") for n in photographers]
    assert result.articles[1].paragraphs[0].text.startswith(CAPTION)
    assert result.articles[2].title == "湖区生态持续向好"


def test_a_figure_sentence_inside_the_caption_stays_in_the_caption() -> None:
    caption = "3月5日，某县举办春季农产品展销会，吸引众多市民选购。图为市民在展台前挑选新鲜蔬菜。"
    result = page(*para("本报讯 记者黄洁 " + FILLER), *para(caption), "本报记者 张三摄")
    news, photo = result.articles
    assert photo.kind == "photo"
    assert photo.paragraphs[0].text == caption
    assert names(photo) == [("张三", "photographer")]
    assert "图为" not in news.text


def test_a_word_ending_in_the_photo_character_is_not_a_credit() -> None:
    result = page(*para("本报讯 记者黄洁 " + FILLER), "无人机航拍摄", *para(FILLER))
    assert all(a.kind != "photo" for a in result.articles)

"""Leads of stories: datelines, reporters, correspondents, photographers, authors, jump markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import ends_sentence
from .values import Byline, BylineRole, Dateline

# The commonest Chinese surnames, compound ones first; a byline name must start with one.
_COMPOUND_SURNAMES = (
    "欧阳 上官 司马 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 端木 澹台 轩辕 呼延 "
    "单于 独孤 南宫 西门 百里 万俟 闻人 申屠 钟离 宗政 濮阳 太史 第五 拓跋 完颜 纳兰 爱新"
).split()
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑"
    "迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉"
    "禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜"
    "印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
# 2-4 characters after a surname, or a transliterated minority name with a middle dot: 阿布都·热合曼.
NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·・][\u4e00-\u9fff]{1,8}$")  # 黄洁
# Role words before names, longest first so 本报记者 wins over 记者.
ROLE_WORDS: tuple[tuple[str, BylineRole], ...] = (
    ("本报特约记者", BylineRole.REPORTER),
    ("本报见习记者", BylineRole.REPORTER),
    ("本报实习生", BylineRole.CORRESPONDENT),
    ("本报通讯员", BylineRole.CORRESPONDENT),
    ("本报记者", BylineRole.REPORTER),
    ("特约记者", BylineRole.REPORTER),
    ("见习记者", BylineRole.REPORTER),
    ("首席记者", BylineRole.REPORTER),
    ("记者", BylineRole.REPORTER),
    ("通讯员", BylineRole.CORRESPONDENT),
    ("实习生", BylineRole.CORRESPONDENT),
    ("特约撰稿人", BylineRole.AUTHOR),
    ("作者", BylineRole.AUTHOR),
    ("文/", BylineRole.AUTHOR),
    ("文／", BylineRole.AUTHOR),
    ("摄影", BylineRole.PHOTOGRAPHER),
)
ROLE_OF = dict(ROLE_WORDS)
ROLE_FIRST = frozenset(word[0] for word, _ in ROLE_WORDS)  # how a role word can begin: 本 记 通 …
# The longest token NAME can match: six characters, a dot and eight, and a final newline `$` allows.
MAX_NAME_LEN = 16
_ROLE_ALT = "|".join(re.escape(w) for w, _ in ROLE_WORDS)
ROLE_SPLIT = re.compile(f"({_ROLE_ALT})[:：]?")  # 本报记者
# 文/图 (words and pictures) before or after a feature's byline line: who wrote it took the photos too.
TEXT_AND_PICTURES = re.compile(r"^(?:文|图)\s?[/／]\s?(?:图|文)\s*|\s*(?:文|图)\s?[/／]\s?(?:图|文)$")
# A paper or site named before a role word: 经济日报记者, 中青报·中青网记者, 新华社记者.
ORG_BEFORE_ROLE = re.compile(
    rf"[\u4e00-\u9fff·・]{{1,12}}?(?:报|社|网|台|客户端)(?:驻[\u4e00-\u9fff]{{1,8}}?)?(?=(?:{_ROLE_ALT}))"
)  # …and where it posted its reporter: 本报驻上海记者, 新华社驻东京记者
# A dateline's place and its date: 南京 / 1月23日 (2020年1月23日)
_PLACE = r"(?P<place>[\u4e00-\u9fff]{1,8}?)"
_DATE = r"(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)"
# 本报南京1月23日电 / 新华社北京1月23日电 / 本报北京1月23日讯 / 本报讯 / 本报电 / 本报综合报道
DATELINE = re.compile(
    r"^(?:据)?(?P<agency>本报|新华社|中新社|中新网|人民网|央视网|央广网|新华网|光明网|法治日报|人民日报)"
    # a place, or a date alone (中新网1月23日电, 本报1月23日讯); a site's 消息 (央视网消息)
    rf"(?:(?:{_PLACE}|(?=\d)){_DATE}?(?:电|讯)|讯|电(?=[\s（(]|$)|综合报道|特稿|消息)"
)
# Any other paper filing under its own name, with a place and a date or as 讯 alone: 光明日报北京1月23日电,
# 经济日报北京1月23日讯, 中国青年报客户端北京1月23日电, 工人日报讯. The name ends as papers' names do (日报,
# 晚报, 青年报…, not a bare 报: 市民报告说…), and a place needs its date, so that words running on are never
# read as one.
PAPER_DATELINE = re.compile(
    r"^(?:据)?(?P<agency>(?:[\u4e00-\u9fff]{0,8}?(?:日报|晚报|晨报|时报|周报|商报|导报|都市报|青年报|文汇报|新京报"
    r"|军报|法院报|检察报|监察报|政协报)|中国[\u4e00-\u9fff]{1,6}报)(?:客户端|网)?)"
    rf"(?:{_PLACE}{_DATE}(?:电|讯)|讯(?=[\s（(]|$))"
)
# A name the text runs on from without a space, and the word it runs into: 记者张三报道 / 记者王明远近日…
NAME_THEN_WORD = re.compile(
    r"([\u4e00-\u9fff]{2,3}?)(?:报道|近日|日前|今天|昨天|今年|获悉|发自|了解到)"
)  # 张三报道
NAME_THEN_CHAR = re.compile(r"([\u4e00-\u9fff]{2,3}?)[从在]")  # 张三从
# Words inside a lead's parentheses that are not names, though as short as one: （综合报道）
NOT_A_NAME = re.compile(r"报道|综合|整理|编译|采写|图文|[电讯社网台稿]$")  # 综合报道
# How a lead can begin: an agency, a role word or a parenthesis.
LEAD_START = re.compile(
    rf"^(?:据|本报|新华社|中新|人民|央|光明|法治|上接|接|承|{_ROLE_ALT}|[（(【]|[\u4e00-\u9fff]{{1,10}}报)"
)  # 本报 / 记者 / （ / 经济日报
# A parenthesised byline right after a dateline or at a paragraph start: （记者王比学） (记者 王比学 通讯员 李四)
PAREN_BYLINE = re.compile(r"\s?[（(](?P<inner>[^（）()]{2,40}?)[）)]")  # （记者王比学）
# A parenthesised byline at the very end of a story: （本报记者 王比学） / (记者 李四 通讯员 王五)
CLOSING_BYLINE = re.compile(
    rf"[（(](?P<inner>(?:{ORG_BEFORE_ROLE.pattern})?(?:{_ROLE_ALT})[^（）()]{{2,40}})[）)]\s*$"
)  # （本报记者 王比学） / （经济日报记者 张三）
# A bare name in parentheses signing a commentary at its end: （张　伟） / （李明远）
CLOSING_SIGNATURE = re.compile(r"[（(](?P<inner>[\u4e00-\u9fff·][\u4e00-\u9fff·\s\u3000]{1,5})[）)]\s*$")
# A signature letter-spaced by the compositor, a name whatever its surname: （靖  伟）
SPACED_SIGNATURE = re.compile(r"^[\u4e00-\u9fff][\s\u3000]+[\u4e00-\u9fff]{1,2}$")  # 靖 伟
# A note in parentheses that ends a story, on its own line: who the author is, where the report came from.
AUTHOR_NOTE = re.compile(
    r"^[（(](?:(?:作者|编者|本文|本系列|相关报道|本报|新华社|中新社|据|图片|照片)[^（）()]{1,60}"
    r"|资料图片|[^（）()]{2,30}供图)[）)]$"
)  # （作者为中国驻某国大使） / （本报东京2月19日电） / （图片由受访者提供） / （资料图片） / （某县委宣传部供图）
# A photo credit at the end of a caption: 本报通讯员 胡啸宇 摄 / 王  闽摄（影像中国） / 张三 李四摄 / 张三/摄.
# The names may be letter-spaced (吴  焰); the agency that supplied the photo may follow in parentheses.
PHOTO_CREDIT = re.compile(
    r"(?P<credit>(?=\S)(?:(?:新华社|中新社|本报)发\s?(?=[（(]))?[（(]?"  # 新华社发（张三摄）
    # a writer credited before the photographer: 本报记者 谷业凯文 本报记者 雷 声摄
    r"(?:(?:本报|新华社)?(?:记者|通讯员)?\s?[\u4e00-\u9fff·]{2,4}\s?文\s+)?"
    # the agency that sent the picture, maybe saying so: 新华社发 张三摄
    r"(?:(?:本报|新华社|中新社|人民视觉|视觉中国)发?\s?)?(?:特约摄影记者|摄影记者|特约摄影|记者|通讯员|摄影)?\s?"
    r"(?P<names>[\u4e00-\u9fff·]{1,8}(?:\s[\u4e00-\u9fff·]{1,4}){0,5})\s?[/／]?\s?(?<!拍)摄(?:影(?:报道)?)?[）)]?"
    r"(?:[（(][\u4e00-\u9fff]{2,6}[）)])?)\s*$"
)  # 高东风摄（人民视觉）
NAME_SEPARATORS = re.compile(r"[\s、]+")  # the space or pause mark between two names: 张三 李四
# A feature byline block line: □　本报记者   张国强 韩宇 / ■ 张三
BLOCK_MARKS = "□■●◎○◆◇△▲"
BYLINE_BLOCK = re.compile(rf"^[{BLOCK_MARKS}][\s\u3000]*(?P<rest>.+)$")  # □ 本报记者 张国强 韩宇
CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"[0-9０-９一二三四五六七八九十〇零两]{1,4}"
CONTINUED_FROM = re.compile(
    rf"[（(【]?\s?(?:上接|接上|紧接|承|接)第?\s?(?P<n>{_NUM})\s?版[）)】]?"
)  # 上接第一版 / （上接第1版） / （紧接第一版） / （接第1版）
CONTINUED_TO = re.compile(
    rf"[（(【]?\s?(?:下转|转)第?\s?(?P<n>{_NUM})\s?版[）)】]?"
)  # 下转第二版 / （下转第5版）
# The part of CONTINUED_TO from its 转 on: beginning with a fixed character, it is searched for at that
# character only, where CONTINUED_TO is tried at every position. Its matches are CONTINUED_TO's, trimmed.
CONTINUED_TO_PAGE = re.compile(rf"转第?\s?(?P<n>{_NUM})\s?版")  # 转第二版


@dataclass(frozen=True)
class Lead:
    """What the opening of a story says about it; `end` is where the body text starts."""

    kind: str  # dateline | byline | jump
    dateline: Dateline | None
    bylines: tuple[Byline, ...]
    end: int


def is_name(token: str) -> bool:
    """A plausible Chinese personal name: a known surname and 2-4 characters, or a dotted minority name."""
    if not NAME.match(token):
        return False
    if "·" in token or "・" in token:
        return True
    return token[0] in _SURNAMES or token[:2] in _COMPOUND_SURNAMES


def page_number(numeral: str) -> int | None:
    """`一` → 1, `十二` → 12, `5` → 5.

    >>> page_number("十二")
    12
    """
    numeral = numeral.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        value = (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)
        return value or None
    if all(c in CN_DIGITS for c in numeral):
        return int("".join(str(CN_DIGITS[c]) for c in numeral)) or None
    return None


def _names_after(text: str, pos: int, *, any_name: bool = False) -> tuple[list[str], int]:
    """Read space-separated names from `pos`; stop at the first token that is not a name.

    With `any_name`, any 2-4 characters are a name (inside a lead's parentheses, where nothing else
    stands), else a name starts with a known surname.
    """
    names: list[str] = []
    i = end = pos
    runs_on = True  # the token follows a role word or a pause mark: text may run on right after the name
    while i < len(text):
        while i < len(text) and text[i] == " ":
            i += 1
        # A token longer than any name is not one, however far it runs: stop reading it there.
        j, stop = i, min(len(text), i + MAX_NAME_LEN + 1)
        while (
            j < stop
            and text[j] not in " ，。、：:（）()"
            and not text[j].isdigit()
            and (text[j] not in ROLE_FIRST or not ROLE_SPLIT.match(text, j))
        ):
            j += 1
        token = text[i:j]
        # After a space only a token read as a name anyway is trimmed: `记者黄洁 张家口从…` is no name.
        if len(token) > 2 and not any_name and (runs_on or is_name(token)):
            head = _name_running_on(token)
            if head:
                names.append(head)
                end = i + len(head)
                break
        if not (_any_name(token) if any_name else is_name(token)):
            break
        if text[j : j + 1] in ("：", ":"):
            break  # a label, not a name: （作者单位：中国农业大学）
        names.append(token)
        i = end = j
        runs_on = i < len(text) and text[i] == "、"
        if runs_on:
            i += 1
    return names, end


def _any_name(token: str) -> bool:
    return NAME.match(token) is not None and NOT_A_NAME.search(token) is None


def _name_running_on(token: str) -> str | None:
    """The name at the start of `记者张三报道`'s token, where the text runs on from it without a space.

    >>> _name_running_on("李从军报道")
    '李从军'
    """
    match = NAME_THEN_WORD.match(token)  # a word first: 李从军报道 is not 李从 + 军报道
    if match and is_name(match.group(1)):
        return match.group(1)
    match = NAME_THEN_CHAR.match(token)
    # One character runs on only when the text goes on after it: 张自在 alone is a name.
    if match and is_name(match.group(1)) and (match.end() < len(token) or not is_name(token)):
        return match.group(1)
    return None


def parse_byline_run(
    text: str, pos: int = 0, *, default_role: BylineRole | None = None, any_name: bool = False
) -> tuple[list[Byline], int]:
    """Read `记者崔东凯 张冲 通讯员李四` from `pos`; return the bylines and where they end.

    >>> parse_byline_run("记者黄洁 北京市委政法工作会议今天召开")[0]
    [Byline(name='黄洁', role=<BylineRole.REPORTER: 'reporter'>)]
    """
    bylines: list[Byline] = []
    i = pos
    end = pos
    while True:
        j = i
        while j < len(text) and text[j] == " ":
            j += 1
        match = _role_match(text, j)
        if match:
            role = ROLE_OF[match.group(1)]
            start = match.end()
        elif default_role and not bylines:
            role, start = default_role, j
        else:
            break
        names, stop = _names_after(text, start, any_name=any_name)
        if not names:
            break
        bylines.extend(Byline(name=n, role=role) for n in names)
        i = end = stop
    return bylines, end


def dateline_match(text: str) -> re.Match[str] | None:
    """The dateline a paragraph opens with, 本报 or an agency's (DATELINE) or another paper's (PAPER_DATELINE);
    its groups are agency, place and date."""
    return DATELINE.match(text) or PAPER_DATELINE.match(text)


def _role_match(text: str, pos: int = 0) -> re.Match[str] | None:
    """The role word at `pos`, after the name of the reporter's paper or site if one stands before it:
    记者张三, 经济日报记者 张三, 中青报·中青网记者 张三."""
    org = ORG_BEFORE_ROLE.match(text, pos)
    return ROLE_SPLIT.match(text, org.end() if org else pos)


def parse_lead(text: str) -> Lead | None:
    """Recognise the lead at the start of a paragraph.

    >>> parse_lead("本报讯 记者崔东凯 张冲 1月22日，黑龙江省委").bylines[1].name
    '张冲'
    """
    match = dateline_match(text)
    if match:
        dateline = Dateline(
            place=match.group("place") or None, date=match.group("date") or None, agency=match.group("agency")
        )
        end = match.end()
        paren = PAREN_BYLINE.match(text, end)
        if paren:
            bylines = _lead_paren_bylines(paren.group("inner"))
            if bylines:
                return Lead("dateline", dateline, tuple(bylines), paren.end())
        bylines, stop = parse_byline_run(text, end)
        return Lead("dateline", dateline, tuple(bylines), stop if bylines else end)
    paren = PAREN_BYLINE.match(text)
    if paren:
        bylines, _ = parse_byline_run(paren.group("inner"))
        if bylines and bylines[0].role == BylineRole.REPORTER:
            return Lead("byline", None, tuple(bylines), paren.end())
    bylines, stop = parse_byline_run(text)
    if bylines and text[:2] in ("记者", "本报") and bylines[0].role == BylineRole.REPORTER:
        return Lead("byline", None, tuple(bylines), stop)
    jump = CONTINUED_FROM.match(text)
    if jump:
        return Lead("jump", None, (), jump.end())
    return None


def _lead_paren_bylines(inner: str) -> list[Byline]:
    """The names in the parentheses right after a dateline, where nothing but names stands: any 2-4
    characters are one (a rare surname too), and names without a role word are correspondents'.

    >>> [f"{b.name} {b.role}" for b in _lead_paren_bylines("王五、赵六")]
    ['王五 correspondent', '赵六 correspondent']
    """
    bylines, end = parse_byline_run(inner, default_role=BylineRole.CORRESPONDENT, any_name=True)
    if bylines and bylines[0].role == BylineRole.CORRESPONDENT and not ROLE_SPLIT.match(inner.lstrip()):
        # Without a role word, only a parenthesis of nothing but names is a byline: not （综合外电）.
        return [] if inner[end:].strip() else bylines
    return bylines


def parse_byline_block(text: str) -> list[Byline] | None:
    """A feature byline line `□ 本报记者 张国强 韩宇`; a bare `□ 张三` signs a commentary."""
    match = BYLINE_BLOCK.match(text)
    if not match:
        return None
    bylines, end = parse_byline_run(match.group("rest"), default_role=BylineRole.AUTHOR)
    if not bylines or match.group("rest")[end:].strip():
        return None
    return bylines


def parse_byline_line(text: str) -> list[Byline] | None:
    """A line that is only a role and names: `本报记者 张国强 韩宇` heading a feature, maybe saying the
    reporters took the pictures too (`文/图 本报记者 张三`, `本报记者 张三 文/图`)."""
    text = TEXT_AND_PICTURES.sub("", text)
    if not _role_match(text):
        return None
    bylines, end = parse_byline_run(text)
    return bylines if bylines and not text[end:].strip() else None


def parse_closing_byline(text: str) -> tuple[list[Byline], int] | None:
    """A byline in parentheses that ends a story: `…会议还研究了其他事项。（本报记者 王比学）`, or the
    bare name that signs a commentary: `…担当作为。（张　伟）`, letter-spaced whatever its surname."""
    match = CLOSING_BYLINE.search(text)
    if match:
        bylines, _ = parse_byline_run(match.group("inner"))
    else:
        match = CLOSING_SIGNATURE.search(text)
        name = match.group("inner").replace(" ", "").replace("\u3000", "") if match else ""
        signed = match is not None and (
            is_name(name) or SPACED_SIGNATURE.match(match.group("inner")) is not None
        )
        bylines = [Byline(name=name, role=BylineRole.AUTHOR)] if signed else []
    before = text[: match.start()].rstrip() if match else ""
    if not match or not bylines or (before and not ends_sentence(before)):
        return None
    return bylines, match.start()


def ends_with_jump(text: str) -> bool:
    """Whether a paragraph ends by sending the story to another page: `…（下转第五版）`."""
    if "转" not in text[-16:]:  # every marker has it: most paragraphs need no search
        return False
    match = None
    for match in CONTINUED_TO.finditer(text[-16:]):  # noqa: B007 - the last marker is the one
        pass
    return match is not None and not text[-16:][match.end() :].strip()


def parse_photo_credit(text: str) -> tuple[list[Byline], int] | None:
    """`本报通讯员 胡啸宇 摄` at the end of a caption: the photographers and where the credit starts.

    >>> parse_photo_credit("游客在湖边观赏候鸟。 林  舟摄（影像中国）")[0]
    [Byline(name='林舟', role=<BylineRole.PHOTOGRAPHER: 'photographer'>)]
    """
    match = PHOTO_CREDIT.search(text)
    if not match:
        return None
    names = spaced_names(match.group("names"))
    if not names or not all(is_name(n) for n in names):
        return None
    return [Byline(name=n, role=BylineRole.PHOTOGRAPHER) for n in names], match.start("credit")


def spaced_names(run: str) -> list[str]:
    """Names separated by spaces or pause marks, a letter-spaced one joined again: `吴 焰 张三` → 吴焰, 张三.

    No name has one character: a lone one is the first of a name the compositor spaced out.
    """
    out: list[str] = []
    for token in NAME_SEPARATORS.split(run.strip()):
        if out and len(out[-1]) == 1:
            out[-1] += token
        elif token:
            out.append(token)
    return out


def continued_to(text: str) -> int | None:
    """The page a story continues on, from a `下转第二版` marker anywhere in its last lines."""
    match = None
    for match in CONTINUED_TO_PAGE.finditer(text):  # noqa: B007 - the last marker wins
        pass
    return page_number(match.group("n")) if match else None


def continued_from(text: str) -> int | None:
    match = CONTINUED_FROM.match(text)
    return page_number(match.group("n")) if match else None

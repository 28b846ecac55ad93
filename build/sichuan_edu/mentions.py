"""People named in article text: a title before the name, a speech or action verb after it."""
from __future__ import annotations

import re
from dataclasses import dataclass

import jieba

from .knowledge import PeopleKnowledge
from .words import _word_tags, is_common_word, on_word_boundaries, segment

SEPARATORS = "、，"
HARD_STOPS = "。；：！？\n（）“”"


@dataclass(frozen=True)
class Mention:
    name: str
    titles: tuple[str, ...]  # as printed, in order
    roles: tuple[str, ...]
    offset: int  # in the text searched


def known_pattern(names) -> re.Pattern | None:
    """One pattern for a page's known names (longest first)."""
    names = sorted(set(names), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def _titles_before(text: str, start: int, pk: PeopleKnowledge) -> tuple[str, ...]:
    """Title phrases printed before a name: 省委教育工委副书记，教育厅党组书记、厅长 -> three titles."""
    titles = []
    end = start
    while end > 0:
        i = end
        while i > 0 and text[i - 1] not in SEPARATORS + HARD_STOPS:
            i -= 1
        phrase = text[i:end]
        if not phrase.endswith(pk.title_endings):
            break
        # Within the phrase the title starts after anything that is not part of it (会议结束后，副省长).
        titles.append(phrase)
        if i == 0 or text[i - 1] in HARD_STOPS:
            break
        end = i - 1
    return tuple(reversed(titles))


def find_people(text: str, pk: PeopleKnowledge, known: set[str] = frozenset(), known_re: re.Pattern | None = None) -> list[Mention]:
    """People in a text: a surname-led name right after a title word, or a known name, followed by
    punctuation or a word from `after_name`."""
    out = []
    follow = pk.follow_words
    titled = [m.end() for m in pk.title_pattern.finditer(text)]
    candidates = [(at, True) for at in titled]
    # A name right before a title printed after it (贯彻习近平总书记…, 宣读习近平主席贺信), wherever it stands.
    for m in pk.title_after_pattern.finditer(text):
        for size in (3, 2):
            at = m.start() - size
            if at >= 0 and text[at] in pk.surnames and on_word_boundaries(text, at, m.start()) \
                    and _word_at(text, at) == text[at : m.start()]:  # read as one word (not 非方共同主席)
                candidates.append((at, True))
                break
    # A name opening a clause right before a speech verb (王腾说，…; 张积森介绍，…) is a person quoted,
    # title or not, unless jieba knows it as an ordinary word (同学们说).
    quoted = [m.start(1) for m in pk.clause_name.finditer(text) if not is_common_word(m.group(1), pk.frequent_surnames)]
    if known and known_re is None:
        known_re = known_pattern(known)
    if known_re is not None:
        candidates += [(m.start(), False) for m in known_re.finditer(text)]
    seen = set()
    title_ends: set[int] = set()
    candidates += [(pos, True) for pos in quoted if not any(pos == c for c, _ in candidates)]
    # A name after a title is read before the same name found only because it is known.
    for pos, after_title in sorted(candidates, key=lambda c: (c[0], not c[1])):
        # A compound surname (欧阳, 司马) takes a name of 3 or 4 characters; a single one, 2 or 3.
        compound = text[pos : pos + 2] in pk.compound_surnames
        for size in ((4, 3) if compound else (3, 2)):
            name = text[pos : pos + size]
            if not _name_shaped(name, size, pk, compound) or (not after_title and name not in known):
                continue
            rest = text[pos + size :]
            if not on_word_boundaries(text, pos, pos + size) and not (
                    on_word_boundaries(text, pos, pos) and any(rest.startswith(w) for w, r in pk.after_name.items() if r)):
                continue  # 毕业同等: cut across a word (赵新文说 is cut across 文说 by its verb, and stands)
            if size == 3 and not compound and (any(text[pos + 2 :].startswith(w) for w in follow + list(pk.titles_after))
                                               or DAY_AFTER.match(text, pos + 2)):
                continue  # 彭铁说，…: the name is 彭铁, 说 its verb (李强总理: 总理 his title)
            verb = next((w for w in follow if rest.startswith(w)), None)
            title_after = next((w for w in pk.titles_after if rest.startswith(w)), None)
            if verb is None and title_after is None and not DAY_AFTER.match(rest) \
                    and not (not rest or rest[0] in SEPARATORS + HARD_STOPS):
                # Right after a title, the name is the word jieba reads there, followed by an ordinary word
                # (书记吴胜华严重…, 门将李昊接连…; not 曲木 of 曲木拉古, whose rest is no word).
                if not (pos in titled and pos not in title_ends and _word_at(text, pos) == name and _word_follows(rest)):
                    continue
            if (pos, name) in seen:
                break
            seen.add((pos, name))
            titles = _titles_before(text, pos, pk) if after_title else ()
            if title_after is not None:
                titles += (title_after,)
                title_ends.add(pos + size + len(title_after))  # 习近平主席贺信: no name after this title
            out.append(Mention(name, titles, _roles(rest, pk), pos))
            break
    out += _listed_after(text, out, pk, seen)
    return out + _foreign_officials(text, pk, {m.offset for m in out})


def _foreign_officials(text: str, pk: PeopleKnowledge, taken: set[int]) -> list[Mention]:
    """Another country's officials, named without a surname to go by (加蓬国民议会议长奥南加, 埃及外长阿卜杜勒阿提):
    after a title whose phrase names a country, the name runs to a mark, a verb of news or the day."""
    out = []
    for m in pk.title_pattern.finditer(text):
        start, phrase_start = m.end(), m.start()
        while phrase_start > 0 and text[phrase_start - 1] not in SEPARATORS + HARD_STOPS and m.end() - phrase_start < 16:
            phrase_start -= 1
        phrase = text[phrase_start : m.end()]
        if start in taken or not any(c in phrase for c in pk.countries) or not on_word_boundaries(text, m.start(), m.end()):
            continue  # (大使馆, 委员会, 主席国: the title word is part of another)
        for end in range(start + 2, min(len(text), start + 9) + 1):
            rest = text[end:]
            if not re.fullmatch(r"[\u4e00-\u9fff·]+", text[start:end]):
                break
            word = jieba.lcut(rest[:6])[0] if rest and rest[0] >= "\u4e00" else ""
            if _name_ends(rest, pk) or (len(word) >= 2 and is_common_word(word)):
                out.append(Mention(text[start:end], (phrase,), _roles(rest, pk), start))
                break
    return out


def _listed_after(text: str, found: list[Mention], pk: PeopleKnowledge, seen: set) -> list[Mention]:
    """Names listed after a found one (冠军周洋、武大靖共同…; 姚仙和石正梅): a surname-led name right after
    、 or 和/与, ended like a name (a mark, a verb, the day), shares the first one's titles."""
    out: list[Mention] = []
    queue = list(found)
    while queue:
        m = queue.pop(0)
        at = m.offset + len(m.name)
        if at >= len(text) or text[at] not in "、和与及":
            continue
        at += 1
        for size in (3, 2):
            name = text[at : at + size]
            rest = text[at + size :]
            if not _name_shaped(name, size, pk) or not on_word_boundaries(text, at, at + size):
                continue
            # (in a list after a name, an ordinary word after it will do: 周洋、武大靖共同宣读…)
            ends = _name_ends(rest, pk, "和与及") or (_word_at(text, at) == name and _word_follows(rest))
            if not ends or (at, name) in seen:
                continue
            seen.add((at, name))
            listed = Mention(name, m.titles, _roles(rest, pk), at)
            out.append(listed)
            queue.append(listed)
            break
    return out


def _name_shaped(name: str, size: int, pk: PeopleKnowledge, compound: bool = False) -> bool:
    """Could these characters be a person's name: all Chinese, opening with a surname, and not a word of the
    sentence, a title or a body (书记强调, 刘校长, 宣传部)?"""
    return (len(name) == size and (compound or name[0] in pk.surnames) and bool(re.fullmatch(r"[\u4e00-\u9fff]+", name))
            and not is_common_word(name, pk.frequent_surnames) and not name.endswith(pk.title_endings)
            and name[-1] not in BODY_ENDINGS)


def _name_ends(rest: str, pk: PeopleKnowledge, marks: str = "") -> bool:
    """Does a name end where `rest` begins: at the text's end, a mark, the day or a verb after a name?"""
    return (not rest or rest[0] in SEPARATORS + HARD_STOPS + marks or bool(DAY_AFTER.match(rest))
            or rest.startswith(pk.verbs_after))


def _word_follows(rest: str) -> bool:
    """Does an ordinary word (or a mark) follow, as after a whole name, not the rest of a longer one?"""
    if not rest or not ("\u4e00" <= rest[0] <= "\u9fff"):
        return True
    word = jieba.lcut(rest[:8], HMM=True)[0]
    return is_common_word(word) and (len(word) >= 2 or word in FOLLOWING_CHARS)


# Characters that end the name of a body or a place, not a person's (宣传部, 哈通社, 罗村).
BODY_ENDINGS = "部局厅委院社村镇乡县市省区所"
FOLLOWING_CHARS = "的在和与是也就还正将已曾又都"


def _word_at(text: str, pos: int) -> str:
    """The word jieba (with its model of unknown words, as names are) reads at pos."""
    return jieba.lcut(text[pos : pos + 8], HMM=True)[0]


# The day a name is followed by (毛宁1月6日表示, 李家超17日上午): news dates a person's act right after the name.
DAY_AFTER = re.compile(r"\d{1,2}(?:月\d{1,2})?日|近日|日前|当天|今天|昨天")


def _roles(rest: str, pk: PeopleKnowledge) -> tuple[str, ...]:
    """Roles from the clause after a name: 在泸州市主持召开… -> presided; 出席会议并讲话 -> attended, spoke."""
    clause = re.split(r"[，。；：！？]", rest, maxsplit=1)[0]
    roles: list[str] = []
    for phrase, rs in sorted(pk.compound_roles.items(), key=lambda kv: -len(kv[0])):
        if phrase in clause:
            roles += [r for r in rs if r not in roles]
            clause = clause.replace(phrase, "")
    for verb, role in pk.after_name.items():
        if role and verb in clause and role not in roles:
            roles.append(role)
    return tuple(roles)


def split_title(title: str) -> tuple[str, str | None]:
    """A printed title phrase -> (title, who it ties the person to): 通威农业发展有限公司的相关负责人 ->
    (相关负责人, 通威农业发展有限公司); 该校学生 -> (学生, 该校)."""
    if "的" in title:
        org, _, rest = title.rpartition("的")
        return rest, org
    for det in ("该校", "该院", "该公司"):
        if title.startswith(det):
            return title[len(det):], det
    return title, None


def attendance_roles(paragraph: str, pk: PeopleKnowledge) -> bool:
    """Does the paragraph list who attended (…等参加会议。)?"""
    return paragraph.endswith(pk.attendance_endings)


@dataclass(frozen=True)
class NameMention:
    printed: str
    offset: int


COMPANY_SUFFIXES = ("有限责任公司", "有限公司", "集团")
COMPANY_TAIL = re.compile(r"[）)]?(?:（集团）|集团)?(?:有限责任公司|股份有限公司|有限公司)?")


class _Run:
    """A name run, possibly extended over a company's legal ending."""

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _runs(text: str, know) -> list[_Run]:
    """Runs of text ending in an organisation's suffix; a run ending in 局 or 厅 that goes on as a
    company (中国铁路北京局集团有限公司) runs on to the company's ending."""
    out, at = [], 0
    while True:
        m = know.name_run.search(text, at)
        if m is None:
            return out
        end = m.end()
        if text.startswith("员会", end) and text[end - 1] == "委":
            end += 2  # 中共成都市委 + 员会: the full name, not its short form
        tail = COMPANY_TAIL.match(text, end)
        if tail and tail.group(0).lstrip("）)"):
            end = tail.end()
        unit = UNIT_AFTER.match(text, end)
        if unit:
            end = unit.end()  # a body's own unit printed right after it: …人民政府 + 新闻办
        if out and out[-1].end() == m.start() and text[m.start()] not in "和与及":
            out[-1] = _Run(out[-1].start(), end)  # a body's unit right after it: 中国科学院 + 广州地球化学研究所
        else:
            out.append(_Run(m.start(), end))
        at = end


def _name_start(text: str, start: int, end: int, know) -> int:
    """Where an organisation's name begins inside a run that may open with words of the sentence
    (记者从中国铁路…有限公司, 出席由中土东非有限公司): after the last word that cannot be part of a name."""
    at, cut = start, start
    for word in segment(text[start:end]):
        # 和/与/及 join the words of one name (人力资源和社会保障局) as often as two names: they stay.
        if word in CONTEXT_WORDS or (len(word) == 1 and word in know.leading_words and word not in "和与及"):
            cut = at + len(word)
        at += len(word)
    opened = text.rfind("（", cut, end)
    if opened >= 0 and "）" not in text[opened:end]:
        cut = opened + 1  # a bracket opened and not closed: the name is inside it (…（含中医院）
    while cut < end and text[cut] in "和与及":
        cut += 1  # …与中国航空油料集团: a name does not begin with a conjunction
    return cut


# Words that end the sentence's part before a name: prepositions, verbs of reporting and meeting, time words.
CONTEXT_WORDS = frozenset("记者 获悉 出席 主持 举办 举行 成立 成立了 联合 会同 当天 日前 近日 是 在 从 由 向 对 据 经 被 将 等 于 为 "
                          "首个 所有 共建 建成 包括 设立 组建 依托 打造 并 报 含".split())
# Suffixes that follow many ordinary words (市中心, 以人民为中心): a name needs words of its own between
# the place it begins with and the suffix.
GENERIC_SUFFIXES = ("中心", "联盟", "办公室", "实验室")
NATIONAL_NAMES = ("中国", "中华")
# The paper's own province: its bodies' short forms (省委, 教育厅) stand for them at home only.
HOME_BODIES = ("四川", "中共四川", "泸州")
# Names of places and countries a body's short form may stand after (越南外交部, 浙江省教育厅): tagged by jieba.
PROPER_TAGS = ("ns", "nr", "nrt", "nz", "j")
OWN_PREFIXES = ("中国", "中华人民共和国", "我国", "中方", "国家", "全国", "中共", "中央")


def _other_body(text: str, start: int, canonical: str, place_prefixes: tuple[str, ...], know) -> bool:
    """Is the short form at `start` another country's or region's body (越南外交部, 浙江省教育厅)? A proper name
    of a place stands right before it, other than China's own or the place the canonical name begins with."""
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return False
    before = text[max(0, start - 8) : start]
    if before.endswith(OWN_PREFIXES):
        return False
    if before.endswith(know.countries):
        return True
    words = list(_posseg().cut(before))
    if not words:
        return False
    word, flag = words[-1].word, words[-1].flag
    if canonical.startswith(word) or canonical.startswith(word.rstrip("省市县区")):
        return False
    return flag in PROPER_TAGS or before.endswith(place_prefixes)


def _posseg():
    import jieba.posseg  # loaded only where a short form follows another word

    return jieba.posseg


UNIT_AFTER = re.compile("新闻办|办公厅|分社|分院")
# Words inside a run that show it is a clause, not one body's unit (国务院和县级以上…, …部门负责全国…).
UNIT_BREAKS = ("和", "与", "及", "负责", "的", "等")


def _cuts_before_name(word: str) -> bool:
    """Can a name begin right after this word of a run (来自 / 中国科学院…)? After a verb, preposition or the
    like, not after a place or another name (越南 / 外交部党委 is Vietnam's) nor after 驻 (中国驻…使团)."""
    if word in CONTEXT_WORDS:
        return True
    flag = _word_tags().get(word, "")
    return word != "驻" and flag[:1] in ("v", "p", "c", "d", "u", "r", "t")


def _proper(name: str, know, place_prefixes: tuple[str, ...], listed: frozenset) -> bool:
    """Is a run ending in an organisation's suffix a proper name: listed by the MoE, opening with a place of
    China or a known body's name, or a company's? (Not a generic noun: 民办学校; not 绵阳市中心.)"""
    core = name
    for suffix in know.text_suffixes:
        if name.endswith(suffix):
            core = name[: -len(suffix)]
            break
    if len(core) < 2:
        return False
    head = know.alias_pattern.match(name)
    place = next((p for p in place_prefixes if name.startswith(p)), None)
    if place is not None and name.endswith(GENERIC_SUFFIXES) and len(core) - len(place) < 2:
        return False  # 绵阳市中心 is the middle of a city
    # A known body's unit (中国科学院广州地球化学研究所): a short noun phrase after the body's name, no clause.
    unit = head is not None and 1 < len(name) - head.end() <= 12 and not any(w in name[head.end():] for w in UNIT_BREAKS)
    # A national body named for the country (中国汽车工业协会, 中国水利博物馆, 中华全国总工会).
    national = name.startswith(NATIONAL_NAMES) and len(core) >= 4
    # another country's body (越南外交部党委, 加蓬国民议会, 丹麦广播公司)
    foreign = name.startswith(know.countries) and len(name) - max(len(c) for c in know.countries if name.startswith(c)) >= 2
    return name in listed or place is not None or name.endswith(COMPANY_SUFFIXES) or unit or national or foreign


def find_institutions(text: str, know, place_prefixes: tuple[str, ...] = (), listed: frozenset = frozenset(),
                      home: bool = True) -> list[NameMention]:
    """Institutions named in running text, longest first: full names (a run of Chinese ending in an
    organisation's suffix) that are listed by the MoE, start with a place of China or with a known body's
    name (中国科学院广州…研究所), or are companies; then the curated full names and short forms, on word
    boundaries and not after another country's or region's name; a Sichuan body's short form (省教育厅) only at
    `home`, where the text is not about another province. Generic nouns (民办学校, 大学生) are not names."""
    taken = [False] * len(text)
    out = []
    for m in _runs(text, know):
        first = _name_start(text, m.start(), m.end(), know)
        if any(taken[first : m.end()]) or (m.end() < len(text) and text[m.end()] in "生校园法"):
            continue  # 大学生, not 大学; …公共图书馆法 is a law
        # The name may begin at any word of the run (来自中国科学院…所): the longest that is a proper name.
        at, starts = first, [first]
        for word in segment(text[first : m.end()])[:-1]:
            at += len(word)
            if _cuts_before_name(word) or (len(word) >= 2 and word in know.people.after_name):
                starts.append(at)  # (会见, 出席: the verbs of official news, which jieba tags as nouns)
        start = next((s for s in starts if _proper(text[s : m.end()], know, place_prefixes, listed)), None)
        if start is None:
            continue
        out.append(NameMention(text[start : m.end()], start))
        taken[start : m.end()] = [True] * (m.end() - start)
    for m in know.alias_pattern.finditer(text):  # leftmost-longest: 省委教育工委 before 省委
        if any(taken[m.start() : m.end()]) or not on_word_boundaries(text, m.start(), m.end()):
            continue  # inside a longer name or word: 教育部门 is no 教育部
        canonical = know.canonical[m.group(0)]
        if _other_body(text, m.start(), canonical, place_prefixes, know):
            continue
        if not home and canonical.startswith(HOME_BODIES) and not m.group(0).startswith(HOME_BODIES):
            continue  # 省科技厅 in a text about 辽宁 is 辽宁's
        out.append(NameMention(m.group(0), m.start()))
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return sorted(out, key=lambda n: n.offset)

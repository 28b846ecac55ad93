"""People named in article text: a title before the name, a speech or action verb after it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge import PeopleKnowledge
from .words import is_word, on_word_boundaries

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
    candidates = [(m.end(), True) for m in pk.title_pattern.finditer(text)]
    # A name opening a clause right before a speech verb (王腾说，…; 张积森介绍，…) is a person quoted,
    # title or not, unless jieba knows it as an ordinary word (同学们说).
    quoted = [m.start(1) for m in SPEAKER.finditer(text) if not is_word(m.group(1))]
    if known and known_re is None:
        known_re = known_pattern(known)
    if known_re is not None:
        candidates += [(m.start(), False) for m in known_re.finditer(text)]
    seen = set()
    candidates += [(pos, True) for pos in quoted if not any(pos == c for c, _ in candidates)]
    # A name after a title is read before the same name found only because it is known.
    for pos, after_title in sorted(candidates, key=lambda c: (c[0], not c[1])):
        # A compound surname (欧阳, 司马) takes a name of 3 or 4 characters; a single one, 2 or 3.
        compound = text[pos : pos + 2] in pk.compound_surnames
        for size in ((4, 3) if compound else (3, 2)):
            name = text[pos : pos + size]
            if len(name) < size or not (compound or name[0] in pk.surnames) or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                continue
            if not after_title and name not in known:
                continue
            rest = text[pos + size :]
            if size == 3 and not compound and any(text[pos + 2 :].startswith(w) for w in follow):
                continue  # 彭铁说，…: the name is 彭铁, 说 its verb
            verb = next((w for w in follow if rest.startswith(w)), None)
            if verb is None and not (not rest or rest[0] in SEPARATORS + HARD_STOPS):
                continue
            if (pos, name) in seen:
                break
            seen.add((pos, name))
            out.append(Mention(name, _titles_before(text, pos, pk) if after_title else (), _roles(rest, pk), pos))
            break
    return out


SPEAKER = re.compile(r"(?:^|(?<=[，。；：！？、“”\s]))([\u4e00-\u9fff]{2,4}?)(?=说|表示|介绍|认为|指出|告诉记者)")


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
        tail = COMPANY_TAIL.match(text, end)
        if tail and tail.group(0).lstrip("）)"):
            end = tail.end()
        out.append(_Run(m.start(), end))
        at = end


def find_institutions(text: str, know, place_prefixes: tuple[str, ...] = (), listed: frozenset = frozenset()) -> list[NameMention]:
    """Institutions named in running text: curated short forms and full names (longest first), and
    full school or company names (a run of Chinese ending in a school/company suffix) that are listed
    by the MoE, start with a Sichuan place (四川…, 成都…) or are companies (trade name + 有限公司).
    Generic nouns (民办学校, 大学生) are not names."""
    taken = [False] * len(text)
    out = []
    for m in know.alias_pattern.finditer(text):  # leftmost-longest: 省委教育工委 before 省委
        if not on_word_boundaries(text, m.start(), m.end()):
            continue  # inside a longer word or name: 教育部门 is no 教育部, 浙江省教育厅 no 省教育厅
        out.append(NameMention(m.group(0), m.start()))
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in _runs(text, know):
        start = m.start()
        # The run may begin with words of the sentence: 在四川科技职业学院 -> 四川科技职业学院.
        while start < m.end() and text[start] in know.leading_words:
            start += 1
        name = text[start : m.end()]
        core = name
        for suffix in know.text_suffixes:
            if name.endswith(suffix):
                core = name[: -len(suffix)]
                break
        if len(core) < 2 or any(taken[start : m.end()]):
            continue
        proper = name in listed or name.startswith(place_prefixes) or name.endswith(COMPANY_SUFFIXES)
        continues = m.end() < len(text) and text[m.end()] in "生校园"  # 大学生, not 大学
        if not proper or continues:
            continue
        out.append(NameMention(name, start))
        taken[start : m.end()] = [True] * (m.end() - start)
    return sorted(out, key=lambda n: n.offset)

"""People named in article text: a title before the name, a speech or action verb after it."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass

import jieba

from .knowledge import PeopleKnowledge
from .words import (UNTAGGED_BLOCK, UNTAGGED_RUN, _word_tags, is_common_word, is_word, on_word_boundaries, segment,
                    tag_item, tagged, word_frequency, word_tag)

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
        unled = _unled_name(text, pos, pk) if pos in titled and pos not in title_ends else None
        if unled is not None and (pos, unled) not in seen:
            seen.add((pos, unled))
            out.append(Mention(unled, _titles_before(text, pos, pk), _roles(text[pos + len(unled) :], pk), pos))
            continue
        for size in ((4, 3) if compound else (3, 2)):
            name = text[pos : pos + size]
            # Right after a title, a surname that is also a common word will do (种植户章霞), in a name that
            # holds no word of two characters (not 主任向大家介绍).
            loose = pos in titled and name[:1] in pk.ambiguous_surnames and not compound \
                and all(len(w) == 1 for w in segment(name)) and _tagged_person(text, pos + 1, pos + size, pk)
            # Between a title and a title after it, a name jieba lists as a place's will do (总书记苏林特使).
            flanked = pos in titled and size == len(name) == 2 and name[0] in pk.surnames and word_tag(name) == "ns" \
                and text.startswith(pk.titles_after, pos + size)
            if not (_name_shaped(name, size, pk, compound) or loose and _name_shaped(name, size, pk, True) or flanked) \
                    or (not after_title and name not in known):
                continue
            if size == 3 and name.endswith(FAMILY) and _name_shaped(name[:2], 2, pk, compound or loose):
                continue  # 茶农冯英家的院子: 冯英's family, not 冯英家
            if name[-1] in "地着了" and text.startswith(pk.verbs_after, pos + size):
                continue  # 院长高兴地说: the manner of speaking, not a name
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
                # Or the name is followed by a verb, adverb or preposition that does not start with its last
                # character (负责人梅娉艳向记者…, 秘书长王东峰一同看望, 村民农大星发现; not 主任李明确保).
                if not (pos in titled and pos not in title_ends and (
                        (_word_at(text, pos) == name and _word_follows(rest)) or _acts_after(text, pos + size)
                        and not (size == 3 and name[-1] in FOLLOWING_CHARS + "向对把被从为于")
                        and not any(len(w) >= 2 and word_tag(w)[:1] in CLAUSE_TAGS for w in segment(name)))):
                    continue  # (王毅将于…: 将 is no part of the name; 医生查阅并反馈: 查阅 is a verb)
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
    out += _tagged_names(text, pk, {m.offset for m in out}, seen)
    credited = {m.offset: m for m in _photo_credits(text, pk)}
    # (a name found already, after 记者 say, is the photographer in a photo's credit: its role is that)
    out = [Mention(m.name, m.titles, credited.pop(m.offset).roles, m.offset)
           if m.offset in credited and credited[m.offset].name == m.name
           else m for m in out] + list(credited.values())
    return out + _foreign_officials(text, pk, {m.offset for m in out})


# A photo's credit printed inside a paragraph, in brackets (…开赛（见图，张三摄）。, （记者 张三 摄）): the name, a
# Chinese one (surname-led) or a transliterated one joined by ·.
PHOTO_IN_TEXT = re.compile(r"[（(](?:见图|图)?[，,]?\s*(?:(?:本报)?记者|通讯员)?\s*"
                           r"([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+)\s*摄[）)]")


def _photo_credits(text: str, pk: PeopleKnowledge) -> list[Mention]:
    """Photographers credited in brackets inside the text (see PHOTO_IN_TEXT)."""
    out = []
    for m in PHOTO_IN_TEXT.finditer(text):
        name = m.group(1)
        if not ("·" in name or name[:2] in pk.compound_surnames or name[0] in pk.surnames
                or name[0] in pk.ambiguous_surnames):
            continue
        out.append(Mention(name, (), ("photographer",), m.start(1)))
    return out


def _tagged_names(text: str, pk: PeopleKnowledge, taken: set[int], seen: set) -> list[Mention]:
    """Names jieba's tagger reads as a person's (nr) with its model of unknown words, where the sentence has a
    person's place for them: a surname-led name of 2-3 characters (4 after a compound surname), not in jieba's
    dictionary (its nr entries are mostly ordinary words: 安保, 福祉), after a mark, 的, a title or a verb or
    preposition, and before a mark or a verb, adverb or function word (来自河北的庞语涵即将…, 依靠王皓拿下…)."""
    out = []
    words = _tagged(text, pk.tagged_name_at)
    at, i = 0, -1
    while i + 1 < len(words):
        i += 1
        word, flag = words[i]
        start, at = at, at + len(word)
        if not flag.startswith("nr") or start in taken or is_word(word) or (start, word) in seen:
            continue
        compound = word[:2] in pk.compound_surnames
        end = at  # where the name ends (the next word's start stays `at`)
        if len(word) == 3 and word.endswith(FAMILY):
            word, end = word[:2], at - 1  # 冯英家/nr: 冯英's family
        if not (3 <= len(word) <= 4 if compound else 2 <= len(word) <= 3) or not _name_shaped(word, len(word), pk, compound):
            continue
        i = _tag_around(words, i)
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        # Two names the tagger reads, joined by 和/与/及/、, vouch for each other (夫妻X和Y一大早…).
        paired = (i + 2 < len(words) and words[i + 1][0] in PAIR_JOINS and words[i + 2][1].startswith("nr")) or \
            (i >= 2 and words[i - 1][0] in PAIR_JOINS and words[i - 2][1].startswith("nr"))
        if paired:
            seen.add((start, word))
            out.append(Mention(word, _titles_before(text, start, pk), _roles(text[end:], pk), start))
            continue
        titled = before is not None and before[0].endswith(pk.title_endings)
        # (a verb of one character takes a thing more often than a person: 种金耳)
        if before is not None and not (before[0][-1] in NAME_MARKS or before[0] == "的" or titled
                                       or before[1][:1] == "p" or before[1][:1] == "v" and len(before[0]) >= 2):
            continue
        if after is not None and not (after[0][0] in NAME_MARKS or after[1][:1] in ("v", "d", "p", "c", "u")
                                      or after[0].startswith(pk.verbs_after)):
            continue
        if before is not None and before[0].endswith("“") and not (after is None or after[0][0] in NAME_MARKS):
            continue  # “苏服办”: a name in quotes stands alone in them
        if len(word) == 2 and not titled and not (after is None or after[0][0] in NAME_MARKS or after[0] == "的"
                                                  or after[0].startswith(pk.verbs_after)):
            continue  # a surname and one character, with no title: only before a mark, 的 or a verb of speech
        # In a list (网信、卫健、市场监管), a name needs a person's name beside it: most lists are of things.
        listed = [j for j, mark in ((i - 2, before), (i + 2, after)) if mark is not None and mark[0] == "、"]
        if listed and not any(0 <= j < len(words) and words[j][1].startswith("nr") for j in listed):
            continue
        seen.add((start, word))
        out.append(Mention(word, _titles_before(text, start, pk), _roles(text[end:], pk), start))
    return out


PAIR_JOINS = ("和", "与", "及", "、")
# Marks a name may stand between (，王腾说; “张三”; 穗积绘莉/吴芳娴).
NAME_MARKS = SEPARATORS + HARD_STOPS + "‘’《》/、 "


@lru_cache(maxsize=2048)  # a page's parts, each read twice (text_people); 4096 held 40 MB of other pages' words
def _tagged(text: str, name_at: re.Pattern) -> list[tuple[str, str]]:
    """jieba's words of a text with their part-of-speech tags (its model of unknown words on), but for the
    blocks and unknown runs where no name the tagger reads may begin (name_at), left untagged until a name
    beside them asks (_tag_around): on the corpus most of the tagger's work. Tagging in place leaves the words
    and tags as they were, so the list is kept as it grows."""
    return tagged(text, name_at.search)


def _tag_around(words: list[tuple[str, str]], i: int) -> int:
    """Tag the items within two of i (the neighbours _tagged_names reads); i's index afterwards."""
    k = max(0, i - 2)
    while k < len(words) and k <= i + 2:
        n = len(words)
        if words[k][1] in (UNTAGGED_BLOCK, UNTAGGED_RUN):
            tag_item(words, k)
            if k < i:
                i += len(words) - n
            continue  # (k again: the first of the words it held)
        k += 1
    return i


def _foreign_officials(text: str, pk: PeopleKnowledge, taken: set[int]) -> list[Mention]:
    """Foreign people, named without a surname to go by (加蓬国民议会议长奥南加, 埃及外长阿卜杜勒阿提, 总干事埃纳尼):
    after a title, a name that runs to a mark, 等, a verb of news or the day; written in the characters of
    transliteration (seeds/knowledge/transliteration.txt), or after a title whose phrase names a country."""
    out = []
    for m in pk.title_pattern.finditer(text):
        start, phrase_start = m.end(), m.start()
        while phrase_start > 0 and text[phrase_start - 1] not in SEPARATORS + HARD_STOPS and m.end() - phrase_start < 16:
            phrase_start -= 1
        phrase = text[phrase_start : m.end()]
        if start in taken or not (on_word_boundaries(text, m.start(), m.end()) or _title_word_ends(text, m.start(), m.end())) \
                or _opens_title(text, start, pk):
            continue  # (大使馆, 委员会, 主席国: the title word is part of another; 大臣 + 助理…: the title goes on)
        of_country = _country_pattern(pk.countries).search(phrase) is not None
        # In the characters of transliteration, the longest name that ends as a name (加泰特等, not 加泰 + 特等);
        # after a title naming a country, the shortest (奥南加 + 表示).
        run = start
        while run < min(len(text), start + FOREIGN_NAME_MAX) and (text[run] in pk.transliteration or (
                text[run] == "·" and run > start and text[run + 1 : run + 2] in pk.transliteration)):
            run += 1
        ends = range(run, start + 1, -1) if run - start >= 2 else range(start + 2, min(len(text), start + 9) + 1)
        for end in ends:
            name, rest = text[start:end], text[end:]
            if not re.fullmatch(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*", name):
                break
            if end > run and not of_country:
                break
            if (end <= run and len(name) > 9 and "·" not in name) or any(
                    len(w) >= 2 and is_common_word(w) and not word_tag(w).startswith(PROPER_TAGS)
                    for w in segment(name.replace("·", ""))):
                continue  # (主任文明…, 特使 + 来访: ordinary words in the characters of names, or past them)
            word = jieba.lcut(rest[:6])[0] if rest and rest[0] >= "\u4e00" else ""
            # (an ordinary word after the name, not one its last character opens: 阿卜杜勒阿提 + 通电话)
            opens = end - start > 2 and len(_word_at(text, end - 1)) >= 2 and is_common_word(_word_at(text, end - 1))
            # (or a whole run of three or more such characters, then a preposition or adverb of one character:
            # 比利时球员梅尔滕斯 + 以4∶6…)
            whole = end == run and end - start >= 3 and rest[:1] in FOLLOWING_CHARS + "以向同对为于"
            if _name_ends(rest, pk, "等") or rest.startswith(pk.titles_after) or (len(word) >= 2 and is_common_word(word)
                                                                                 and not opens) or whole:
                out.append(Mention(name, (phrase,), _roles(rest, pk), start))
                break
    return out


def _title_word_ends(text: str, start: int, end: int) -> bool:
    """Does jieba end a word where the title text[start:end] ends, with no cut inside it? The word may begin
    before it (日本首相 is one word; not 大使 of 大使馆)."""
    a = max(0, start - 8)
    cuts, at = set(), a
    for word in segment(text[a : end + 8]):
        at += len(word)
        cuts.add(at)
    return end in cuts and not any(start < c < end for c in cuts)


def _opens_title(text: str, at: int, pk: PeopleKnowledge) -> bool:
    """Does a title word (or a short phrase ending in one) begin at `at` (大臣 + 助理赛米赫)?"""
    m = pk.title_pattern.search(text, at, at + 4)
    return m is not None and on_word_boundaries(text, at, m.end()) and len(segment(text[at : m.end()])) <= 2


# The longest foreign name read (阿纳托利·托尔库诺夫 and its like; most have 2 to 6 characters).
FOREIGN_NAME_MAX = 16


@lru_cache(maxsize=4)
def _country_pattern(countries: tuple[str, ...]) -> re.Pattern:
    """Any country's name, as one search (not one per country)."""
    return re.compile("|".join(map(re.escape, countries))) if countries else re.compile(r"(?!)")


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
            ends = _name_ends(rest, pk, "和与及") or (_word_at(text, at) == name and _word_follows(rest)) or (
                _acts_after(text, at + size) and not (size == 3 and name[-1] in FOLLOWING_CHARS + "向对把被从为于"))
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


def _unled_name(text: str, pos: int, pk: PeopleKnowledge) -> str | None:
    """A name without a surname to open it, between a title and a verb of speech or news (司机曲木拉古说,
    书记罗古阿吉说: minority names of four characters; 副庭长郃中林介绍: a surname outside the list): three or
    four characters that hold no ordinary word (not 院长高兴地说, 书记再次强调)."""
    for size in (4, 3):
        name = text[pos : pos + size]
        if len(name) < size or not re.fullmatch(r"[\u4e00-\u9fff]+", name) or not text.startswith(pk.verbs_after, pos + size):
            continue
        if size == 3 and name[0] in pk.surnames:
            return None  # a surname-led name, read as such
        if name.endswith(pk.title_endings) or name[-1] in BODY_ENDINGS or any(
                c in FOLLOWING_CHARS + "等向对把被从为于地得着了过" for c in name):
            return None
        if any(len(w) >= 2 and is_common_word(w) and not word_tag(w).startswith(PROPER_TAGS) for w in segment(name)):
            return None  # (a proper noun's characters may spell a name: 拉古 of 曲木拉古)
        return name
    return None


def _acts_after(text: str, end: int) -> bool:
    """Does what follows a name at `end` read as its act (a verb, adverb or preposition, or 家, the person's
    family), and not as a word that the name's last character begins (李明 + 确保)?"""
    if text.startswith(FAMILY, end):
        return True
    if any(is_word(text[end - 1 : end + k]) for k in (1, 2, 3)):
        return False
    words = segment(text[end : end + 8])
    if not words:
        return False
    tag = word_tag(words[0])[:1]
    return tag in ("v", "d", "p") and (len(words[0]) >= 2 or tag in ("d", "p"))


# Tags of words that make a clause, not a name (查阅, 并且, 已经, 不但, 的确, 我们, 一些).
CLAUSE_TAGS = ("v", "a", "d", "p", "c", "u", "r", "m")


def _tagged_person(text: str, start: int, end: int, pk: PeopleKnowledge) -> bool:
    """Does jieba's tagger read text[start:end] as (part of) a person's name in the sentence (户章霞/nr)?"""
    words = _tagged(text, pk.tagged_name_at)
    at, k = 0, 0
    while k < len(words):
        word, flag = words[k]
        if flag in (UNTAGGED_BLOCK, UNTAGGED_RUN) and start < at + len(word):
            tag_item(words, k)  # the piece holding start
            continue
        if at <= start and end <= at + len(word):
            return flag.startswith("nr")
        at += len(word)
        if at > start:
            return False
        k += 1
    return False


# What a name may be followed by as the person's home (冯英家的院子, 黄春理家有10亩水田).
FAMILY = "家"


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
    name: str | None = None  # the full name a short form stands for where the text says (江苏省财政厅), else None


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
    search = _name_run_search(text, know)
    while True:
        m = search(at)
        if m is None:
            return out
        end = m.end()
        if text.startswith("员会", end) and text[end - 1] == "委":
            end += 2  # 中共成都市委 + 员会: the full name, not its short form
        more = _suffix_pattern(know).match(text, end)
        while more and on_word_boundaries(text, more.end(), more.end()):
            # a suffix right after another (绵阳市中心 + 医院): the name goes on to the last (not 越南外交部 +
            # 党委书记, a title naming the ministry)
            end = more.end()
            more = _suffix_pattern(know).match(text, end)
        tail = COMPANY_TAIL.match(text, end)
        if tail and tail.group(0).lstrip("）)"):
            end = tail.end()
        unit = UNIT_AFTER.match(text, end)
        if unit:
            end = unit.end()  # a body's own unit printed right after it: …人民政府 + 新闻办
        # (a group's subsidiary is named after it, whatever its words: …集团 + 综合智慧能源有限公司)
        group = bool(out) and text[out[-1].start() : out[-1].end()].endswith(COMPANY_SUFFIXES)
        # (nor a body's research unit, named for its fields: …科学院 + 科技考古与文化遗产保护重点实验室)
        research = text[m.start() : end].endswith(RESEARCH_ENDINGS)
        if out and out[-1].end() == m.start() and text[m.start()] not in "和与及" \
                and not any((_opens_clause(w) and not (research and w in "和与")) or (len(w) >= 2 and word_tag(w)[:1] == "v"
                                                                      and not (group or research))
                            for w in segment(text[m.start() : end])):
            # a body's unit right after it: 中国科学院 + 广州地球化学研究所 (not …市委 + 社会工作部联合…管理局,
            # nor …博物馆 + 加入…联盟)
            out[-1] = _Run(out[-1].start(), end)
        else:
            out.append(_Run(m.start(), end))
        at = end


NAME_RUN_MAX = 24  # characters before the suffix: know.name_run's {2,24}
NOT_IN_RUN = re.compile("[^\u4e00-\u9fff（）]")


def _name_run_search(text: str, know):
    """know.name_run.search(text, at) as a function of at, with the same start and end, without the regex's
    trial of every length at every position (a fifth of the names' time): from the places where a suffix
    begins (its longest there, as the regex's alternation, longest first, takes it) and the characters no run
    holds, the leftmost start with a suffix 2 to NAME_RUN_MAX characters on and only a run's characters
    between, and the nearest such suffix (the lazy repeat)."""
    longest = {m.start(): m.start() + len(m.group(1)) for m in know.suffix_at.finditer(text)}
    suffixes = sorted(longest)
    stops = [m.start() for m in NOT_IN_RUN.finditer(text)]

    def search(at: int) -> _Run | None:
        p = at
        while True:  # p only grows
            k = bisect_left(suffixes, p + 2)
            if k == len(suffixes):
                return None
            q = suffixes[k]
            b = bisect_left(stops, p)
            stop = stops[b] if b < len(stops) else len(text)
            if q > stop:
                p = stop + 1  # no run reaches q across the stop, nor any suffix before it
            elif q - p > NAME_RUN_MAX:
                p = q - NAME_RUN_MAX
            else:
                return _Run(p, longest[q])

    return search


_SUFFIX_PATTERNS: dict[int, tuple[object, re.Pattern]] = {}


def _suffix_pattern(know) -> re.Pattern:
    """An organisation's suffix alone (医院, 中心), longest first; one per knowledge."""
    key = id(know)
    if key not in _SUFFIX_PATTERNS or _SUFFIX_PATTERNS[key][0] is not know:
        suffixes = sorted(know.text_suffixes, key=len, reverse=True)
        _SUFFIX_PATTERNS[key] = (know, re.compile("|".join(map(re.escape, suffixes))))
    return _SUFFIX_PATTERNS[key][1]


def _inside_places(text: str, start: int, end: int, place_prefixes: tuple[str, ...]) -> set[int]:
    """Positions inside a place's full name (of three characters or more) between start and end."""
    out: set[int] = set()
    if not place_prefixes:
        return out
    pattern = _prefix_pattern(place_prefixes)
    for at in range(start, end):
        m = pattern.match(text, at)
        if m:
            out.update(range(at + 1, m.end()))
    return out


_PREFIX_PATTERNS: dict[int, tuple[tuple, re.Pattern]] = {}


def _prefix_pattern(place_prefixes: tuple[str, ...]) -> re.Pattern:
    """The full names of places (three characters or more) as one pattern, longest first; one per gazetteer."""
    key = id(place_prefixes)
    if key not in _PREFIX_PATTERNS or _PREFIX_PATTERNS[key][0] is not place_prefixes:
        names = sorted((p for p in place_prefixes if len(p) >= 3), key=len, reverse=True)
        _PREFIX_PATTERNS[key] = (place_prefixes, re.compile("|".join(map(re.escape, names))))
    return _PREFIX_PATTERNS[key][1]


def _opens_clause(word: str) -> bool:
    """Is this a word of the sentence (联合, 和, 在), not of a unit's name (综合智慧能源…)?"""
    return word in CONTEXT_WORDS or word_tag(word)[:1] in ("p", "c", "u", "d", "r")


def _name_start(text: str, start: int, end: int, know, place_prefixes: tuple[str, ...] = ()) -> int:
    """Where an organisation's name begins inside a run that may open with words of the sentence
    (记者从中国铁路…有限公司, 出席由中土东非有限公司): after the last word that cannot be part of a name."""
    at, cut = start, start
    inside = _inside_places(text, start, end, place_prefixes)
    for word in segment(text[start:end]):
        # 和/与/及 join the words of one name (人力资源和社会保障局) as often as two names: they stay.
        if (word in CONTEXT_WORDS or (len(word) == 1 and word in know.leading_words and word not in "和与及")) \
                and at + len(word) not in inside:
            cut = at + len(word)  # (not inside a place's name: 天等县 is not 天 / 等)
        at += len(word)
    opened = text.rfind("（", cut, end)
    if opened >= 0 and "）" not in text[opened:end]:
        cut = opened + 1  # a bracket opened and not closed: the name is inside it (…（含中医院）
    while cut < end and text[cut] in "和与及" and len(segment(text[cut:end])[0]) == 1:
        cut += 1  # …与中国航空油料集团: a name does not begin with a conjunction (but with 和平村, a word)
    return cut


# Words that end the sentence's part before a name: prepositions, verbs of reporting and meeting, time words.
CONTEXT_WORDS = frozenset("记者 获悉 出席 主持 举办 举行 成立 成立了 联合 会同 当天 日前 近日 是 在 从 由 向 对 据 经 被 将 等 于 为 "
                          "首个 所有 共建 建成 包括 设立 组建 依托 打造 并 报 含".split())
# Suffixes that follow many ordinary words (市中心, 以人民为中心): a name needs words of its own between
# the place it begins with and the suffix.
GENERIC_SUFFIXES = ("中心", "联盟", "办公室", "实验室")
NATIONAL_NAMES = ("中国", "中华")
INTERNATIONAL_NAMES = ("国际", "全球", "世界")
SOCIETY_SUFFIXES = ("学会", "协会", "联合会", "促进会", "基金会", "联盟", "理事会")
# Tags of the proper nouns a name may open with (places, organisations, foreign names).
PROPER_HEAD_TAGS = ("ns", "nt", "nz", "nrt")
CENTRAL_PREFIXES = ("国家", "全国", "中央")
SCHOOL_SUFFIXES = ("学校", "中学", "小学", "幼儿园")
# What may follow a level word that makes it a rank, not a body (区两级, 自治区级, 省直, 市属).
LEVEL_RANKS = ("级", "两级", "三级", "直", "属")
# Ordinary words ending like a body (…局, …部): a state of things, not an office.
NOT_BODY_WORDS = frozenset("格局 新格局 布局 结局 大局 全局 开局 变局 骗局 饭局 棋局 出局 全部 内部 外部 局部 总部 本部".split())
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
    words = tagged(before)
    if not words:
        return False
    word, flag = words[-1]
    if canonical.startswith(word) or canonical.startswith(word.rstrip("省市县区")):
        return False
    return flag in PROPER_TAGS or before.endswith(place_prefixes)


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
    if name.count("（") != name.count("）"):
        return False  # 县（市、区）总工会: the bracket opened before the name
    words = segment(name)
    level = next((lv for lv in LEVELS if words[0].startswith(lv)), None)
    if level is not None and words[0][len(level):] in LEVEL_HEADS and len(words) > 1 and not words[1].startswith(LEVEL_RANKS):
        return True  # a body's short form by its level (市水务局, 省工商联, 市政府办公厅; not 区两级政府, 自治区级…)
    if words[-1] in NOT_BODY_WORDS:
        return False  # 育人新格局
    core = name
    for suffix in know.text_suffixes:
        if name.endswith(suffix):
            core = name[: -len(suffix)]
            break
    if len(core) < 2:
        return False
    # A name opening with a proper noun jieba knows (黄河博物馆, 美洲玻利瓦尔联盟, 比利时…), or one jieba lists
    # whole as an organisation's (南开大学, 中国新闻社).
    if len(words) > 1 and len(words[0]) >= 2 and word_tag(words[0]) in PROPER_HEAD_TAGS \
            and _name_words_ok(words[1:-1], know) and not any(w in UNIT_BREAKS for w in words) \
            and not any(word_tag(w) in ("v", "a", "ad", "ns") for w in words[1:-1]) \
            and not (name.endswith(GENERIC_SUFFIXES) and len(words) < 3):
        return True  # (not a clause: 二十大精神和市委, …博物馆正式加入…; not 党和国家中心)
    generic = next((g for g in GENERIC_SUFFIXES if name.endswith(g)), None)
    if word_tag(name) == "nt" and not name.endswith(SCHOOL_SUFFIXES) and not (
            generic and is_common_word(name[: -len(generic)]) and not word_tag(name[: -len(generic)]).startswith(PROPER_TAGS)):
        return True  # (民办学校, 重点中学 are kinds of school; 商业中心 a kind of place)
    # A central body named for the nation (国家电影局, 全国普法办; not 国家级…, 全国首家…, 全国公共图书馆).
    if words[0] in CENTRAL_PREFIXES and len(words) > 2 and word_tag(words[1])[:1] == "n":
        return True
    head = know.alias_pattern.match(name)
    place = _place_prefix(name, place_prefixes) or _local_prefix(name)  # (the longest: prefixes are longest first)
    if place is not None and name.endswith(GENERIC_SUFFIXES) and len(core) - len(place) < 2:
        return False  # 绵阳市中心 is the middle of a city
    # A known body's unit (中国科学院广州地球化学研究所): a short noun phrase after the body's name, no clause.
    # (no post among its words: 空军 + 政治部副秘书长兼办公室 is a person's posts)
    unit = head is not None and 1 < len(name) - head.end() <= 12 and not any(w in name[head.end():] for w in UNIT_BREAKS) \
        and _name_words_ok(segment(name[head.end():]), know)
    # (a research unit's name joins its fields with 与/和 and runs longer: …科学院科技考古与文化遗产保护重点实验室)
    unit = unit or head is not None and name.endswith(RESEARCH_ENDINGS) and 1 < len(name) - head.end() <= 20 \
        and not any(w in name[head.end():] for w in UNIT_BREAKS if w not in "和与")
    # A national body named for the country (中国汽车工业协会, 中国水利博物馆, 中华全国总工会).
    national = name.startswith(NATIONAL_NAMES) and len(core) >= 4
    # an international society or alliance (国际矿物学会, 全球水博物馆联盟; not 国际学校, 世界一流大学)
    international = name.startswith(INTERNATIONAL_NAMES) and name.endswith(SOCIETY_SUFFIXES) and len(core) >= 4
    if name in listed or place is not None or name.endswith(COMPANY_SUFFIXES) or unit or national or international:
        return True
    # another country's body (越南外交部党委, 加蓬国民议会, 丹麦广播公司); the longest country it opens with, by
    # the few lengths a country's name has rather than by every country (the costliest test, so the last);
    # not a body the text leaves unnamed (俄罗斯一家渔业公司: a count, no name)
    names, lengths = _country_index(know.countries)
    return next((len(name) - n >= 2 for n in lengths if name[:n] in names), False) \
        and not any(word_tag(w).startswith(("m", "q")) or w in COUNT_WORDS for w in words)


@lru_cache(maxsize=4)
def _country_index(countries: tuple[str, ...]) -> tuple[frozenset, tuple[int, ...]]:
    """The countries as a set, and the lengths of their names longest first."""
    return frozenset(countries), tuple(sorted({len(c) for c in countries}, reverse=True))


# Latin letters and digits (one letter at least) right before a society's or company's name, part of it.
LATIN_HEAD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$")
# A count of bodies, not a name (一家, 某家, 多家).
COUNT_WORDS = ("一家", "某家", "多家", "几家", "两家", "一些", "某")
# A school's head or members right after its name: 小学 + 校长 names the school (not 小学生, 大学校园).
SCHOOL_HEADS = ("校长", "校友", "校党委", "校方")


# A town, township, village or new area a local body is named after (胡家镇农技中心, 和平村党总支,
# 雄安新区商务和投资促进局): a name of two to four characters before its ending.
LOCAL_ENDINGS = ("新片区", "新区", "街道", "镇", "乡", "村")
LOCAL_PREFIX = re.compile("[\u4e00-\u9fff]{2,4}?(?:%s)" % "|".join(LOCAL_ENDINGS))
# Words that open a phrase of a town or village without naming one (全镇, 各村, 本乡, 该镇).
NOT_LOCAL_NAMES = tuple("全各本该每此其")


def _local_prefix(name: str) -> str | None:
    """The town, village or new area a name opens with, when it is a name of its own (not 乡镇, 农村, 全镇,
    and not a word that runs on past it); None otherwise."""
    m = LOCAL_PREFIX.match(name)
    if m is None or len(name) - m.end() < 2 or name.startswith(NOT_LOCAL_NAMES):
        return None
    place = m.group(0)
    ending = next(e for e in LOCAL_ENDINGS if place.endswith(e))
    cuts, at, own = {0}, 0, []
    for w in segment(name):
        if at < m.end() - len(ending):
            own.append(w)
        at += len(w)
        cuts.add(at)
    # The name is read as words of its own, then the ending (胡家 镇, 临港 新 片区), or as one word (和平村);
    # not across a word (纳入城乡: 纳入 城乡) nor an ordinary word, verbs or function words (建设新区, 支持建设新区, 各个乡).
    whole = len(own) == 1 and own[0] == place
    if m.end() not in cuts or not (whole or m.end() - len(ending) in cuts) \
            or (is_common_word(place) and not word_tag(place).startswith(PROPER_TAGS)) \
            or any(word_tag(w)[:1] in ("p", "c", "d", "r", "m") for w in own if w != place) \
            or len(own) == 1 and not whole and is_common_word(own[0]) and not word_tag(own[0]).startswith(PROPER_TAGS) \
            or len(own) > 1 and all(word_tag(w)[:1] == "v" for w in own):
        return None
    return place


def find_institutions(text: str, know, place_prefixes: tuple[str, ...] = (), listed: frozenset = frozenset(),
                      home: bool = True) -> list[NameMention]:
    """Institutions named in running text, longest first: full names (a run of Chinese ending in an
    organisation's suffix) that are listed by the MoE, start with a place of China or with a known body's
    name (中国科学院广州…研究所), or are companies; then the curated full names and short forms, on word
    boundaries and not after another country's or region's name; a Sichuan body's short form (省教育厅) only at
    `home`, where the text is not about another province; then a body's short form by its level (市政府,
    自治区党委); each with the unit printed right after it (…市委 + 社会工作部), and the bodies listed after it
    without their place (江苏省数据局、发展改革委、财政厅). Generic nouns (民办学校, 大学生) are not names."""
    taken = [False] * len(text)
    out = []

    def add(start: int, end: int, context: bool = False, name: str | None = None) -> None:
        """Record text[start:end] (with its unit); a short form by its level (context) is named in context."""
        end = _unit_end(text, end, know)
        printed = text[start:end]
        if context and name is None and not (home and printed in know.canonical):
            name = _named_in_context(text, start, printed, place_prefixes)
        out.append(NameMention(printed, start, name))
        taken[start:end] = [True] * (end - start)

    for m in PERMANENT_MISSION.finditer(text):
        add(m.start(), m.end())
    for start, end in _foreign_ministries(text, know):
        if not any(taken[start:end]):
            add(start, end)
    for m in _runs(text, know):
        first = _name_start(text, m.start(), m.end(), know, place_prefixes)
        if any(taken[first : m.end()]) or (m.end() < len(text) and text[m.end()] in "生校园法"
                                           and not text.startswith(SCHOOL_HEADS, m.end())) \
                or not (on_word_boundaries(text, m.end(), m.end()) or _title_follows(text, m.end(), know)):
            continue  # 大学生, not 大学; …公共图书馆法 is a law; 中东局势 (but 县委 + 书记 is read as one word)
        # The name may begin at any word of the run (来自中国科学院…所): the longest that is a proper name.
        at, starts = first, [first]
        for word in segment(text[first : m.end()])[:-1]:
            at += len(word)
            if _cuts_before_name(word) or (len(word) >= 2 and word in know.people.after_name):
                starts.append(at)  # (会见, 出席: the verbs of official news, which jieba tags as nouns)
        start = None
        for s in starts:
            if text[s : m.end()] in know.canonical:
                break  # a curated name is read below, with its checks (越共中央政治局 is not 中央政治局)
            if _proper(text[s : m.end()], know, place_prefixes, listed) or _unit_of_named(text, s, m.end()):
                start = s
                break
        if start is None:
            lead = LATIN_HEAD.search(text, max(0, first - 12), first) if first == m.start() else None
            if lead is not None and text[first : m.end()].endswith(SOCIETY_SUFFIXES + COMPANY_SUFFIXES) \
                    and m.end() - first >= 4 and _name_words_ok(segment(text[first : m.end()]), know):
                add(lead.start(), m.end())  # a name led by Latin letters or digits (6G产业联盟, IBM中国有限公司)
            continue
        add(start, m.end(), context=text.startswith(LEVELS, start))
    for start, end in _ports(text, place_prefixes):
        if not any(taken[start:end]):
            add(start, end)
    for m in know.alias_pattern.finditer(text):  # leftmost-longest: 省委教育工委 before 省委
        if any(taken[m.start() : m.end()]) or not on_word_boundaries(text, m.start(), m.end()) \
                or (m.start() > 0 and taken[m.start() - 1] and _split_reading(text, m.start(), m.end())):
            continue  # inside a longer name or word: 教育部门 is no 教育部; 联合国内高校 is 联合 国内
        canonical = know.canonical[m.group(0)]
        if _other_body(text, m.start(), canonical, place_prefixes, know):
            continue
        if not home and canonical.startswith(HOME_BODIES) and not m.group(0).startswith(HOME_BODIES):
            # 省科技厅 in a text about 辽宁 is 辽宁's: named by the province the text names, else left out
            printed = m.group(0) if m.group(0).startswith(LEVELS) else "省" + m.group(0)
            name = _named_in_context(text, m.start(), printed, place_prefixes)
            if name is None:
                continue
            add(m.start(), m.end(), name=name)
            continue
        add(m.start(), m.end())
    for start, end in _class_members(text, know, place_prefixes):
        if not any(taken[start:end]):
            add(start, end)
    for m in LEVEL_SHORT_FORM.finditer(text):
        if any(taken[m.start() : m.end()]) or not on_word_boundaries(text, m.start(), m.end()) \
                or _after_place(text, m.start(), place_prefixes):
            continue  # (成都市政府 is a full name, found above)
        add(m.start(), m.end(), context=True)
    out.sort(key=lambda n: n.offset)
    at_offset = {n.offset: i for i, n in enumerate(out)}
    queue = list(range(len(out)))
    while queue:
        found = out[queue.pop(0)]
        # A body listed after one named with its place is that place's (江苏省数据局、财政厅 -> 江苏省财政厅).
        place = _place_prefix(found.name or found.printed, place_prefixes)
        listed_at = _listed_at(text, found)
        if listed_at in at_offset:  # listed, and found already (财政厅 by its alias or as jieba's organisation)
            i = at_offset[listed_at]
            sibling = out[i]
            if place and sibling.name is None and _place_prefix(sibling.printed, place_prefixes) is None \
                    and sibling.printed.endswith(BODY_LIST_ENDINGS) and not sibling.printed.startswith(LEVELS) \
                    and not (home and sibling.printed in know.canonical):
                out[i] = NameMention(sibling.printed, sibling.offset, place + sibling.printed)
            queue.append(i)
            continue
        sibling = _listed_body(text, found, taken, know)
        if sibling is not None:
            name = place + sibling.printed if place and not sibling.printed.startswith(LEVELS) else None
            add(sibling.offset, sibling.offset + len(sibling.printed), context=name is None, name=name)
            at_offset[out[-1].offset] = len(out) - 1
            queue.append(len(out) - 1)
    return sorted(out, key=lambda n: n.offset)


# A ministry of another country, named after it (巴基斯坦内政与禁毒部): the country, two to eight characters of the
# ministry's field, 部; then a mark, a title (部长) or a word of the sentence.
MINISTRY_FIELD_MAX = 8


def _foreign_ministries(text: str, know) -> list[tuple[int, int]]:
    """(start, end) of each ministry of another country named with the country before it."""
    if "部" not in text or not know.countries:
        return []
    out = []
    for m in _country_pattern(know.countries).finditer(text):
        # (China's own ministries are named by the alias list; the costly checks wait for a 部 within reach)
        if m.group(0) in OWN_PREFIXES or text.find("部", m.end() + 2, m.end() + MINISTRY_FIELD_MAX + 1) < 0 \
                or not on_word_boundaries(text, m.start(), m.end()):
            continue
        for stop in range(m.end() + 3, min(len(text), m.end() + MINISTRY_FIELD_MAX + 1) + 1):
            if not "\u4e00" <= text[stop - 1] <= "\u9fff":
                break
            if text[stop - 1] != "部" or text[stop - 2] == "部":
                continue
            words = segment(text[m.end() : stop - 1])
            if not (on_word_boundaries(text, stop, stop) or _title_follows(text, stop, know)) \
                    or word_tag(words[0])[:1] in ("c", "p", "v", "d") or not _name_words_ok(words, know) \
                    or any(w in ("负责", "的", "等") for w in words):
                continue
            out.append((m.start(), stop))
            break
    return out


# A country's permanent mission to an international organisation (中国常驻联合国代表团, 中国常驻联合国教科文组织代表团):
# an institution of its own (tests/corpus/entities/README.md), unlike a visiting delegation (代表团 alone).
PERMANENT_MISSION = re.compile("(?:中国|中华人民共和国)?常驻[\u4e00-\u9fff、]{2,20}?代表团")


# Words that point back to a body the text has named (记者从中国农业科学院获悉：该院农业基因组研究所…).
BODY_POINTERS = ("该院", "该所", "该校", "该局", "该中心", "该集团", "该公司")
# Endings of the research units a body has (研究所, 实验室…).
RESEARCH_ENDINGS = ("研究所", "研究院", "研究中心", "实验室", "重点实验室")


def _unit_of_named(text: str, start: int, end: int) -> bool:
    """Is text[start:end] a research unit of a body named before, pointed back to (该院 + 农业基因组研究所)?"""
    return text[max(0, start - 3) : start].endswith(BODY_POINTERS) and text[start:end].endswith(RESEARCH_ENDINGS) \
        and end - start >= 5


def _split_reading(text: str, start: int, end: int) -> bool:
    """Right after a body's name, does a name read as a verb and a word (…研究所 + 联合 国内高校, not 联合国)? Its
    last character makes a word with what follows and the rest is a verb."""
    return end < len(text) and is_common_word(text[end - 1 : end + 1]) and word_tag(text[start : end - 1])[:1] == "v"


# What 港 may begin after a place other than a port (港澳, 港口, 港区, 港湾, 港城, 港台, 港务…).
NOT_PORT_AFTER = "澳口区湾城台务股资"


def _ports(text: str, place_prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Ports named after their cities (天津港, 宁波舟山港), which stand for the port group that runs them (they
    publish figures and sign agreements): one or more places of two characters or more, then 港, on word
    boundaries (not 港澳, 港口). The places inside are no place mentions (seeds/knowledge/places.yml)."""
    if not place_prefixes or "港" not in text:
        return []
    out = []
    pattern = _port_pattern(place_prefixes)
    for m in pattern.finditer(text):
        if text[m.end() : m.end() + 1] in NOT_PORT_AFTER and m.end() < len(text) \
                or not on_word_boundaries(text, m.start(), m.start()):
            continue
        out.append((m.start(), m.end()))
    return out


_PORT_PATTERNS: dict[int, tuple[tuple, re.Pattern]] = {}


def _port_pattern(place_prefixes: tuple[str, ...]) -> re.Pattern:
    key = id(place_prefixes)
    if key not in _PORT_PATTERNS or _PORT_PATTERNS[key][0] is not place_prefixes:
        names = "|".join(map(re.escape, sorted((p for p in place_prefixes if len(p) >= 2), key=len, reverse=True)))
        _PORT_PATTERNS[key] = (place_prefixes, re.compile(f"(?:{names}){{1,3}}港"))
    return _PORT_PATTERNS[key][1]


def _title_follows(text: str, end: int, know) -> bool:
    """Does a person's title of two characters or more follow a body's name (昭觉县委 + 书记, which jieba reads
    as one word)?"""
    return any(len(t) >= 2 and text.startswith(t, end) for t in know.people.title_endings)


# A list closed by the kind of organisation its members are (华能、华电、大唐3家能源央企; 紫金山实验室、中兴通讯等8家
# 单位; 锦州老白烧烤等16家企业): 等 and/or a count of organisations (N家), up to four characters that qualify the
# kind (能源), and the kind. Kinds that also stand for kinds of office (单位, 机构) take only members named as
# organisations (an organisation's suffix, or a name jieba knows as one), not 网信、卫健等部门.
MEMBER_COUNT = "[\\d一二三四五六七八九十两几多]+家"
CLASS_CLOSER = re.compile(f"(?:等(?:{MEMBER_COUNT})?|{MEMBER_COUNT})[\\u4e00-\\u9fff]{{0,4}}?"
                          "(?P<kind>央企|国企|民企|企业|公司|银行|高校|院校|医院|单位|机构)")
STRICT_KINDS = ("单位", "机构")
# Tags of the words a list's first member may open with that are no part of it (还有, 由, 和, 其中).
LIST_LEAD_TAGS = ("v", "p", "c", "d", "u", "r", "t")


def _class_members(text: str, know, place_prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each member of a list closed by a kind of organisation, when every member reads as an
    organisation's name (not 钢铁、煤炭等企业, which are trades)."""
    out = []
    places = _prefix_set(place_prefixes) if place_prefixes else frozenset()
    for m in CLASS_CLOSER.finditer(text):
        if m.group(0).startswith("等") and m.start() > 0 and text[m.start() - 1] == "、":
            continue
        begin = m.start()
        while begin > 0 and ("\u4e00" <= text[begin - 1] <= "\u9fff" or text[begin - 1] == "、"):
            begin -= 1
        if begin > 0 and text[begin - 1].isdigit() or m.group(0)[0] != "等" and "、" not in text[begin : m.start()]:
            continue  # 92个县110家…企业: a count, no name; a count alone closes a list of two or more
        spans, at = [], begin
        for item in text[begin : m.start()].split("、"):
            spans.append((at, at + len(item)))
            at += len(item) + 1
        # The first member starts after the words of the sentence before it (还有 / 锦州老白烧烤; …联盟由 / 紫金山…).
        first_start, first_end = spans[0]
        cut, pos, leading = first_start, first_start, True
        for word in segment(text[first_start:first_end]):
            pos += len(word)
            tag = word_tag(word)[:1]
            if word in CONTEXT_WORDS or tag in LIST_LEAD_TAGS[1:] or (leading and tag == "v"):
                cut = pos
            else:
                leading = False
        spans[0] = (cut, first_end)
        strict = m.group("kind") in STRICT_KINDS
        if spans and all(_member_ok(text[a:b], know, places, strict) for a, b in spans):
            out += spans
    return out


def _member_ok(item: str, know, places: frozenset, strict: bool) -> bool:
    """Does a list's member read as an organisation's name (华能, 国电投, 中兴通讯, 锦州老白烧烤), not a place, a
    country, a trade or a thing (北京, 钢铁, 新能源汽车)?"""
    if not 2 <= len(item) <= 16 or not re.fullmatch(r"[\u4e00-\u9fff]+", item) or item in places \
            or item in know.countries:
        return False
    if is_common_word(item) and not word_tag(item).startswith(MEMBER_TAGS) and word_frequency(item) >= RARE_WORD:
        return False  # a kind of organisation (幼儿园, which jieba tags nr), not one
    if item.endswith(tuple(know.text_suffixes)):
        return True
    if is_word(item):
        # a name jieba knows as a proper noun (华能/nz, 三峡/ns, 中兴通讯/nt), or a rare word (国能)
        return word_tag(item).startswith(MEMBER_TAGS) or (not strict and word_frequency(item) < RARE_WORD)
    if strict:
        return False
    words = segment(item)
    # a short form jieba does not know (国电投, 中广核), or a name opening with a place or a proper noun
    return len(item) <= 3 or word_tag(words[0]).startswith(PROPER_TAGS)


# jieba's tags of the proper nouns a member may be (places, organisations, other proper nouns, short forms);
# not nr, which it also gives to ordinary words (幼儿园/nr).
MEMBER_TAGS = ("ns", "nz", "nt", "nrt", "j")
# How often jieba's dictionary may have seen a word that is a company's short form (国能 22; 钢铁 2610).
RARE_WORD = 50


def _listed_at(text: str, found: NameMention) -> int | None:
    """Where the next item of a list starts after a found body (…数据局、 / …卫生健康委联合), or None."""
    if not found.printed.endswith(BODY_LIST_ENDINGS):
        return None
    at = found.offset + len(found.printed)
    join = next((j for j in LIST_JOINS if text.startswith(j, at)), None)
    return at + len(join) if join else None


def _place_prefix(name: str, place_prefixes: tuple[str, ...]) -> str | None:
    """The place (its longest printed form) a name begins with (江苏省数据局 -> 江苏省), or None."""
    if not place_prefixes:
        return None
    m = _all_prefix_pattern(place_prefixes).match(name)
    return m.group(0) if m else None


def _named_in_context(text: str, at: int, printed: str, place_prefixes: tuple[str, ...]) -> str | None:
    """The full name a short form by its level stands for in this text (省科技厅 in a text about 辽宁 ->
    辽宁省科技厅, 市政府 -> 上海市政府, 特区政府 -> 香港特区政府): the place of that level the text names nearest
    before it (else first after it); None when the text names none."""
    level = next((lv for lv in LEVELS if printed.startswith(lv)), None)
    if level is None or not place_prefixes:
        return None
    pattern = _all_prefix_pattern(place_prefixes)
    best = None
    for m in pattern.finditer(text):
        if m.start() <= at < m.end():
            continue
        place = m.group(0)
        if level == "特区":
            full = next((r for r in SPECIAL_REGIONS if place.startswith(r)), None)
        elif place.endswith(level) and not (level == "区" and place.endswith("自治区")):
            full = place[: -len(level)]
        else:
            full = next((p[: -len(level)] for p in (place + level,) if p in _prefix_set(place_prefixes)), None)
        if full is None:
            continue
        if m.start() < at:
            best = full
        elif best is None:
            return full + printed
        else:
            break
    return best + printed if best else None


# The special administrative regions, whose short form is 特区 (香港特区政府).
SPECIAL_REGIONS = ("香港", "澳门")
_PREFIX_SETS: dict[int, tuple[tuple, frozenset, re.Pattern]] = {}


def _prefix_set(place_prefixes: tuple[str, ...]) -> frozenset:
    return _prefix_data(place_prefixes)[1]


def _all_prefix_pattern(place_prefixes: tuple[str, ...]) -> re.Pattern:
    """Every printed form of a place a name may begin with, longest first, as one pattern."""
    return _prefix_data(place_prefixes)[2]


def _prefix_data(place_prefixes: tuple[str, ...]):
    key = id(place_prefixes)
    if key not in _PREFIX_SETS or _PREFIX_SETS[key][0] is not place_prefixes:
        pattern = re.compile("|".join(map(re.escape, sorted(place_prefixes, key=len, reverse=True))))
        _PREFIX_SETS[key] = (place_prefixes, frozenset(place_prefixes), pattern)
    return _PREFIX_SETS[key]


# A body's short form by its level, where the text is about one place (市委市政府决策部署, 特区政府, 自治区党委).
# The people's organisations each level has (工会, 工商联, 妇联, 科协, 文联, 侨联, 残联) count too (省工商联).
LEVEL_SHORT_FORM = re.compile("(?:自治区|特区|省|市|县|区)(?:人民政府|政府|人大常委会|人大|政协|党委|纪委|委|总工会|工商联|妇联|"
                              "科协|文联|侨联|残联)")
# What a short form opens with, as jieba reads it (市 水务局, 市政府 办公厅, 自治区 党委, 省 工商联).
LEVELS = ("自治区", "特区", "省", "市", "县", "区")
LEVEL_HEADS = ("", "委", "政府", "人民政府", "人大", "政协", "党委", "纪委")
# Endings of a unit printed right after its body (国家医疗保障局 + 办公室, 越南外交部 + 党委).
UNIT_ENDINGS = ("办公室", "办公厅", "党委", "党组", "常委会", "政治局", "委员会", "研究院", "研究所", "中心", "党校",
                "部", "司", "局")
# Sections (处, 科) end a unit's name when it is a full name (幸福坝婚姻登记处, 医学检验科, 信息与统计科); a name of
# three characters is the abbreviation a paper prints for a department inside a person's description
# (职教处相关负责人), left with its body as the seed's gold reads it.
SECTION_ENDINGS = ("处", "科")
SECTION_MIN = 4
# The organs of an international organisation named after it (联合国教科文组织 + 大会, 世界卫生组织 + 执行委员会).
ORGAN_ENDINGS = ("大会",)
# Characters bound to a body's name before them: 厅际 (between departments), 厅级 (a rank), 部属 (under a ministry).
BOUND_AFTER_BODY = tuple("际级属")
# Words ending like a unit that name a place or a post, not a unit (…总部 the headquarters).
NOT_UNITS = ("总部", "本部", "局部", "全部", "内部", "外部")
# Endings of a body listed after another without its place (江苏省数据局、发展改革委、财政厅、审计厅等).
BODY_LIST_ENDINGS = ("局", "厅", "委", "委员会", "办", "办公室", "部", "院", "中心", "政府", "工会", "联合会", "馆")
LIST_JOINS = ("、", "和", "与", "及", "以及", "联合", "会同")
# Tags of words that are no part of a unit's name: pronouns, adverbs, time, numbers, particles.
NOT_IN_NAME = ("r", "d", "t", "m", "q", "u", "f")


def _name_words_ok(words: list[str], know) -> bool:
    """Are these the words of a name (no pronoun, adverb, time, number, particle, no word of the sentence)?"""
    return not any(w in CONTEXT_WORDS or (len(w) >= 2 and w in know.people.after_name)
                   or word_tag(w).startswith(NOT_IN_NAME) or w.endswith(know.people.title_endings) for w in words)


def _unit_end(text: str, end: int, know) -> int:
    """Where a body's own unit printed right after it ends (…市委 + 社会工作部, 国家医疗保障局 + 办公室,
    太原市图书馆 + 馆外流通部), or `end`: a short noun phrase ending in a unit's ending, on word boundaries
    (not 部 of 副部长), that does not open with a conjunction, preposition or verb (…教育部和财政部)."""
    for stop in range(end + 1, min(len(text), end + 12) + 1):
        if not "\u4e00" <= text[stop - 1] <= "\u9fff":
            break
        # (not when read as one word with what follows: 党组书记 is a post, 厅际 "between departments")
        ending = UNIT_ENDINGS + (ORGAN_ENDINGS if text[max(0, end - 2) : end] == "组织" else ()) \
            + (SECTION_ENDINGS if stop - end >= SECTION_MIN else ())
        # (a section's head printed right after it is read by jieba as one word with its ending: 统计科 + 科长)
        if stop - end < 2 or not text[end:stop].endswith(ending) or text[stop : stop + 1] in BOUND_AFTER_BODY \
                or not (on_word_boundaries(text, end, stop) or text[stop - 1] in SECTION_ENDINGS
                        and _title_follows(text, stop, know) and on_word_boundaries(text, end, end)):
            continue
        words = segment(text[end:stop])
        # (a verb used as a noun may open a unit's name: 宣传 + 和文化旅游办公室, 管理 + 中心)
        lead = word_tag(words[0])
        if lead[:1] in ("c", "p") or lead == "v" or not _name_words_ok(words, know) or words[-1] in NOT_UNITS:
            continue
        return stop
    return end


def _listed_body(text: str, found: NameMention, taken: list[bool], know) -> NameMention | None:
    """A body listed right after a found one without its place (…数据局、发展改革委; …卫生健康委联合中医药局):
    a short phrase ending in a body's ending, on word boundaries, ended by a mark, 等, a join or a verb."""
    at = _listed_at(text, found)
    if at is None:
        return None
    for stop in range(at + 2, min(len(text), at + 10) + 1):
        if not "\u4e00" <= text[stop - 1] <= "\u9fff" or taken[stop - 1]:
            break
        if not text[at:stop].endswith(BODY_LIST_ENDINGS) or not on_word_boundaries(text, at, stop) \
                or text[stop : stop + 1] in BOUND_AFTER_BODY:
            continue
        words = segment(text[at:stop])
        # (a rank is no body's name: 副省级城市党委 names a kind of committee)
        if not _name_words_ok(words, know) or word_tag(words[0])[:1] in ("c", "p") or len(words) == 1 and len(words[0]) < 3 \
                or any(word_tag(w)[:1] == "b" for w in words) \
                or len(words) == 1 and words[0].endswith("馆") and is_common_word(words[0]):
            return None  # (…和政府, …与法院: a bare noun names no one body; …博物馆、图书馆: a kind of building)
        return NameMention(text[at:stop], at)
    return None


def _after_place(text: str, start: int, place_prefixes: tuple[str, ...]) -> bool:
    """Does a place's or proper name stand right before `start` (成都 + 市政府, 日内瓦 + 市政府)?"""
    before = text[max(0, start - 8) : start]
    if not before or not "\u4e00" <= before[-1] <= "\u9fff":
        return False
    words = segment(before)
    return before.endswith(place_prefixes) or word_tag(words[-1]) in PROPER_TAGS

"""China's provinces, prefectures and counties (民政部 division codes, seeds/reference/divisions_cn.csv), and the
places a text names.

Sichuan's 21 prefecture-level divisions are the map's cities; every division of China can be named in text.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from .knowledge import PACKAGE_SEEDS, read_yaml
from .words import CONTEXT, on_word_boundaries, segment, word_frequency, word_tag

SICHUAN = "51"
DIVISIONS = PACKAGE_SEEDS / "reference" / "divisions_cn.csv"
KNOWLEDGE = PACKAGE_SEEDS / "knowledge"
SOURCE = "民政部 县级以上行政区划代码 2025 (seeds/reference/divisions_cn.csv); points: cpca 0.5.5"
# jieba's tags for proper names (place, person, organisation, other proper noun, abbreviation): a short
# form that jieba knows under another tag (复兴 a, 来宾 n, 长治 n) is an ordinary word as well.
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"}
RARE = 20  # a word jieba has seen fewer times than this is no ordinary word, whatever its tag
COMMON = 300  # a county's short form jieba has seen this often is a common word too (江山, 临海, 惠民, 天桥)
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
# One-character words that end a name's run: what follows them is no longer part of it (广安市的学校).
FUNCTION_WORDS = set("的和与及或、在于了是由从对向等被为到把将也都")


@lru_cache(maxsize=1)
def facts() -> dict:
    """seeds/knowledge/places.yml, with the institution endings of institutions.yml."""
    out = read_yaml(KNOWLEDGE / "places.yml")
    inst = read_yaml(KNOWLEDGE / "institutions.yml")
    for key in ("school_endings", "institution_starts", "subdivision_words", "generic_kinds", "not_places",
                "generic_names", "ordinary_short_forms"):
        out[key] = tuple(out[key])
    heads = set(out["institution_heads"]) | set(inst["text_suffixes"])
    out["institution_heads"] = tuple(sorted(heads, key=len, reverse=True))
    return out


@lru_cache(maxsize=1)
def endings() -> dict[str, re.Pattern]:
    """Per level, the ending stripped to give a name's short form: 广西壮族自治区 -> 广西, 凉山彝族自治州 ->
    凉山, 马鞍山市 -> 马鞍山, 马边彝族自治县 -> 马边, 浦东新区 -> 浦东 (ethnic names: knowledge/places.yml)."""
    ethnic = "(?:" + "|".join(sorted(facts()["ethnic_names"], key=len, reverse=True)) + ")*"
    # 内蒙古自治区: the province's own name holds 蒙古, so its ending is 自治区 alone
    return {"province": re.compile(r"(?:维吾尔|壮族|回族)?自治区$|特别行政区$|[省市]$"),
            "prefecture": re.compile(rf"{ethnic}自治州$|地区$|[市盟]$"),
            "county": re.compile(rf"{ethnic}自治[县旗]$|新区$|林区$|特区$|[县区市旗]$")}


@dataclass(frozen=True)
class Place:
    adcode: str  # the 6-digit division code padded to 12 digits, as gazetteers print it
    name: str
    latitude: float | None
    longitude: float | None
    level: str = "county"  # province | prefecture | county
    parent_code: str = ""  # 6-digit code of the prefecture (or province) above it

    @property
    def id(self) -> int:
        return int(self.adcode[:6])

    @property
    def province_id(self) -> int:
        return int(self.adcode[:2] + "0000")

    @property
    def city_id(self) -> int | None:
        """The prefecture-level division it is or belongs to (None for provinces and counties under one)."""
        if self.level == "prefecture":
            return self.id
        if self.level == "county" and self.parent_code[2:] != "0000":
            return int(self.parent_code)
        return None

    @property
    def stem(self) -> str:
        """The name without its ending (成都市 -> 成都); the name itself when under two characters remain."""
        short = endings()[self.level].sub("", self.name, count=1)
        # 阿拉善右旗, 科尔沁左翼中旗: the banner's side is part of its name, not an ending
        return short if len(short) >= 2 and not short.endswith(("左", "右", "前", "中", "后", "翼")) else self.name

    @property
    def short_names(self) -> list[str]:
        """Forms a name is printed in: 成都市/成都, 凉山彝族自治州/凉山州/凉山, 广西壮族自治区/广西, 苍溪县."""
        forms = [self.name]
        if self.level == "county":
            return forms
        if self.stem != self.name:
            if self.name.endswith("自治州"):
                forms.append(self.stem + "州")
            if self.name.endswith("特别行政区"):
                forms.append(self.stem + "特区")
            forms.append(self.stem)
        return forms


class PlaceMention(NamedTuple):
    place: Place | None  # None: the name fits several divisions and the text does not say which
    start: int
    printed: str


def read_divisions(path: Path = DIVISIONS) -> tuple[Place, ...]:
    with Path(path).open(encoding="utf-8") as f:
        return tuple(
            Place(row["code"] + "000000", row["name"], float(row["latitude"]) if row["latitude"] else None,
                  float(row["longitude"]) if row["longitude"] else None, row["level"], row["parent_code"])
            for row in csv.DictReader(f))


def _in_a_name(word: str) -> bool:
    """Can the word stand inside an institution's name? Not a function word, verb, adverb, pronoun,
    numeral or measure word by jieba's tags (的, 举办, 一家), save verbal nouns (管理局, 服务中心) and
    ordinals (第一人民医院)."""
    if word in FUNCTION_WORDS:
        return False
    tag = word_tag(word) or "n"
    return word.startswith("第") or tag == "vn" or tag[0] not in "vpcudrmq"


def is_ordinary_word(form: str) -> bool:
    """Is the form a common word too (复兴, 来宾, 城区), by jieba's dictionary?"""
    return word_frequency(form) >= RARE and word_tag(form) not in NAME_TAGS


@dataclass(frozen=True)
class Form:
    """A printed form and what it may name."""

    places: tuple[Place, ...]  # more than one: the same name in several places
    full: bool  # the full name (马鞍山市), not a short form (马鞍山)
    # What else the text must name for the form to count, besides the place right before it (浙江余姚):
    # "" nothing; "prefecture" its prefecture or its full name (昭觉 where 凉山 or 昭觉县 is printed; 高县
    # where 宜宾 is); "whole" its full name (江山 only where 江山市 is printed).
    context: str = ""

    @property
    def needs_context(self) -> bool:
        return bool(self.context)


@dataclass(frozen=True)
class Gazetteer:
    cities: tuple[Place, ...]  # Sichuan's 21 prefecture-level divisions: the map's cities
    counties: tuple[Place, ...]  # Sichuan's county-level divisions
    divisions: tuple[Place, ...] = ()  # every division of China

    @cached_property
    def by_id(self) -> dict[int, Place]:
        return {p.id: p for p in self.divisions or self.cities + self.counties}

    @cached_property
    def name_prefixes(self) -> tuple[str, ...]:
        """Ways an institution's name can begin with a place, longest first: Sichuan's (四川, 成都市, 成都,
        苍溪县…) and every province and prefecture of China (广西, 马鞍山, 浙江省: institutions elsewhere,
        广西大学 or 马鞍山学院, are named the same way)."""
        forms = {"四川"} | {f for c in self.cities for f in c.short_names} | {k.name for k in self.counties}
        # every county of China by its full name (天等县委宣传部, 肥西县民政局)
        forms |= {p.name for p in self.divisions if p.level == "county" and len(p.name) >= 3}
        for p in self.divisions:
            if p.level != "county" and len(p.name) >= 2:
                forms.add(p.name)
                short = re.sub(r"(?:维吾尔|壮族|回族)?自治区$|省$|市$|特别行政区$|地区$|盟$", "", p.name)
                if len(short) >= 2 and short != p.name:
                    forms.add(short)
        return tuple(sorted(forms, key=len, reverse=True))

    @cached_property
    def forms(self) -> dict[str, Form]:
        """Every printed form of every division. A short form names the highest division it can (吉林 the
        province, not 吉林市); the short form of a county counts only in context and when no other division
        shares it; a two-character county name (高县) only in context; ordinary words (城区, 复兴) never
        stand for a county, nor (knowledge/places.yml) for a prefecture outside Sichuan unless printed whole;
        districts named like parts of any town (老城区) count only in context."""
        full: dict[str, list[Place]] = {}
        short: dict[str, list[Place]] = {}
        for p in self.divisions:
            full.setdefault(p.name, []).append(p)
            for form in p.short_names[1:] + ([p.stem] if p.level == "county" and p.stem != p.name else []):
                short.setdefault(form, []).append(p)
        out: dict[str, Form] = {}
        for form, places in short.items():
            if form in full or len(form) < 2:
                continue  # a division's full name wins (吉林市 the prefecture; 海南 the province)
            top = min(LEVEL_RANK[p.level] for p in places)
            places = [p for p in places if LEVEL_RANK[p.level] == top]
            if top == 2:
                if len(places) > 1 or is_ordinary_word(form):
                    continue
                common = word_frequency(form) >= COMMON
                out[form] = Form(tuple(places), False, "whole" if common else "prefecture")
            elif (top == 1 and form in facts()["ordinary_short_forms"]
                  and not any(p.adcode.startswith(SICHUAN) for p in places)):
                continue  # 长治, 来宾, 大同: too often the ordinary word (the home province's cities excepted)
            else:
                out[form] = Form(tuple(places), False)
        for form, places in full.items():
            county_only = all(p.level == "county" for p in places)
            if county_only and len(form) == 2 and is_ordinary_word(form):
                continue  # 城区, 郊区, 矿区
            vague = county_only and (len(form) == 2 or form in facts()["generic_names"])  # 高县, 老城区
            out[form] = Form(tuple(places), True, "prefecture" if vague else "")
        return out

    @cached_property
    def _longest(self) -> int:
        return max(map(len, self.forms))

    @cached_property
    def _sizes(self) -> dict[str, tuple[int, ...]]:
        """The lengths of the forms beginning with each character, longest first: a text is looked up
        only at the lengths a form there could have (most characters begin none)."""
        sizes: dict[str, set[int]] = {}
        for form in self.forms:
            sizes.setdefault(form[0], set()).add(len(form))
        return {c: tuple(sorted(n, reverse=True)) for c, n in sizes.items()}

    def candidates(self, printed: str) -> tuple[Place, ...]:
        """The divisions a printed form may name."""
        form = self.forms.get(printed)
        return form.places if form else ()

    def full_name(self, place: Place) -> str:
        """Province, prefecture and name: 吉林省长春市朝阳区."""
        above = [self.by_id.get(place.province_id)] if place.level != "province" else []
        if place.level == "county" and place.city_id:
            above.append(self.by_id.get(place.city_id))
        return "".join(p.name for p in above if p) + place.name

    def _what_follows(self, text: str, end: int, form: Form) -> str:
        """What the words after a place make of it: "name" when they go on into an institution's name
        (成都市教育局, 四川省委, 广西大学) or a village's or town's (桂林村); "location" when a province
        stands before the name of a body in one of its places (陕西咸阳市委社会工作部, 山西太原市图书馆), which
        names where the body is (a school's name is taken whole: 北京丰台区外国语学校); else "".
        """
        tail = re.match(r"[\u4e00-\u9fff（）()]{1,16}", text[end:])
        if not tail:
            return ""
        known = facts()
        words = segment(tail.group(0))[:6]
        if words[0] in known["subdivision_words"]:
            return "name"
        places = 0
        while places < len(words) and (words[places] in self.forms or self._split(words[places]) is not None):
            places += 1
        rest = words[places:]
        if not rest or rest[0] in known["generic_kinds"]:
            return ""
        if rest[0].startswith(known["institution_starts"]):
            run = rest[0]
        else:
            run = ""
            for word in rest:
                if not _in_a_name(word):
                    return ""  # 广安市的学校, 马鞍山一家公司: not a name that begins with the place
                run += word
                if run.endswith(known["institution_heads"]):
                    break
            else:
                return ""
        province = any(p.level == "province" for p in form.places)
        return "location" if places and province and not run.endswith(known["school_endings"]) else "name"

    def _split(self, word: str) -> set[int] | None:
        """Cut points inside a jieba word made of places (新疆阿勒泰地区, 湖南长沙市) and perhaps a team's 队
        (天津队), which jieba keeps whole; None when the word is not made so."""
        if word.endswith("队"):
            word = word[:-1]
        reach = {0: set()}  # end of a cover -> the cuts on the way
        for i in range(len(word)):
            if i not in reach:
                continue
            for j in range(i + 2, len(word) + 1):
                if word[i:j] in self.forms and j not in reach:
                    reach[j] = reach[i] | {i, j}
        return reach.get(len(word))

    def _stands_alone(self, text: str, start: int, end: int) -> bool:
        """On word boundaries (推广安全 holds no 广安), counting the places inside a word jieba keeps whole."""
        if on_word_boundaries(text, start, end):
            return True
        a = max(0, start - CONTEXT)
        at = a
        for word in segment(text[a : end + CONTEXT]):
            if at <= start and end <= at + len(word):
                cuts = self._split(word)
                return cuts is not None and start - at in cuts and end - at in cuts
            at += len(word)
        return False

    def _in_fixed_phrase(self, text: str, start: int, end: int, found: list) -> bool:
        """北京时间 names no place; nor does 镇江 in 东平镇江龙村, where 镇 ends a town's name: a form that
        begins with 镇 or 乡 after another character counts only right after a place or a function word."""
        if any(text.startswith(p, start) for p in facts()["not_places"]):
            return True
        previous = text[start - 1] if start else ""
        if text[start] in "镇乡" and "\u4e00" <= previous <= "\u9fff" and previous not in FUNCTION_WORDS:
            # 江苏镇江: right after the province or prefecture it lies in, it is the place
            before = found[-1] if found and found[-1][0] + len(found[-1][1]) == start else None
            ids = {q.id for q in before[2].places} if before else set()
            return not any(p.province_id in ids or p.city_id in ids for p in self.forms[text[start:end]].places)
        return False

    def places_in_text(self, text: str, skip: tuple[tuple[int, int], ...] = ()) -> list[PlaceMention]:
        """Provinces, prefectures and counties a text names, in order: (place, offset, as printed). A name
        counts only on word boundaries (推广安全 holds no 广安, 快乐山区 no 乐山), not inside an institution's
        name (成都市教育局; spans in `skip` are names found already), and a name several divisions share is
        the one whose prefecture or province the text names (else place None)."""
        found: list[tuple[int, str, Form]] = []
        i = 0
        while i < len(text):
            hit = None
            for size in self._sizes.get(text[i], ()):
                if size < 2 or i + size > len(text):
                    continue
                form = self.forms.get(text[i : i + size])
                if (form and self._stands_alone(text, i, i + size)
                        and not self._in_fixed_phrase(text, i, i + size, found)):
                    hit = (i, text[i : i + size], form)
                    break
            if hit:
                found.append(hit)
                i += len(hit[1])
            else:
                i += 1
        # What the text names for sure (inside institutions' names too), with the prefectures and provinces
        # above it: the context that says which of two 朝阳区 is meant, and lets 昭觉 or 高县 count.
        sure = [f.places[0] for _, _, f in found if len(f.places) == 1 and not f.needs_context]
        named = {p.id for p in sure}
        above = named | {p.province_id for p in sure} | {p.city_id for p in sure if p.city_id}
        fits = {  # context -> does the text name enough of the place
            "": lambda p: p.id in above or p.city_id in above or p.province_id in above,
            "prefecture": lambda p: p.id in named or (p.city_id or p.province_id) in above,
            "whole": lambda p: p.id in named,
        }
        out = []
        for k, (start, printed, form) in enumerate(found):
            end = start + len(printed)
            follows = self._what_follows(text, end, form)
            if follows == "name":
                continue
            # Inside an institution's name found already, unless it says where the body is (山西太原市图书馆).
            if any(a <= start and end <= b and not (a == start and follows == "location") for a, b in skip):
                continue
            before = found[k - 1] if k and found[k - 1][0] + len(found[k - 1][1]) == start else None
            if before and len(before[2].places) == 1:
                # 北京市朝阳区: a county printed right after its prefecture or province is that one's
                parent = before[2].places[0].id
                fitting = [p for p in form.places if parent in (p.city_id, p.province_id)]
                if len(fitting) == 1:
                    out.append(PlaceMention(fitting[0], start, printed))
                    continue
            if form.needs_context or len(form.places) > 1:
                fitting = [p for p in form.places if fits[form.context](p)]
            else:
                fitting = list(form.places)
            if len(fitting) == 1:
                out.append(PlaceMention(fitting[0], start, printed))
            elif not form.needs_context and form.full and len(form.places) > 1:
                out.append(PlaceMention(None, start, printed))  # 朝阳区: a district of 北京 or of 长春
        return out

    @cached_property
    def _province_forms(self) -> re.Pattern:
        forms = {f for p in self.divisions if p.level == "province" for f in p.short_names if len(f) >= 2}
        return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))

    def about_elsewhere(self, text: str) -> bool:
        """Does a text name another province and nothing of Sichuan (四川, its cities)? Then its short forms of
        a province's bodies (省教育厅) are that province's, not Sichuan's."""
        others = {m.group(0) for m in self._province_forms.finditer(text)} - {"四川", "四川省"}
        if not others:
            return False
        home = ("四川",) + tuple(f for c in self.cities for f in c.short_names if len(f) >= 2)
        return not any(f in text for f in home)

    def division_in_name(self, name: str) -> Place | None:
        """The most specific division of China an institution's name begins with (浙江省教育厅 -> 浙江省,
        广州市科学技术协会 -> 广州市, 四川省苍溪县… -> 苍溪县), each part inside the one before; None if none."""
        found: Place | None = None
        at = 0
        while True:
            step = None
            for size in range(min(self._longest, len(name) - at), 1, -1):
                places = self.candidates(name[at : at + size])
                if found is not None:
                    places = tuple(p for p in places if found.id in (p.province_id, p.city_id))
                if len(places) == 1 and (found is None or LEVEL_RANK[places[0].level] > LEVEL_RANK[found.level]):
                    step = (places[0], size)
                    break
            if step is None:
                return found
            found, at = step[0], at + step[1]

    def city(self, city_id: int) -> Place:
        return next(c for c in self.cities if c.id == city_id)

    def county(self, county_id: int) -> Place:
        return next(k for k in self.counties if k.id == county_id)

    def place_in_name(self, name: str) -> tuple[Place | None, Place | None]:
        """(city, county) of Sichuan named at the start of an institution's name, after an optional 四川省/四川."""
        for prefix in ("四川省", "四川"):
            if name.startswith(prefix):
                name = name[len(prefix) :]
                break
        city = county = None
        for c in self.cities:
            for form in sorted(c.short_names, key=len, reverse=True):
                if name.startswith(form):
                    city, name = c, name[len(form) :]
                    break
            if city:
                break
        for k in self.counties:
            if (city is None or k.city_id == city.id) and name.startswith(k.name):
                county = k
                city = city or self.city(k.city_id)
                break
        if county is None and city is not None:
            # 南溪职业技术学校 after 宜宾市: a county named without its 区/县 ending.
            for k in self.counties:
                if k.city_id == city.id and len(k.name) >= 3 and name.startswith(k.name[:-1]):
                    county = k
                    break
        return city, county


@lru_cache(maxsize=1)
def load_gazetteer(path: Path = DIVISIONS) -> Gazetteer:
    divisions = read_divisions(path)
    sichuan = [p for p in divisions if p.adcode.startswith(SICHUAN)]
    cities = tuple(p for p in sichuan if p.level == "prefecture")
    counties = tuple(p for p in sichuan if p.level == "county")
    return Gazetteer(cities, counties, divisions)

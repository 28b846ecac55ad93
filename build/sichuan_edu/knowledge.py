"""Knowledge files under seeds/knowledge, loaded once into plain data."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml


PACKAGE_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass(frozen=True)
class PeopleKnowledge:
    title_endings: tuple[str, ...]
    titles_after: tuple[str, ...]
    after_name: dict
    attendance_endings: tuple[str, ...]
    compound_roles: dict
    surnames: frozenset[str]  # single-character surnames that are not also common words
    compound_surnames: frozenset[str]
    frequent_surnames: frozenset[str] = frozenset()  # the 100 most frequent (2020 national ranking)
    countries: tuple[str, ...] = ()  # for foreign officials' names (加蓬国民议会议长奥南加): countries.txt
    transliteration: frozenset[str] = frozenset()  # characters of foreign names (transliteration.txt)
    ambiguous_surnames: frozenset[str] = frozenset()  # surnames that are also common words (章, 于, 向)

    @cached_property
    def title_pattern(self) -> re.Pattern:
        return re.compile("|".join(map(re.escape, self.title_endings)))

    @cached_property
    def follow_words(self) -> list[str]:
        return sorted(self.after_name, key=len, reverse=True)

    @cached_property
    def title_after_pattern(self) -> re.Pattern:
        return re.compile("|".join(map(re.escape, self.titles_after)))

    @cached_property
    def verbs_after(self) -> tuple[str, ...]:
        """The words after a name that are verbs (说, 表示, 会见 …), not the function words 在, 等, 和 that may
        also follow one; longest first."""
        return tuple(sorted((w for w in self.after_name if len(w) >= 2 or w in "说称"), key=len, reverse=True))

    @cached_property
    def tagged_name_at(self) -> re.Pattern:
        """Where a name jieba's tagger reads may begin in a piece of text (mentions._tagged_names): a surname and
        a Chinese character, a compound surname and one, or a word of three characters ending in 家 (read as
        the name's family)."""
        heads = [f"[{''.join(map(re.escape, sorted(self.surnames)))}]"] if self.surnames else []
        heads += map(re.escape, sorted(self.compound_surnames))
        return re.compile(f"(?:{'|'.join(heads) or '(?!)'})[\u4e00-\u9fff]|[\u4e00-\u9fff]{{2}}家")

    @cached_property
    def clause_name(self) -> re.Pattern:
        """A name opening a clause, right before a verb of speech or of official news, a title printed after
        it, or the day (王腾说, 王毅会见, 习近平总书记, 毛宁1月6日): group 1 is the name's candidate."""
        words = sorted(set(self.verbs_after) | set(self.titles_after), key=len, reverse=True)
        after = "|".join(map(re.escape, words))
        # (or after a preposition that names who acts: 由习近平主持, 向王某表示)
        return re.compile(rf"(?:^|(?<=[，。；：！？、“”\s由向同与和对据的]))([\u4e00-\u9fff]{{2,4}}?)(?={after}|\d{{1,2}}(?:月\d{{1,2}})?日)")


@dataclass(frozen=True)
class Knowledge:
    source_patterns: tuple[re.Pattern, ...]
    credit_titles: tuple[str, ...]
    credit_roles: dict[str, tuple[str, ...]]
    credit_title_roles: dict[str, str]
    sentence_final: str
    strong_final: str
    closing_marks: str
    no_line_start: str
    source_at_end: re.Pattern
    author_marks: str
    bullets: str
    unfinished_endings: str
    record_end: re.Pattern
    document_title: re.Pattern
    document_addressee: re.Pattern
    ending: re.Pattern
    continued_to: re.Pattern
    continued_from: re.Pattern
    photo_credit_end: re.Pattern
    photo_credit_line: re.Pattern
    caption_opening: re.Pattern
    furniture: tuple[re.Pattern, ...]
    paper_name: re.Pattern
    furniture_reach: int
    table_headers: dict[str, str]
    table_title_endings: tuple[str, ...]
    dangling_endings: str
    caption_start: re.Pattern
    type_rules: tuple[tuple[str, str], ...]
    school_types: frozenset[str]
    partner_types: frozenset[str]
    joint_markers: tuple[str, ...]
    text_suffixes: tuple[str, ...]
    generic_name_parts: tuple[str, ...]
    generic_name_heads: tuple[str, ...]
    leading_words: str
    surnames: frozenset[str]  # every surname, single and compound (seeds/knowledge/surnames.txt)
    ambiguous_surnames: frozenset[str]  # surnames that are also common words
    people: PeopleKnowledge  # title words, speech verbs, surnames (people.yml, surnames.txt)
    canonical: dict[str, str]  # printed short form or full name -> canonical full name
    curated_types: dict[str, str]  # canonical name -> type
    countries: tuple[str, ...] = ()  # the world's countries and their short forms, longest first (countries.txt)
    directory: Path = field(default=PACKAGE_SEEDS / "knowledge")

    @cached_property
    def any_source(self) -> re.Pattern:
        """All source-line patterns as one (named groups dropped): a quick test for a line."""
        return re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', p.pattern)})" for p in self.source_patterns))

    @cached_property
    def alias_pattern(self) -> re.Pattern:
        """Every curated printed form, longest first."""
        return re.compile("|".join(map(re.escape, sorted(self.canonical, key=len, reverse=True))))

    @cached_property
    def name_run(self) -> re.Pattern:
        suffixes = "|".join(map(re.escape, sorted(self.text_suffixes, key=len, reverse=True)))
        return re.compile(rf"[\u4e00-\u9fff（）]{{2,24}}?(?:{suffixes})")

    @cached_property
    def suffix_at(self) -> re.Pattern:
        """Each place a suffix begins (overlapping), group 1 the longest there."""
        suffixes = "|".join(map(re.escape, sorted(self.text_suffixes, key=len, reverse=True)))
        return re.compile(f"(?=({suffixes}))")

    def looks_like_name(self, token: str, strict: bool = True) -> bool:
        """2–4 Chinese characters opening with a surname (a compound one first), of which at most 2 follow.
        Strict: not a surname that is also a common word (于, 和, 尚) unless the context vouches for it."""
        if not 2 <= len(token) <= 4 or not all("\u4e00" <= c <= "\u9fff" or c == "·" for c in token):
            return False
        if token[:2] in self.surnames and len(token) >= 3:
            return True
        return token[0] in self.surnames and not (strict and token[0] in self.ambiguous_surnames) and len(token) <= 3

    def institution_type(self, name: str) -> str | None:
        """The type the curated list or the name's ending says, or None."""
        if name in self.curated_types:
            return self.curated_types[name]
        # The first rule whose suffix the name ends with, found by looking up the name's endings of each
        # length a suffix has, not by trying each rule (the layout and entity stages ask this 200 times a page).
        lengths, first = self._type_rules_by_suffix
        best = None
        for n in lengths:
            hit = first.get(name[len(name) - n :]) if n <= len(name) else None
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
        return best[1] if best else None

    @cached_property
    def _type_rules_by_suffix(self) -> tuple[tuple[int, ...], dict[str, tuple[int, str]]]:
        """The lengths of the rules' suffixes, and each suffix's first rule: (its place in type_rules, type)."""
        first: dict[str, tuple[int, str]] = {}
        for i, (suffix, kind) in enumerate(self.type_rules):
            first.setdefault(suffix, (i, kind))
        return tuple(sorted({len(s) for s in first})), first


def knowledge_dir(seeds: Path) -> Path:
    """Users' own seeds folders may omit knowledge/; fall back to the project's."""
    own = Path(seeds) / "knowledge"
    return own if (own / "layout.yml").exists() else PACKAGE_SEEDS / "knowledge"


def read_yaml(path: Path):
    """A knowledge file's YAML, parsed by libyaml where PyYAML has it (the same data, a seventh of the time)."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def load_knowledge(directory: Path | None = None) -> Knowledge:
    directory = Path(directory or PACKAGE_SEEDS / "knowledge")
    layout = read_yaml(directory / "layout.yml")
    inst = read_yaml(directory / "institutions.yml")
    aliases = read_yaml(directory / "institution_aliases.yml")
    surnames, ambiguous, frequent = set(), set(), set()
    for line in (directory / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            surnames.add(cols[0])
            if len(cols) > 2 and cols[2] == "ambiguous":
                ambiguous.add(cols[0])
            if len(cols) > 1 and cols[1].strip().isdigit():
                frequent.add(cols[0])
    people = read_yaml(directory / "people.yml")
    countries_file = directory / "countries.txt"
    if not countries_file.exists():  # a user's knowledge folder from before the file existed
        countries_file = PACKAGE_SEEDS / "knowledge" / "countries.txt"
    countries = {name for line in countries_file.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#") for name in line.split("\t")}
    translit_file = directory / "transliteration.txt"
    if not translit_file.exists():  # a user's knowledge folder from before the file existed
        translit_file = PACKAGE_SEEDS / "knowledge" / "transliteration.txt"
    transliteration = {c for line in translit_file.read_text(encoding="utf-8").splitlines()
                       if not line.startswith("#") for c in line.split()}
    canonical = {name: name for name in aliases}
    canonical.update({alias: name for name, entry in aliases.items() for alias in entry["aliases"]})
    return Knowledge(
        source_patterns=tuple(re.compile(p) for p in layout["source_lines"]),
        credit_titles=tuple(sorted(layout["credit_titles"], key=len, reverse=True)),
        credit_roles={k: tuple(v) for k, v in layout["credit_roles"].items()},
        credit_title_roles=dict(layout.get("credit_title_roles", {})),
        sentence_final=layout["sentence_final"],
        strong_final=layout["strong_final"],
        closing_marks=layout["closing_marks"],
        no_line_start=layout["no_line_start"],
        source_at_end=re.compile(layout["source_at_end"]),
        author_marks=layout["author_marks"],
        bullets=layout["bullets"],
        unfinished_endings=layout["unfinished_endings"],
        document_title=re.compile(layout["document_title"]),
        document_addressee=re.compile(layout["document_addressee"]),
        record_end=re.compile("(?:" + "|".join(map(re.escape, layout["record_endings"])) + ")[）)]?$"),
        ending=re.compile(layout["ending"]),
        continued_to=re.compile(layout["continued_to"]),
        continued_from=re.compile(layout["continued_from"]),
        photo_credit_end=re.compile(layout["photo_credit_end"]),
        photo_credit_line=re.compile(layout["photo_credit_line"]),
        caption_opening=re.compile(layout["caption_opening"]),
        furniture=tuple(re.compile(p) for p in layout["furniture"]),
        paper_name=re.compile(layout["paper_name"]),
        furniture_reach=int(layout["furniture_reach"]),
        table_headers=dict(layout["table_headers"]),
        table_title_endings=tuple(layout["table_title_endings"]),
        dangling_endings=layout["dangling_endings"],
        caption_start=re.compile(layout["caption_start"]),
        type_rules=tuple((r["suffix"], r["type"]) for r in inst["types"]),
        school_types=frozenset(inst["school_types"]),
        partner_types=frozenset(inst["partner_types"]),
        joint_markers=tuple(inst["joint_markers"]),
        text_suffixes=tuple(inst["text_suffixes"]),
        generic_name_parts=tuple(sorted(inst["generic_name_parts"], key=len, reverse=True)),
        generic_name_heads=tuple(inst["generic_name_heads"]),
        leading_words=inst["leading_words"],
        people=PeopleKnowledge(
            title_endings=tuple(sorted(people["title_endings"], key=len, reverse=True)),
            titles_after=tuple(sorted(people["titles_after"], key=len, reverse=True)),
            after_name=people["after_name"],
            attendance_endings=tuple(people["attendance_endings"]),
            compound_roles=people["compound_roles"],
            surnames=frozenset(n for n in surnames if len(n) == 1) - frozenset(ambiguous),
            compound_surnames=frozenset(n for n in surnames if len(n) == 2),
            frequent_surnames=frozenset(frequent),
            countries=tuple(sorted(countries, key=len, reverse=True)),
            transliteration=frozenset(transliteration),
            ambiguous_surnames=frozenset(n for n in ambiguous if len(n) == 1),
        ),
        countries=tuple(sorted(countries, key=len, reverse=True)),
        surnames=frozenset(surnames),
        ambiguous_surnames=frozenset(ambiguous),
        canonical=canonical,
        curated_types={name: entry.get("type") for name, entry in aliases.items()},  # (foreign parties: none)
        directory=directory,
    )

"""Knowledge files under seeds/knowledge, loaded once into plain data."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

PACKAGE_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass(frozen=True)
class Knowledge:
    source_patterns: tuple[re.Pattern, ...]
    credit_titles: tuple[str, ...]
    credit_roles: dict[str, tuple[str, ...]]
    sentence_final: str
    closing_marks: str
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
    leading_words: str
    canonical: dict[str, str]  # printed short form or full name -> canonical full name
    curated_types: dict[str, str]  # canonical name -> type
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

    def institution_type(self, name: str) -> str | None:
        """The type the curated list or the name's ending says, or None."""
        if name in self.curated_types:
            return self.curated_types[name]
        for suffix, kind in self.type_rules:
            if name.endswith(suffix):
                return kind
        return None


def knowledge_dir(seeds: Path) -> Path:
    """Users' own seeds folders may omit knowledge/; fall back to the project's."""
    own = Path(seeds) / "knowledge"
    return own if (own / "layout.yml").exists() else PACKAGE_SEEDS / "knowledge"


def load_knowledge(directory: Path | None = None) -> Knowledge:
    directory = Path(directory or PACKAGE_SEEDS / "knowledge")
    layout = yaml.safe_load((directory / "layout.yml").read_text(encoding="utf-8"))
    inst = yaml.safe_load((directory / "institutions.yml").read_text(encoding="utf-8"))
    aliases = yaml.safe_load((directory / "institution_aliases.yml").read_text(encoding="utf-8"))
    canonical = {name: name for name in aliases}
    canonical.update({alias: name for name, entry in aliases.items() for alias in entry["aliases"]})
    return Knowledge(
        source_patterns=tuple(re.compile(p) for p in layout["source_lines"]),
        credit_titles=tuple(sorted(layout["credit_titles"], key=len, reverse=True)),
        credit_roles={k: tuple(v) for k, v in layout["credit_roles"].items()},
        sentence_final=layout["sentence_final"],
        closing_marks=layout["closing_marks"],
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
        leading_words=inst["leading_words"],
        canonical=canonical,
        curated_types={name: entry["type"] for name, entry in aliases.items()},
        directory=directory,
    )

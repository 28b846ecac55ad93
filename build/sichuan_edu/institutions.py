"""Institution names -> one record each: canonical name, type, city, national code."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .knowledge import Knowledge
from .places import Gazetteer

MOE_LEVEL_TYPE = {"本科": "本科高校", "专科": "高职院校"}


def stable_id(*parts: str) -> int:
    """A 48-bit id from content, stable across rebuilds and safe in JavaScript."""
    return int(hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12], 16)


@dataclass
class Institution:
    name: str
    type: str | None
    city_id: int | None
    county_id: int | None
    city_source: str | None  # name | moe_2025 | None
    hei_code: str | None = None
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (name, kind): canonical, later_name
    note: str | None = None

    @property
    def id(self) -> int:
        return stable_id("institution", self.name)


@dataclass(frozen=True)
class MoeRecord:
    code: str
    name: str
    city: str
    level: str
    note: str


@lru_cache(maxsize=4)
def load_moe(path: Path) -> dict[str, MoeRecord]:
    with Path(path).open(encoding="utf-8") as f:
        rows = [MoeRecord(r["code"], r["name"], r["city"], r["level"], r["note"] or "") for r in csv.DictReader(f, delimiter="\t")]
    return {r.name: r for r in rows}


class Resolver:
    """Turns printed names into Institution records (one per real institution)."""

    def __init__(self, know: Knowledge, gazetteer: Gazetteer, moe_path: Path):
        self.know, self.gaz = know, gazetteer
        self.moe = load_moe(moe_path)
        facts = yaml.safe_load((know.directory / "institutions.yml").read_text(encoding="utf-8"))
        self.renamed: dict[str, str] = facts.get("renamed", {})
        self.city_unknown: dict[str, str] = facts.get("city_unknown", {})
        self.by_name: dict[str, Institution] = {}

    def resolve(self, printed: str) -> Institution:
        """The institution a printed name stands for. Its aliases are its own names (canonical, later);
        the printed form is the caller's to record, since it belongs to the page, not the institution."""
        # A Sichuan paper's 教育厅 is 四川省教育厅: short forms resolve to the canonical full name.
        name = self.know.canonical.get(printed, printed)
        if name in self.by_name:
            return self.by_name[name]
        later = self.renamed.get(name)
        moe = self.moe.get(name) or (self.moe.get(later) if later else None)
        # The MoE level describes the listed (2025) name; a renamed school keeps the type its printed name says.
        kind = MOE_LEVEL_TYPE.get(moe.level) if moe and moe.name == name else None
        kind = kind or self.know.institution_type(name)
        city, county = self.gaz.place_in_name(name)
        source = "name" if city else None
        note = None
        if city is None and moe and name not in self.city_unknown:
            city = next((c for c in self.gaz.cities if moe.city in c.short_names), None)
            source = "moe_2025" if city else None
        if name in self.city_unknown:
            note = self.city_unknown[name]
        inst = Institution(
            name=name,
            type=kind,
            city_id=city.id if city else None,
            county_id=county.id if county else None,
            city_source=source,
            hei_code=moe.code if moe else None,
            note=note,
        )
        inst.aliases.append((name, "canonical"))
        if later:
            inst.aliases.append((later, "later_name"))
        self.by_name[name] = inst
        return inst

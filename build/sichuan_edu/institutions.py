"""Institution names -> one record each: canonical name, type, city, national code."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .knowledge import Knowledge, read_yaml
from .places import SICHUAN, Gazetteer

MOE_LEVEL_TYPE = {"本科": "本科高校", "专科": "高职院校"}
SICHUAN_ID = 510000
# Bodies of the state and of society, which a province (or the nation) has one of: placed where it sits.
BODY_TYPES = ("党政机关", "司法机关", "事业单位", "社会组织")
SCHOOL_TYPES = ("本科高校", "高职院校", "中职学校", "技工院校", "中小学")


def stable_id(*parts: str) -> int:
    """A 48-bit id from content, stable across rebuilds and safe in JavaScript."""
    return int(hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12], 16)


@dataclass
class Institution:
    name: str
    type: str | None
    city_id: int | None
    county_id: int | None
    city_source: str | None  # name | moe_2025 | provincial_capital | abbreviation | None
    hei_code: str | None = None
    place_id: int | None = None  # the division of China the name (or the MoE list) places it in
    level: str | None = None  # national | province | prefecture | county: the level of that place
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
        facts = read_yaml(know.directory / "institutions.yml")
        self.renamed: dict[str, str] = facts.get("renamed", {})
        self.city_unknown: dict[str, str] = facts.get("city_unknown", {})
        self.abbreviations: dict[str, str] = facts.get("place_abbreviations", {})
        self.capitals: dict[int, int] = {SICHUAN_ID: facts["provincial_capital"]}
        self.national: tuple[str, ...] = tuple(facts.get("national_prefixes", ()))
        self.by_name: dict[str, Institution] = {}

    def _place(self, name: str, kind: str | None):
        """(division, level) a name places an institution in: the division it begins with (after 中共);
        the nation for the central organs (中华人民共和国…, 国务院…); (None, None) otherwise."""
        bare = name[2:] if name.startswith("中共") else name[5:] if name.startswith("中国共产党") else name
        place = self.gaz.division_in_name(bare)
        if place is not None:
            return place, place.level
        if name.startswith(self.national) or (kind in BODY_TYPES and name in self.know.curated_types
                                              and not name.startswith(self.gaz.name_prefixes)):
            return None, "national"
        return None, None

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
        place, level = self._place(name, kind)
        if place is None and city is not None:
            place = county or city
        if place is not None:
            level = place.level
        if city is None and place is not None and place.level == "province" and place.adcode.startswith(SICHUAN) \
                and kind in BODY_TYPES:
            # A provincial body sits in the provincial capital (level = province says where it reaches).
            city, source = self.gaz.by_id[self.capitals[SICHUAN_ID]], "provincial_capital"
        if city is None and place is None and kind not in SCHOOL_TYPES:
            abbreviated = self.abbreviations.get(name[:1])
            if abbreviated is not None:
                city = next(c for c in self.gaz.cities if c.name == abbreviated)
                place, level, source = city, city.level, "abbreviation"
        inst = Institution(
            name=name,
            type=kind,
            city_id=city.id if city else None,
            county_id=county.id if county else None,
            city_source=source,
            hei_code=moe.code if moe else None,
            note=note,
            place_id=place.id if place else None,
            level=level,
        )
        inst.aliases.append((name, "canonical"))
        if later:
            inst.aliases.append((later, "later_name"))
        self.by_name[name] = inst
        return inst

"""Sichuan's prefecture-level cities and counties, from the gazetteer shipped in the cpca package."""
from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .words import on_word_boundaries

SICHUAN = "51"
SOURCE = "cpca 0.5.5, resources/adcodes.csv (adcode, name, longitude, latitude)"


@dataclass(frozen=True)
class Place:
    adcode: str  # 12-digit code as in the gazetteer
    name: str
    latitude: float
    longitude: float

    @property
    def id(self) -> int:
        return int(self.adcode[:6])

    @property
    def city_id(self) -> int:
        return int(self.adcode[:4] + "00")

    @property
    def short_names(self) -> list[str]:
        """Forms a name is printed in: 成都市/成都, 凉山彝族自治州/凉山州/凉山, 苍溪县."""
        forms = [self.name]
        if self.name.endswith("自治州"):
            stem = self.name[:2]
            forms += [stem + "州", stem]
        elif self.name.endswith("市") and len(self.name) >= 3:
            forms.append(self.name[:-1])
        return forms


def _gazetteer_file() -> Path:
    # Locate cpca's data without importing cpca (its __init__ loads pandas, which we do not need).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer package cpca is not installed (pip install cpca==0.5.5)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


@dataclass(frozen=True)
class Gazetteer:
    cities: tuple[Place, ...]  # the 21 prefecture-level divisions
    counties: tuple[Place, ...]

    @cached_property
    def name_prefixes(self) -> tuple[str, ...]:
        """Ways an institution's name can begin with a place, longest first: Sichuan's (四川, 成都市, 成都,
        苍溪县…) and every province and prefecture of China (广西, 马鞍山, 浙江省: institutions elsewhere,
        广西大学 or 马鞍山学院, are named the same way)."""
        forms = {"四川"} | {f for c in self.cities for f in c.short_names} | {k.name for k in self.counties}
        with _gazetteer_file().open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                code, name = row["adcode"], row["name"]
                if code[4:] == "00000000" and len(name) >= 2:  # provinces and prefecture-level divisions
                    forms.add(name)
                    short = re.sub(r"(?:维吾尔|壮族|回族)?自治区$|省$|市$|特别行政区$|地区$|盟$", "", name)
                    if len(short) >= 2 and short != name:
                        forms.add(short)
        return tuple(sorted(forms, key=len, reverse=True))

    @cached_property
    def _text_forms(self) -> tuple[re.Pattern, dict[str, Place]]:
        # Two-character county names (高县, 珙县) hide inside ordinary words (提高县中), so only longer ones count.
        forms = {f: c for c in self.cities for f in c.short_names}
        forms.update({k.name: k for k in self.counties if len(k.name) >= 3})
        pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
        return pattern, forms

    def places_in_text(self, text: str) -> list[tuple[Place, int, str]]:
        """Cities (full or short form) and counties (full name only) mentioned in a text: (place, offset, as
        printed). A name counts only on word boundaries: 推广安全 holds no 广安, 快乐山区 no 乐山."""
        pattern, forms = self._text_forms
        return [(forms[m.group(0)], m.start(), m.group(0)) for m in pattern.finditer(text)
                if on_word_boundaries(text, m.start(), m.end())]

    def city(self, city_id: int) -> Place:
        return next(c for c in self.cities if c.id == city_id)

    def county(self, county_id: int) -> Place:
        return next(k for k in self.counties if k.id == county_id)

    def place_in_name(self, name: str) -> tuple[Place | None, Place | None]:
        """(city, county) named at the start of an institution's name, after an optional 四川省/四川."""
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
def load_gazetteer() -> Gazetteer:
    cities, counties = [], []
    with _gazetteer_file().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"]
            if not code.startswith(SICHUAN) or code[2:4] == "00" or not row["latitude"]:
                continue  # the province itself, and the few districts the gazetteer gives no point for
            place = Place(code, row["name"], float(row["latitude"]), float(row["longitude"]))
            if code[4:] == "00000000":
                cities.append(place)
            elif code[6:] == "000000" and code[4:6] != "00":
                counties.append(place)
    key = lambda p: p.adcode  # noqa: E731
    return Gazetteer(tuple(sorted(cities, key=key)), tuple(sorted(counties, key=key)))

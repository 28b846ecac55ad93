"""Build divisions_cn.csv (every province, prefecture-level and county-level division of China in force)
from the Ministry of Civil Affairs' code list, with a point for each taken from cpca 0.5.5's gazetteer.

    python seeds/reference/make_divisions.py --coordinates path/to/cpca/resources/adcodes.csv

Inputs (see README.md beside this file):
- mca_divisions_2025.txt: `code name` per line, the 民政部 list of county-level and higher divisions;
- cpca's adcodes.csv (adcode, name, longitude, latitude; `pip download --no-deps cpca==0.5.5`, unzip):
  its 2020 points. Without --coordinates the points already in divisions_cn.csv are kept.
A division missing from the point source (renamed or newly made since 2020) takes the point of the division
of the same prefecture whose name differs only in its ending (会理县 -> 会理市); else, when its prefecture has
exactly one abolished county left over in the point source, that county's point (郫县 -> 郫都区); else none.
"""
from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "mca_divisions_2025.txt"
OUT = HERE / "divisions_cn.csv"
# Endings that change when a county becomes a city or a district (会理县 -> 会理市, 郫县 -> 郫都区).
ENDING = re.compile(r"(?:自治[县旗]|[县市区旗]|特区|林区)$")


def level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    # 4190xx, 4290xx, 4690xx, 6590xx: county-level cities under the province; 441900 东莞市 is a prefecture
    if code.endswith("00") and code[2:4] != "90":
        return "prefecture"
    return "county"


def parent(code: str, lvl: str, codes: set[str]) -> str:
    if lvl == "province":
        return ""
    if lvl == "prefecture" or code[:4] + "00" not in codes:
        return code[:2] + "0000"  # a municipality's districts and counties, or a county under its province
    return code[:4] + "00"


def stem(name: str) -> str:
    short = ENDING.sub("", name)
    return short if len(short) >= 2 else name


def read_points(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(code, name) -> point, from cpca's adcodes.csv (12-digit codes) or our own csv (6-digit codes)."""
    points = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = (row.get("adcode") or row.get("code"))
            if code[6:].strip("0") == "" and row["longitude"] and row["latitude"]:  # county level and above
                points[(code[:6], row["name"])] = (row["longitude"], row["latitude"])
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coordinates", type=Path, default=OUT,
                        help="cpca's adcodes.csv (default: keep divisions_cn.csv's points)")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write (default: divisions_cn.csv here)")
    args = parser.parse_args(argv)
    rows = [line.split(" ", 1) for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    codes = {code for code, _ in rows}
    points = read_points(args.coordinates)
    stems = {(code[:4], stem(name)): (code, name) for code, name in points}
    found, used = {}, set()
    for code, name in rows:
        key = (code, name) if (code, name) in points else stems.get((code[:4], stem(name)))
        if key:
            found[code] = points[key]
            used.add(key)
    # Orphans: counties of the point source that no current division took (abolished or renamed).
    orphans, unplaced = {}, {}
    for code, name in points:
        if (code, name) not in used and code[4:] != "00" and code not in found:
            orphans.setdefault(code[:4], []).append((code, name))
    for code, _ in rows:
        if code not in found and code[4:] != "00":
            unplaced.setdefault(code[:4], []).append(code)
    for prefix, left in unplaced.items():
        if len(left) == 1 and len(orphans.get(prefix, [])) == 1:
            found[left[0]] = points[orphans[prefix][0]]
    out = []
    for code, name in rows:
        lvl = level(code)
        lon, lat = found.get(code, ("", ""))
        out.append({"code": code, "name": name, "level": lvl, "parent_code": parent(code, lvl, codes),
                    "longitude": lon, "latitude": lat})
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(out[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    missing = [f"{r['code']} {r['name']}" for r in out if not r["longitude"]]
    print(f"{len(out)} divisions, {len(missing)} without a point: {' '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

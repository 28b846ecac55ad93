"""Score the people, institutions and places the parser finds on the page corpus against hand-made gold.

    .venv/bin/python tests/corpus/entity_scores.py               # the tables (markdown)
    .venv/bin/python tests/corpus/entity_scores.py --misses      # and every false positive / negative per text
    .venv/bin/python tests/corpus/entity_scores.py --summary     # the most frequent misses over all pages
    .venv/bin/python tests/corpus/entity_scores.py --extractor pdfium --no-oracle

Gold: tests/corpus/entities/gold.jsonl (one object per corpus text, annotated by hand; see entities/README.md
for what counts as a person, an institution or a place). Pages: pages/<extractor>/*.txt parsed as a build
parses them (knowledge, gazetteer, the MoE list), gold/<page>.json says which text each article printed.

Scoring, per article printed on a page (a text counts only if it is annotated):
- predicted articles are matched to the gold articles one to one by body overlap (score.match, as for the
  layout scores); a predicted article left over that shares most of its body (>= 50%) with one gold article
  is a fragment of it, and its entities count for that article too; other left-over articles are not scored
  (their mentions are counted in the table's `unscored` column);
- the gold of an article is what the page printed of the text: the annotated people, institutions and places
  any printed form of which occurs in its kicker, title, subtitle or paragraphs (a page may print only the
  first paragraphs) outside another annotated institution's own name that holds it (全国人民代表大会 inside
  全国人民代表大会常务委员会, 合肥 inside 合肥公安 are no mentions), plus the people its source line credits (the
  page gold's `authors`, which the generator made up where the text names none) and the photographers the
  gold finds credited in a paragraph;
- people: by name, whitespace removed (徐  靖 = 徐靖); `people` counts every person, `people, Chinese names`
  leaves out the foreign names written in Chinese (gold `foreign`; a prediction of one is then neither right
  nor wrong); `credits (name, role)` scores the credited people with their role (author, correspondent,
  intern, special_correspondent, photographer; 文/图 is author and photographer);
- institutions: a gold institution is found when a predicted mention equals its name or any printed form; a
  predicted mention that equals none is a false positive (two mentions of one gold institution count once);
- places: the same, comparing names without their 省/市/县/区/自治区/自治州/地区 ending (成都市 = 成都).

"oracle" runs the same entity stage on each gold article alone, set as a one-article page in the seed's
conventions (tests/corpus/handset.py): layout errors are then (nearly) absent, so it measures the entity stage
by itself; the line `oracle layout` says how many of those one-article pages were read exactly.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from layout_scores import DATA, EXTRACTORS, corpus_pages  # noqa: E402
from score import match, norm, overlap  # noqa: E402

from sichuan_edu.parse import parse_page  # noqa: E402

GOLD = HERE / "entities" / "gold.jsonl"
TEXTS = HERE / "texts"
TYPES = ("people", "people, Chinese names", "credits (name, role)", "institutions", "places")
# Roles printed in a credit (page gold `authors`) -> the roles the build gives (seeds/knowledge/layout.yml).
CREDIT_ROLES = {
    "记者": ("author",), "本报记者": ("author",), "作者": ("author",), "文": ("author",), "": ("author",),
    "文/图": ("author", "photographer"), "图/文": ("author", "photographer"), "摄影": ("photographer",),
    "图": ("photographer",), "摄": ("photographer",), "通讯员": ("correspondent",), "本报通讯员": ("correspondent",),
    "实习生": ("intern",), "特约记者": ("special_correspondent",),
}
SCORED_ROLES = {"author", "correspondent", "intern", "special_correspondent", "photographer"}
ETHNIC = ("蒙古族|维吾尔|哈萨克|柯尔克孜|塔吉克|锡伯|达斡尔|鄂温克|鄂伦春|土家族|仡佬族|布依族|哈尼族|傈僳族|纳西族|"
          "景颇族|朝鲜族|彝族|藏族|回族|壮族|苗族|侗族|瑶族|羌族|傣族|白族|满族|黎族|畲族|水族|土族|撒拉族|保安族|东乡族|裕固族|"
          "拉祜族|佤族|怒族|独龙族|普米族|阿昌族|德昂族|基诺族|布朗族|仫佬族|毛南族|京族")
PLACE_ENDING = re.compile(rf"(?:(?:{ETHNIC})+)?自治[区州县旗]$|特别行政区$|特区$|地区$|[省市县区盟旗州]$")


def place_key(name: str) -> str:
    """A place's name without its ending (成都市 -> 成都, 凉山彝族自治州 -> 凉山); two characters at least."""
    name = "".join(name.split())
    short = PLACE_ENDING.sub("", name)
    return short if len(short) >= 2 else name


def person_key(name: str) -> str:
    return "".join(name.split())


# --- gold -----------------------------------------------------------------------------------------------


def _by_id(paths) -> dict[str, dict]:
    """The rows of JSON-lines files, by their `id`."""
    out = {}
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    out[row["id"]] = row
    return out


def load_gold(path: Path = GOLD) -> dict[str, dict]:
    return _by_id([path])


def load_texts(folder: Path = TEXTS) -> dict[str, dict]:
    return _by_id(sorted(folder.glob("*.jsonl")))


def _forms(item: dict) -> list[str]:
    printed = item.get("printed") or []
    if isinstance(printed, str):
        printed = [printed]
    return [item["name"]] + [p for p in printed if p != item["name"]]


@dataclass
class Expected:
    """What one printed article should yield."""

    people: dict[str, bool] = field(default_factory=dict)  # name -> foreign
    credits: set[tuple[str, str]] = field(default_factory=set)
    institutions: list[tuple[str, set[str]]] = field(default_factory=list)  # (name, printed forms)
    places: list[tuple[str, set[str]]] = field(default_factory=list)  # (name, keys of its printed forms)


def expected(article: dict, ann: dict) -> Expected:
    """The gold of one printed article: the annotated entities that its printed text shows, and its credits."""
    shown = "".join(norm(x) or "" for x in [article.get("kicker"), article.get("title"), article.get("subtitle")]
                    + list(article.get("paragraphs") or []))
    e = Expected()
    for p in ann.get("people", []):
        if any(person_key(f) in shown for f in _forms(p)):  # named in the printed text (a credit or not)
            e.people[person_key(p["name"])] = bool(p.get("foreign"))
            if p.get("role") == "photographer":  # a photo credit printed in a paragraph (见图，X摄)
                e.credits.add((person_key(p["name"]), "photographer"))
    for a in article.get("authors") or []:
        name = person_key(a["name"])
        e.people.setdefault(name, False)
        for role in CREDIT_ROLES.get(a.get("role") or "", ("author",)):
            e.credits.add((name, role))
    # A name inside a longer institution's name is no mention of its own (entities/README.md): 全国人民代表大会 in
    # 全国人民代表大会常务委员会, 贵州省 in 贵州省委, 合肥 in 合肥公安. Each item is looked for in the shown text with
    # the other institutions' own names that hold it masked (a form that is a place before another of the same
    # institution's forms, 安徽 + 合肥公安, is no own name: the place before it counts).
    own = [_own_forms(i) for i in ann.get("institutions", [])]
    for k, i in enumerate(ann.get("institutions", [])):
        forms = {person_key(f) for f in _forms(i)}
        holders = {f for j, fs in enumerate(own) if j != k for f in fs if any(g in f and g != f for g in forms)}
        if any(f in _masked(shown, holders) for f in forms):
            e.institutions.append((i["name"], forms))
    for pl in ann.get("places", []):
        forms = [person_key(f) for f in _forms(pl)]
        holders = {f for fs in own for f in fs if any(g in f and g != f for g in forms)}
        if any(f in _masked(shown, holders) for f in forms):
            e.places.append((pl["name"], {place_key(f) for f in forms}))
    return e


def _own_forms(item: dict) -> set[str]:
    """An institution's printed forms but those that are another of its forms with a place before it."""
    forms = {person_key(f) for f in _forms(item)}
    return {f for f in forms if not any(f != g and f.endswith(g) for g in forms)}


def _masked(text: str, names: set[str]) -> str:
    """The text with every occurrence of these names (longest first) blotted out."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "\0" * len(name))
    return text


# --- predictions ----------------------------------------------------------------------------------------


@dataclass
class Found:
    """What the parser found in one article (or in the articles assigned to one gold article)."""

    people: set[str] = field(default_factory=set)
    credits: set[tuple[str, str]] = field(default_factory=set)
    institutions: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    def update(self, other: "Found") -> None:
        self.people |= other.people
        self.credits |= other.credits
        self.institutions |= other.institutions
        self.places |= other.places

    def size(self) -> int:
        return len(self.people) + len(self.institutions) + len(self.places)


def found_in(page) -> dict[int, Found]:
    """Per article seq: the people (credits of any role), institutions and places the parser gave it."""
    out: dict[int, Found] = {a.seq: Found() for a in page.articles}
    for a in page.articles:
        for c in a.credits:
            out[a.seq].people.add(person_key(c.name))
            if c.role in SCORED_ROLES:
                out[a.seq].credits.add((person_key(c.name), c.role))
    for m in getattr(page, "institution_mentions", []) or []:
        if m.article_seq in out:
            out[m.article_seq].institutions.add(person_key(m.printed))
    for m in getattr(page, "place_mentions", []) or []:
        if m.article_seq in out:
            out[m.article_seq].places.add(person_key(m.printed))
    return out


def assign(gold_articles: list[dict], page) -> tuple[dict[int, list[int]], list[int]]:
    """gold index -> predicted article seqs (the one-to-one match first, then fragments); and the seqs of
    predicted articles assigned to no gold article."""
    gold_bodies = [norm("".join(a.get("paragraphs") or [])) or "" for a in gold_articles]
    pred_bodies = [norm(a.body) or "" for a in page.articles]
    out: dict[int, list[int]] = defaultdict(list)
    used = set()
    for gi, pi, _ in match(gold_bodies, pred_bodies):
        out[gi].append(page.articles[pi].seq)
        used.add(pi)
    unassigned = []
    for pi, body in enumerate(pred_bodies):
        if pi in used:
            continue
        best, best_gi = 0, None
        for gi, gb in enumerate(gold_bodies):
            o = overlap(gb, body)
            if o > best:
                best, best_gi = o, gi
        if best_gi is not None and body and best >= 0.5 * len(body):
            out[best_gi].append(page.articles[pi].seq)
        else:
            unassigned.append(page.articles[pi].seq)
    return out, unassigned


# --- comparison -----------------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Tally") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)


def _grouped(gold: list[tuple[str, set[str]]], predicted: set[str]) -> tuple[Tally, list[str], list[str]]:
    """Gold items with several acceptable forms against predicted strings (already keyed)."""
    t = Tally()
    misses = []
    for name, forms in gold:
        if forms & predicted:
            t.tp += 1
        else:
            t.fn += 1
            misses.append(name)
    accepted = set().union(*(forms for _, forms in gold)) if gold else set()
    extra = sorted(p for p in predicted if p not in accepted)
    t.fp = len(extra)
    return t, misses, extra


def compare(e: Expected, f: Found) -> dict[str, tuple[Tally, list[str], list[str]]]:
    """type -> (tally, false negatives, false positives)."""
    out = {}
    gold_people = set(e.people)
    fn = sorted(gold_people - f.people)
    fp = sorted(f.people - gold_people)
    out["people"] = (Tally(len(gold_people & f.people), len(fp), len(fn)), fn, fp)
    chinese = {n for n, foreign in e.people.items() if not foreign}
    foreign = gold_people - chinese
    pred = f.people - foreign
    out["people, Chinese names"] = (Tally(len(chinese & pred), len(pred - chinese), len(chinese - pred)),
                                    sorted(chinese - pred), sorted(pred - chinese))
    out["credits (name, role)"] = (Tally(len(e.credits & f.credits), len(f.credits - e.credits), len(e.credits - f.credits)),
                                   sorted(f"{n}/{r}" for n, r in e.credits - f.credits),
                                   sorted(f"{n}/{r}" for n, r in f.credits - e.credits))
    out["institutions"] = _grouped(e.institutions, f.institutions)
    tally, misses, _ = _grouped(e.places, {place_key(p) for p in f.places})
    accepted = set().union(*(forms for _, forms in e.places)) if e.places else set()
    extra = sorted(p for p in f.places if place_key(p) not in accepted)
    tally.fp = len({place_key(p) for p in extra})
    out["places"] = (tally, misses, extra)
    return out


# --- running --------------------------------------------------------------------------------------------


@dataclass
class Env:
    know: object
    gazetteer: object
    listed: frozenset


def build_env() -> Env:
    """Knowledge, gazetteer and MoE list as a build loads them (pipeline._init_worker), or as close as the
    code allows."""
    from sichuan_edu.knowledge import load_knowledge

    know = load_knowledge()
    try:
        from sichuan_edu import pipeline

        pipeline._init_worker(str(know.directory))
        w = pipeline._WORKER
        return Env(w["know"], w.get("gaz"), w.get("listed", frozenset()))
    except Exception:  # noqa: BLE001 -- a changed pipeline: fall back to the parts
        gaz = None
        try:
            from sichuan_edu.places import load_gazetteer

            gaz = load_gazetteer()
        except Exception:  # noqa: BLE001
            pass
        return Env(know, gaz, frozenset())


def parse(env: Env, file: str, raw: bytes, row: dict | None = None):
    row = row or {}
    return parse_page(file, raw, env.know, None, None, env.gazetteer, env.listed, paper=row.get("paper") or None)


@dataclass
class Result:
    """Per type: the tally; and per (page, text): the misses."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in TYPES})
    misses: list[tuple[str, str, dict]] = field(default_factory=list)  # (page, text id, type -> (fn, fp))
    articles: int = 0  # annotated gold articles scored
    unscored: int = 0  # mentions in predicted articles assigned to no gold article
    layout_exact: int = 0  # oracle only: one-article pages read exactly (title and body)

    def record(self, page_id: str, text_id: str, e: Expected, f: Found) -> None:
        self.articles += 1
        rows = compare(e, f)
        for t, (tally, fn, fp) in rows.items():
            self.tallies[t].add(tally)
        self.misses.append((page_id, text_id, {t: (fn, fp) for t, (_, fn, fp) in rows.items() if fn or fp}))


def score_pages(env: Env, pages, gold: dict[str, dict]) -> Result:
    """pages: (page id, gold page, parsed page)."""
    res = Result()
    for page_id, gold_page, page in pages:
        arts = gold_page["articles"]
        found = found_in(page)
        assigned, unassigned = assign(arts, page)
        res.unscored += sum(found[s].size() for s in unassigned)
        for gi, art in enumerate(arts):
            if art["id"] not in gold:
                continue
            f = Found()
            for seq in assigned.get(gi, []):
                f.update(found[seq])
            res.record(page_id, art["id"], expected(art, gold[art["id"]]), f)
    return res


def score_extractor(env: Env, extractor: str, gold: dict[str, dict], data: Path = DATA) -> Result:
    pages = []
    for file, raw, row, gold_page in corpus_pages(extractor, data):
        pages.append((gold_page["page"], gold_page, parse(env, file, raw, row)))
    return score_pages(env, pages, gold)


def gold_pages(data: Path = DATA):
    for path in sorted((data / "gold").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8"))


def score_oracle(env: Env, gold: dict[str, dict], data: Path = DATA) -> Result:
    """Every annotated article of every gold page, alone on a page in the seed's conventions."""
    from handset import render_handset

    pages = []
    exact = 0
    for gold_page in gold_pages(data):
        for i, art in enumerate(gold_page["articles"]):
            if art["id"] not in gold:
                continue
            one = {"page": gold_page["page"], "kind": gold_page.get("kind"), "furniture": [],
                   "headline_order": {"handset": "after"}, "articles": [dict(art, captions=[])], "photo_captions": []}
            text = render_handset(one, random.Random(f"{gold_page['page']}-{i}"))
            page = parse(env, f"{gold_page['page']}-{i}.txt", text.encode("utf-8"))
            if len(page.articles) == 1 and norm(page.articles[0].title) == norm(art.get("title")) and \
                    norm(page.articles[0].body) == norm("".join(art.get("paragraphs") or [])):
                exact += 1
            pages.append((f"{gold_page['page']}#{i}", one, page))
    res = score_pages(env, pages, gold)
    res.layout_exact = exact
    return res


def _fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"


def table(results: dict[str, Result]) -> str:
    lines = ["| extractor | type | gold | predicted | right | precision | recall | F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for ex, res in results.items():
        for t in TYPES:
            s = res.tallies[t]
            lines.append(f"| {ex} | {t} | {s.tp + s.fn} | {s.tp + s.fp} | {s.tp} | {_fmt(s.precision)} | "
                         f"{_fmt(s.recall)} | {_fmt(s.f1)} |")
    notes = []
    for ex, res in results.items():
        note = f"{ex}: {res.articles} annotated articles scored, {res.unscored} mentions in unmatched articles"
        if ex == "oracle":
            note += f"; oracle layout: {res.layout_exact}/{res.articles} one-article pages read exactly"
        notes.append(note)
    return "\n".join(lines) + "\n\n" + "\n".join(notes) + "\n"


def run(extractors=EXTRACTORS, oracle: bool = True, gold: dict | None = None) -> dict[str, Result]:
    gold = gold if gold is not None else load_gold()
    env = build_env()
    results = {ex: score_extractor(env, ex, gold) for ex in extractors if (DATA / "pages" / ex).exists()}
    if oracle:
        results["oracle"] = score_oracle(env, gold)
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="false negatives and positives per page and text")
    parser.add_argument("--summary", action="store_true", help="the most frequent misses over all pages")
    parser.add_argument("--extractor", action="append")
    parser.add_argument("--no-oracle", action="store_true")
    args = parser.parse_args()
    results = run(args.extractor or EXTRACTORS, not args.no_oracle)
    print(table(results))
    if args.misses:
        for ex, res in results.items():
            for page_id, text_id, rows in res.misses:
                for t, (fn, fp) in rows.items():
                    if t == "people, Chinese names":
                        continue
                    print(f"{ex} {page_id} {text_id} {t}: missed {fn} | wrong {fp}")
    if args.summary:
        for t in ("people", "credits (name, role)", "institutions", "places"):
            fn, fp = Counter(), Counter()
            for res in results.values():
                for _, _, rows in res.misses:
                    if t in rows:
                        fn.update(rows[t][0])
                        fp.update(rows[t][1])
            print(f"\n{t}: most often missed: " + ", ".join(f"{k} ×{n}" for k, n in fn.most_common(40)))
            print(f"{t}: most often wrong: " + ", ".join(f"{k} ×{n}" for k, n in fp.most_common(40)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

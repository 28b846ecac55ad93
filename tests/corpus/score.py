"""Scoring of parsed pages against the corpus gold (tests/corpus/FORMAT.md, "Scores").

Pure Python, standard library only, no project imports.

    score_page(gold, predicted) -> dict of raw counts for one page (+ a list of mismatches for debugging)
    aggregate(scores)           -> dict of rates over many pages
    format_table(rows)          -> a markdown table, one row per group (e.g. per extractor, per page kind)

`gold` is a gold page dict (FORMAT.md, "gold/<page>.json"). `predicted` is what a parser made of the page:

    {"articles": [{"kicker", "title", "subtitle", "source_line", "body", "captions": [...]}, ...],
     "residue_chars": int,   # characters the parser left in residue
     "page_chars": int}      # non-blank characters of the page

with body = the article's paragraphs joined with "\\n".

Rules (FORMAT.md):
- Whitespace is removed before every comparison (str.split(), which includes U+3000). An empty string and
  None both mean "absent"; absent == absent counts as exact.
- Overlap of two bodies = the summed size of difflib.SequenceMatcher(None, a, b, autojunk=False)
  .get_matching_blocks() -- a common subsequence found by recursive longest-common-substring, i.e. a lower
  bound of the true LCS that equals it on the cases that matter here (same text, split, merged, truncated or
  shuffled blocks of a text). It is only computed for pairs that can still be chosen: pairs are taken in
  decreasing order of an upper bound (the size of the multiset intersection of their characters) and an
  exact overlap replaces the bound lazily, so the greedy matching is exactly "greedy by overlap" while most
  unrelated pairs are never compared.
- Predicted articles are matched one-to-one to gold articles greedily by overlap (largest first, ties by
  gold order then predicted order); pairs with no overlap are never matched. A gold article with an empty
  body (none should exist) is then matched to a still unmatched predicted article with the same title.
- found: gold articles whose matched prediction holds >= 50% of the gold body's characters (overlap /
  gold body chars >= 0.5; an empty-body gold article matched by title counts as found).
- titles/kickers/subtitles/source lines exact: the matched prediction's field equals the gold field; the
  denominator is the number of gold articles, so an unmatched gold article counts as not exact.
- bodies exact: "".join(paragraphs) equals the predicted body (whitespace removed), matched articles only,
  denominator the gold articles.
- body precision = sum overlap / sum predicted body chars (all predicted articles, matched or not);
  recall = sum overlap / sum gold body chars; F1 their harmonic mean.
- residue rate = sum residue_chars / sum page_chars.
"""

from __future__ import annotations

import heapq
from collections import Counter
from difflib import SequenceMatcher

FIELDS = ("title", "kicker", "subtitle", "source_line")
_EXACT_KEYS = {"title": "titles_exact", "kicker": "kickers_exact", "subtitle": "subtitles_exact",
               "source_line": "source_lines_exact"}
# Raw counts score_page returns (and aggregate sums).
COUNT_KEYS = ("pages", "gold_articles", "predicted_articles", "found", "titles_exact", "kickers_exact",
              "subtitles_exact", "source_lines_exact", "bodies_exact", "body_lcs", "gold_body_chars",
              "predicted_body_chars", "residue_chars", "page_chars")
RATE_KEYS = ("articles_found", "titles_exact", "kickers_exact", "subtitles_exact", "source_lines_exact",
             "bodies_exact", "body_precision", "body_recall", "body_f1", "residue_rate")


def norm(text) -> str | None:
    """Whitespace removed; None for None or an all-whitespace string."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    out = "".join(text.split())
    return out or None


def overlap(a: str, b: str) -> int:
    """Size of a common subsequence of a and b (SequenceMatcher matching blocks, see module doc)."""
    if not a or not b:
        return 0
    if a == b:
        return len(a)
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def _gold_body(article: dict) -> str:
    return norm("".join(article.get("paragraphs") or [])) or ""


def _pred_body(article: dict) -> str:
    body = article.get("body")
    if isinstance(body, list):
        body = "\n".join(body)
    return norm(body) or ""


def match(gold_bodies: list[str], pred_bodies: list[str]) -> list[tuple[int, int, int]]:
    """One-to-one greedy matching by overlap: [(gold index, predicted index, overlap)], overlap > 0."""
    bags_g = [Counter(s) for s in gold_bodies]
    bags_p = [Counter(s) for s in pred_bodies]
    # entries: (-value, gold index, predicted index, exact?) -- value is a bound until exact is True
    heap: list[tuple[int, int, int, bool]] = []
    for gi, bg in enumerate(bags_g):
        if not bg:
            continue
        for pi, bp in enumerate(bags_p):
            if not bp:
                continue
            small, big = (bg, bp) if len(bg) <= len(bp) else (bp, bg)
            bound = sum(min(n, big[ch]) for ch, n in small.items() if ch in big)
            if bound:
                heap.append((-bound, gi, pi, False))
    heapq.heapify(heap)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int, int]] = []
    while heap:
        neg, gi, pi, exact = heapq.heappop(heap)
        if gi in used_g or pi in used_p:
            continue
        if not exact:
            value = overlap(gold_bodies[gi], pred_bodies[pi])
            if value:
                heapq.heappush(heap, (-value, gi, pi, True))
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, -neg))
    return out


def score_page(gold: dict, predicted: dict) -> dict:
    """Raw counts for one page; see the module doc for the rules."""
    g_arts = list(gold.get("articles") or [])
    p_arts = list(predicted.get("articles") or [])
    g_bodies = [_gold_body(a) for a in g_arts]
    p_bodies = [_pred_body(a) for a in p_arts]

    pairs = {gi: (pi, ov) for gi, pi, ov in match(g_bodies, p_bodies)}
    used_p = {pi for pi, _ in pairs.values()}
    for gi, art in enumerate(g_arts):  # empty-body gold articles: matched by title
        if g_bodies[gi] or gi in pairs:
            continue
        title = norm(art.get("title"))
        for pi, pa in enumerate(p_arts):
            if pi not in used_p and norm(pa.get("title")) == title:
                pairs[gi] = (pi, 0)
                used_p.add(pi)
                break

    counts = {k: 0 for k in COUNT_KEYS}
    counts["pages"] = 1
    counts["gold_articles"] = len(g_arts)
    counts["predicted_articles"] = len(p_arts)
    counts["gold_body_chars"] = sum(len(b) for b in g_bodies)
    counts["predicted_body_chars"] = sum(len(b) for b in p_bodies)
    counts["residue_chars"] = int(predicted.get("residue_chars") or 0)
    counts["page_chars"] = int(predicted.get("page_chars") or 0)
    mismatches: list[dict] = []

    for gi, art in enumerate(g_arts):
        gid = art.get("id")
        if gi not in pairs:
            mismatches.append({"gold_index": gi, "id": gid, "predicted_index": None, "field": "article",
                               "gold": art.get("title"), "predicted": None})
            continue
        pi, ov = pairs[gi]
        pa = p_arts[pi]
        counts["body_lcs"] += ov
        gold_len = len(g_bodies[gi])
        if gold_len == 0 or ov / gold_len >= 0.5:
            counts["found"] += 1
        else:
            mismatches.append({"gold_index": gi, "id": gid, "predicted_index": pi, "field": "found",
                               "gold": gold_len, "predicted": ov})
        for field in FIELDS:
            gv, pv = norm(art.get(field)), norm(pa.get(field))
            if gv == pv:
                counts[_EXACT_KEYS[field]] += 1
            else:
                mismatches.append({"gold_index": gi, "id": gid, "predicted_index": pi, "field": field,
                                   "gold": art.get(field), "predicted": pa.get(field)})
        if g_bodies[gi] == p_bodies[pi]:
            counts["bodies_exact"] += 1
        else:
            mismatches.append({"gold_index": gi, "id": gid, "predicted_index": pi, "field": "body",
                               "gold": _diff_hint(g_bodies[gi], p_bodies[pi]),
                               "predicted": f"overlap {ov} of gold {gold_len}, predicted {len(p_bodies[pi])}"})
    for pi, pa in enumerate(p_arts):
        if pi not in used_p:
            mismatches.append({"gold_index": None, "id": None, "predicted_index": pi, "field": "extra",
                               "gold": None, "predicted": pa.get("title") or p_bodies[pi][:30]})
    counts["mismatches"] = mismatches
    return counts


def _diff_hint(a: str, b: str, context: int = 12) -> str:
    """Where two bodies first differ, for debugging: '…gold|predicted…'."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return f"first difference at {n}: gold …{a[max(0, n - context):n + context]}… vs predicted …" \
           f"{b[max(0, n - context):n + context]}…"


def _rate(num: float, den: float) -> float | None:
    return num / den if den else None


def aggregate(scores: list[dict]) -> dict:
    """Rates over pages (sums of counts, then ratios; None when a denominator is 0), plus the summed counts."""
    tot = {k: 0 for k in COUNT_KEYS}
    for s in scores:
        for k in COUNT_KEYS:
            tot[k] += s.get(k, 0) or 0
    ga = tot["gold_articles"]
    out = dict(tot)
    out["articles_found"] = _rate(tot["found"], ga)
    for key in ("titles_exact", "kickers_exact", "subtitles_exact", "source_lines_exact", "bodies_exact"):
        out[key] = _rate(tot[key], ga)
    p = _rate(tot["body_lcs"], tot["predicted_body_chars"])
    r = _rate(tot["body_lcs"], tot["gold_body_chars"])
    out["body_precision"] = p
    out["body_recall"] = r
    out["body_f1"] = (2 * p * r / (p + r) if (p + r) else 0.0) if p is not None and r is not None else None
    out["residue_rate"] = _rate(tot["residue_chars"], tot["page_chars"])
    # Keep the raw sums under their own names where they collide with rate names.
    for key in ("titles_exact", "kickers_exact", "subtitles_exact", "source_lines_exact", "bodies_exact"):
        out[key + "_count"] = tot[key]
    return out


_COLUMNS = (("pages", "pages", "int"), ("gold", "gold_articles", "int"), ("pred", "predicted_articles", "int"),
            ("found", "articles_found", "rate"), ("titles", "titles_exact", "rate"),
            ("kickers", "kickers_exact", "rate"), ("subtitles", "subtitles_exact", "rate"),
            ("sources", "source_lines_exact", "rate"), ("bodies", "bodies_exact", "rate"),
            ("body P", "body_precision", "rate"), ("body R", "body_recall", "rate"),
            ("body F1", "body_f1", "rate"), ("residue", "residue_rate", "rate"))


def format_table(rows: dict[str, dict]) -> str:
    """Markdown table, one row per group; values are `aggregate` outputs (rates shown as 0.000, None as —)."""
    head = "| group | " + " | ".join(c[0] for c in _COLUMNS) + " |"
    sep = "|---|" + "|".join("---:" for _ in _COLUMNS) + "|"
    lines = [head, sep]
    for name, agg in rows.items():
        cells = []
        for _, key, kind in _COLUMNS:
            v = agg.get(key)
            if v is None:
                cells.append("—")
            elif kind == "int":
                cells.append(str(int(v)))
            else:
                cells.append(f"{v:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"

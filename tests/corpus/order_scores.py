"""Score the reading-order stage alone: of the pairs of body lines that follow each other once the page is
reordered, how many read on as the gold prints them (within a paragraph, or one paragraph's end and the
next one's start).

    .venv/bin/python tests/corpus/order_scores.py            # per corpus and extractor
    .venv/bin/python tests/corpus/order_scores.py --pages    # and the pages below 95%
    .venv/bin/python tests/corpus/order_scores.py --data DIR # pages made by independent/gen.py --out DIR
    .venv/bin/python tests/corpus/order_scores.py --strict   # a paragraph's end counts only before the next
                                                             # paragraph of its own article, in the gold's order

Lines shorter than four characters, and lines not in any gold body (headlines, furniture), are left out:
they cannot be placed by their text.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from sichuan_edu.knowledge import Knowledge, load_knowledge
from sichuan_edu.lines import line_pieces
from sichuan_edu.order import chain_blocks, reading_order
from sichuan_edu.pages import split_lines

HERE = Path(__file__).resolve().parent
CORPORA = {"corpus": (HERE, ("pdftotext", "pdfium", "handset")),
           "independent": (HERE / "independent", ("pdftotext", "pdftotext-raw", "pdfminer"))}
SPACE = re.compile(r"\s+")


def page_order(path: Path, gold: dict, know: Knowledge, strict: bool = False) -> tuple[int, int]:
    """(pairs that read on, pairs scored) for one page."""
    paragraphs = [SPACE.sub("", p) for a in gold["articles"] for p in a["paragraphs"]]
    text = "|".join(paragraphs)
    articles = "|".join("".join(SPACE.sub("", p) for p in a["paragraphs"]) for a in gold["articles"])
    pieces = line_pieces(split_lines(path.read_text(encoding="utf-8")))
    lines = [p.compact for p in chain_blocks(reading_order(pieces, know), know)]
    right = total = 0
    for a, b in zip(lines, lines[1:]):
        if len(a) < 4 or len(b) < 4 or a not in text or b not in text:
            continue
        total += 1
        if a + b in text or (a + b in articles if strict else
                             any(p.endswith(a) for p in paragraphs) and any(p.startswith(b) for p in paragraphs)):
            right += 1
    return right, total


def scores(corpus: str, know: Knowledge, corpora: dict = CORPORA,
           strict: bool = False) -> dict[str, dict[str, tuple[int, int]]]:
    """extractor -> page -> (right, total)."""
    root, extractors = corpora[corpus]
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for extractor in extractors:
        out[extractor] = {}
        for path in sorted((root / "pages" / extractor).glob("*.txt")):
            gold = json.loads((root / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
            out[extractor][path.stem] = page_order(path, gold, know, strict)
    return out


def rate(pages: dict[str, tuple[int, int]]) -> float:
    return sum(r for r, _ in pages.values()) / max(1, sum(t for _, t in pages.values()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", action="store_true")
    parser.add_argument("--data", type=Path, help="a folder with pages/ and gold/ as independent/gen.py writes")
    parser.add_argument("--strict", action="store_true", help="paragraph ends only before their article's next")
    args = parser.parse_args()
    know = load_knowledge()
    corpora = {"data": (args.data, CORPORA["independent"][1])} if args.data else CORPORA
    print("| corpus | extractor | line pairs in order |\n|---|---|---:|")
    for corpus in corpora:
        for extractor, pages in scores(corpus, know, corpora, args.strict).items():
            print(f"| {corpus} | {extractor} | {rate(pages):.3f} |")
            if args.pages:
                for page, (r, t) in pages.items():
                    if t and r / t < 0.95:
                        print(f"|  | {page} | {r / t:.3f} |")


if __name__ == "__main__":
    main()

"""One page, line by line: where each stretch of text went (role and row), to see why a page parsed as it did.

    python -m sichuan_edu explain seeds/000_c7edaf26723f02d6.txt [--paper 四川教育报]
"""
from __future__ import annotations

from .parse import ParsedPage

REF_MARK = {"article": "a", "case": "c", "caption": "p", "table": "t", "residue": "r", "page": ""}


def explain(page: ParsedPage) -> str:
    """A listing of the page: for each line with text, its stretches as `kind ref` and the text."""
    lines = page.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spans: dict[int, list[tuple[int, str]]] = {}
    for s in page.segments:
        for no in range(s.line_no, s.last_line + 1):
            start = s.col_start if no == s.line_no else 0
            if lines[no - 1][start:].strip():
                label = f"{s.kind} {REF_MARK.get(s.ref, s.ref)}{s.ref_seq if s.ref != 'page' else ''}".strip()
                spans.setdefault(no, []).append((start, label))
    titles = {a.seq: a.title or "(no headline)" for a in page.articles}
    out = [f"{page.file}: {len(page.articles)} articles, headlines {page.headline_order} their bodies"]
    out += [f"  a{seq}: {title}" for seq, title in titles.items()]
    for no, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        labels = " + ".join(label for _, label in sorted(spans.get(no, []))) or "(nowhere)"
        out.append(f"{no:5d}  {labels:<28} {text.strip()}")
    out += [f"warning: {page.file}:{line}: {message}" for line, message in page.warnings]
    return "\n".join(out)

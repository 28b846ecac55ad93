"""Search text: Chinese indexed as overlapping character pairs, so the standard FTS5 tokenizer works.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token. We index each run as
its overlapping bigrams (产教融合 -> 产教 教融 融合), the approach of Lucene's CJK analyzer; any
client with plain FTS5 can then search by turning a query into a phrase of the same bigrams.
"""
from __future__ import annotations

import re

RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")


def index_text(text: str | None) -> str:
    """The text as the FTS index stores it: CJK bigrams, lone CJK characters and Latin/digit words."""
    if not text:
        return ""
    tokens = []
    for run in RUN.findall(text):
        if run[0].isascii():
            tokens.append(run.lower())
        elif len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return " ".join(tokens)

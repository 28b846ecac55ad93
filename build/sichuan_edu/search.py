"""Search text: every text indexed as overlapping character pairs, so the standard FTS5 tokenizer works.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token, so `就业` would only
match a row whose whole run is 就业. We index the text (whitespace removed) as its overlapping
character bigrams, the approach of Lucene's CJK analyzer: 产教融合 -> `产教 教融 融合`, plus the last
character alone. A query term becomes a phrase of the same bigrams, which matches exactly where the
term is a substring; a one-character term becomes a prefix query (`省*`). Any SQLite client with plain
FTS5 can search this way; `match_expression` is that translation, and our plugin exposes it in SQL.
"""
from __future__ import annotations

import re

SPACE = re.compile(r"\s+")


def _chars(text: str) -> str:
    return SPACE.sub("", text).lower()


def index_text(text: str | None) -> str:
    """The text as the FTS index stores it: overlapping bigrams, then the last character."""
    if not text:
        return ""
    chars = _chars(text)
    if not chars:
        return ""
    return " ".join([chars[i : i + 2] for i in range(len(chars) - 1)] + [chars[-1]])


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def term_expression(term: str) -> str | None:
    """FTS5 expression for one query term: a bigram phrase, or a prefix query for one character."""
    chars = _chars(term)
    if not chars:
        return None
    if len(chars) == 1:
        return _quote(chars) + "*"
    return _quote(" ".join(chars[i : i + 2] for i in range(len(chars) - 1)))


def match_expression(query: str | None) -> str:
    """A user's query -> FTS5 MATCH expression. Space-separated terms must all occur."""
    terms = [t for t in (term_expression(t) for t in SPACE.split(query or "")) if t]
    # An empty query matches nothing rather than raising a syntax error.
    return " AND ".join(terms) if terms else '""'


def snippet(text: str | None, query: str | None, width: int = 30) -> str:
    """Text around the first place a query term occurs, the term marked 【like this】 (whitespace in the
    stored text is ignored when looking, as in the index)."""
    if not text:
        return ""
    terms = [_chars(t) for t in SPACE.split(query or "") if t]
    lowered = text.lower()
    if len(lowered) == len(text):
        # Each term as a pattern with whitespace allowed between its characters: the same first place as
        # searching a whitespace-free copy, without copying a whole article for each row of a result.
        found = (re.search(r"\s*".join(map(re.escape, t)), lowered) for t in terms if t)
        hits = [m.span() for m in found if m]
    else:  # a character whose lower case is longer (İ): map each character's place one by one
        positions = [i for i, c in enumerate(text) if not c.isspace()]
        squashed = "".join(text[i] for i in positions).lower()
        hits = [(positions[at], positions[at + len(t) - 1] + 1)
                for at, t in ((squashed.find(t), t) for t in terms if t) if at >= 0]
    if not hits:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start, end = min(hits)
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:start] + "【" + text[start:end] + "】" + text[end:right] + ("…" if right < len(text) else "")


def search_terms(query: str | None) -> list[str]:
    """A user's query as the terms the index sees: split at spaces, whitespace-free, lower case, each once."""
    terms = [_chars(t) for t in SPACE.split(query or "")]
    return list(dict.fromkeys(t for t in terms if t))

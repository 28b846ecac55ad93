"""How to cite an article: a GB/T 7714-2015 reference, BibTeX and RIS, from what the page prints.

GB/T 7714-2015 (4.4, 8.x) writes a newspaper article as
    [N] 主要责任者. 题名[N]. 报纸名, 出版日期(版次).
e.g. `[1] 丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).` Up to three authors are listed,
then `, 等`. An element we do not know (no source line names a writer; the paper, date or page number is
not in the manifest nor printed in the margins) is left out, never guessed. An article printed without a
headline gets a title in square brackets, the cataloguer's mark for a title not taken from the item:
`[无标题：首句…]`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Who wrote the piece: credited writers, in the order the page credits them (photographers are not).
AUTHOR_ROLES = ("author", "special_correspondent", "correspondent", "intern")
MAX_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three, then 等
UNTITLED_WORDS = 20
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Source:
    """What is known about an article, as printed; None where unknown."""
    id: str
    title: str | None
    authors: list[str] = field(default_factory=list)
    paper: str | None = None
    published: str | None = None  # YYYY-MM-DD
    page_no: int | None = None
    first_words: str | None = None  # the start of the body, for an article without a headline
    url: str | None = None


def authors_of(credits: list[tuple[str, str]]) -> list[str]:
    """The writers among (name, role) credits, each once, in order."""
    return list(dict.fromkeys(name for name, role in credits if role in AUTHOR_ROLES))


def title_of(source: Source) -> str:
    """The printed headline (wrapped lines joined by a space are one title), or a supplied one in brackets."""
    if source.title:
        return source.title
    words = " ".join((source.first_words or "").split())
    if not words:
        return "[无标题]"
    return f"[无标题：{words[:UNTITLED_WORDS]}{'…' if len(words) > UNTITLED_WORDS else ''}]"


def missing(source: Source) -> list[str]:
    """The elements of a newspaper reference that are unknown and left out, in the reference's order
    (a missing headline is not among them: the reference supplies one in brackets)."""
    known = {"责任者": source.authors, "报纸名": source.paper, "出版日期": source.published, "版次": source.page_no}
    return [name for name, value in known.items() if not value]


def gbt7714(source: Source, n: int = 1) -> str:
    """The GB/T 7714-2015 reference, numbered [n]."""
    parts = [f"[{n}]"]
    if source.authors:
        names = ", ".join(source.authors[:MAX_AUTHORS]) + (", 等" if len(source.authors) > MAX_AUTHORS else "")
        parts.append(f"{names}.")
    parts.append(f"{title_of(source)}[N].")
    place = source.paper or ""
    if source.published:
        place += (", " if place else "") + source.published
    if source.page_no:
        place += f"({source.page_no})"
    if place:
        parts.append(place + ".")
    return " ".join(parts)


BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_text(text: str) -> str:
    return "".join(BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex_key(article_id: str) -> str:
    return "sichuan_edu_" + re.sub(r"[^A-Za-z0-9]+", "_", article_id).strip("_")


def _note(source: Source) -> str | None:
    unknown = [m for m in missing(source) if m != "责任者"]
    notes = ["版面未印标题"] if not source.title else []
    if unknown:
        notes.append("未知：" + "、".join(unknown))
    return "；".join(notes) or None


def bibtex(source: Source) -> str:
    """A BibTeX @article entry (biblatex's date field, with year and month for BibTeX); unknowns left out."""
    fields = []
    if source.authors:
        # Braced whole: a Chinese name is not "First Last", and BibTeX must not split it.
        fields.append(("author", " and ".join("{" + _bibtex_text(a) + "}" for a in source.authors)))
    fields.append(("title", _bibtex_text(title_of(source))))
    if source.paper:
        fields.append(("journal", _bibtex_text(source.paper)))
    date = DATE.match(source.published or "")
    if date:
        fields += [("date", source.published), ("year", date.group(1)), ("month", str(int(date.group(2))))]
    if source.page_no:
        fields.append(("pages", str(source.page_no)))
    if source.url:
        fields.append(("url", source.url))
    note = _note(source)
    if note:
        fields.append(("note", note))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{bibtex_key(source.id)},\n{body}\n}}"


def ris(source: Source) -> str:
    """An RIS record of type NEWS; unknowns left out."""
    lines = [("TY", "NEWS")] + [("AU", a) for a in source.authors] + [("TI", title_of(source))]
    if source.paper:
        lines.append(("T2", source.paper))
    date = DATE.match(source.published or "")
    if date:
        lines += [("PY", date.group(1)), ("DA", f"{date.group(1)}/{date.group(2)}/{date.group(3)}/")]
    if source.page_no:
        lines.append(("SP", str(source.page_no)))
    if source.url:
        lines.append(("UR", source.url))
    note = _note(source)
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


def citations(source: Source, n: int = 1) -> dict:
    """Every form at once, for the article page."""
    return {"gbt7714": gbt7714(source, n), "bibtex": bibtex(source), "ris": ris(source), "missing": missing(source),
            "untitled": not source.title}

"""Parsed pages -> rows, with sqlite-utils. One add_<thing> function per group of tables."""
from __future__ import annotations

import json

import sqlite_utils

from .documents import find_documents
from .institutions import Resolver, stable_id
from .manifest import Entry
from .parse import ParsedPage, page_id
from .places import SOURCE as GAZETTEER_SOURCE
from .places import Gazetteer


def insert_once(db: sqlite_utils.Database, table: str, row: dict) -> None:
    """Insert a row unless its primary key is already there (people and institutions recur)."""
    cols = ", ".join(f"[{c}]" for c in row)
    marks = ", ".join("?" for _ in row)
    db.execute(f"insert or ignore into [{table}] ({cols}) values ({marks})", list(row.values()))


def article_id(pid: str, seq: int) -> str:
    return f"{pid}-a{seq}"


def add_places(db: sqlite_utils.Database, gaz: Gazetteer) -> None:
    db["cities"].insert_all(
        (
            {"id": c.id, "name": c.name, "adcode": c.adcode, "latitude": c.latitude, "longitude": c.longitude, "source": GAZETTEER_SOURCE}
            for c in gaz.cities
        ),
        pk="id",
    )


def add_county(db: sqlite_utils.Database, gaz: Gazetteer, county_id: int) -> None:
    county = next(k for k in gaz.counties if k.id == county_id)
    insert_once(db, "counties", {"id": county.id, "name": county.name, "adcode": county.adcode,
                                 "city_id": county.city_id, "latitude": county.latitude, "longitude": county.longitude})


def add_page(db: sqlite_utils.Database, parsed: ParsedPage, entry: Entry, resolver: Resolver, gaz: Gazetteer) -> None:
    """All rows of one page."""
    pid = page_id(parsed.file)
    aid = lambda seq: article_id(pid, seq)  # noqa: E731
    db["pages"].insert(
        {
            "id": pid,
            "file": parsed.file,
            "sha256": parsed.sha256,
            "encoding": parsed.encoding,
            "paper": entry.paper,
            "published": entry.published.isoformat() if entry.published else None,
            "page_no": entry.page_no,
            "source": entry.source,
            "content_year": entry.content_year,
            "in_manifest": int(entry.listed),
            "manifest_note": entry.note,
            "line_count": parsed.line_count,
            "article_count": len(parsed.articles),
        },
        pk="id",
    )
    db["articles"].insert_all(
        (
            {
                "id": aid(a.seq),
                "page_id": pid,
                "seq": a.seq,
                "title": a.title,
                "byline": a.byline,
                "agency": a.agency,
                "body": a.body,
                "paragraph_count": len(a.paragraphs),
                "char_count": len(a.body.replace("\n", "")),
                "keywords": json.dumps(a.keywords, ensure_ascii=False),
                "event_dates": json.dumps(sorted({d.iso or d.printed for d in a.dates}), ensure_ascii=False),
                "published": entry.published.isoformat() if entry.published else None,
                "first_line": a.first_line,
                "last_line": a.last_line,
                "body_first_line": a.body_lines[0] if a.body_lines else None,
                "body_last_line": a.body_lines[1] if a.body_lines else None,
                "headline_first_line": a.headline_line_range[0] if a.headline_line_range else None,
                "headline_last_line": a.headline_line_range[1] if a.headline_line_range else None,
                "truncated": int(a.truncated),
            }
            for a in parsed.articles
        ),
        pk="id",
    )
    db["article_dates"].insert_all(
        (
            {"id": f"{aid(a.seq)}-d{i}", "article_id": aid(a.seq), "printed": d.printed, "iso_date": d.iso,
             "year_source": d.year_source, "line_no": d.line_no}
            for a in parsed.articles
            for i, d in enumerate(a.dates, start=1)
        ),
        pk="id",
    )
    for a in parsed.articles:
        for c in a.credits:
            person = stable_id("person", c.name)
            insert_once(db, "people", {"id": person, "name": c.name})
            db["article_people"].insert(
                {"article_id": aid(a.seq), "person_id": person, "role": c.role,
                 "titles": json.dumps(list(c.titles), ensure_ascii=False) if c.titles else None},
                pk=("article_id", "person_id", "role"),
                replace=True,
            )
    for a in parsed.articles:
        for doc in find_documents(a.body):
            did = stable_id("document", doc.title)
            insert_once(db, "documents", {"id": did, "title": doc.title, "issuer": doc.issuer, "number": doc.number})
            insert_once(db, "article_documents", {"article_id": aid(a.seq), "document_id": did})
    for m in parsed.institution_mentions:
        inst = resolver.resolve(m.printed)
        add_institution(db, inst, gaz)
        db["article_institutions"].insert(
            {"article_id": aid(m.article_seq), "institution_id": inst.id, "printed_name": m.printed,
             "mentions": m.count, "first_line": m.line_no},
            pk=("article_id", "institution_id", "printed_name"),
        )
    for m in parsed.place_mentions:
        county = m.place if m.place.id != m.place.city_id else None
        if county:
            add_county(db, gaz, county.id)
        db["article_places"].insert(
            {"article_id": aid(m.article_seq), "city_id": m.place.city_id, "county_id": county.id if county else None,
             "printed_name": m.printed, "mentions": m.count, "first_line": m.line_no},
            pk=("article_id", "printed_name"),
        )
    for tie in parsed.ties:
        inst = resolver.resolve(tie.institution)
        add_institution(db, inst, gaz)
        db["person_institutions"].insert(
            {"person_id": stable_id("person", tie.name), "institution_id": inst.id, "article_id": aid(tie.article_seq),
             "relation": tie.relation},
            pk=("person_id", "institution_id", "article_id"), replace=True,
        )
    db["page_tables"].insert_all(
        (
            {"id": f"{pid}-t{t.seq}", "page_id": pid, "article_id": aid(t.article_seq), "seq": t.seq, "title": t.title,
             "declared_rows": t.declared_rows, "headers": json.dumps(t.headers, ensure_ascii=False),
             "first_line": t.first_line, "last_line": t.last_line}
            for t in parsed.tables
        ),
        pk="id",
    )
    for case in parsed.cases:
        cid = f"{pid}-c{case.seq:02d}"
        db["cases"].insert(
            {"id": cid, "page_id": pid, "article_id": aid(case.article_seq), "table_id": f"{pid}-t{case.table_seq}",
             "seq": case.seq, "title": case.title,
             "units": "、".join(name for name, _ in case.units),
             "category": case.category, "category_inferred": int(case.category_inferred),
             "confidence": case.confidence, "first_line": min(case.lines), "last_line": max(case.lines)},
            pk="id",
        )
        for n, (printed, lines) in enumerate(case.units, start=1):
            inst = resolver.resolve(printed)
            add_institution(db, inst, gaz)
            db["case_institutions"].insert(
                {"case_id": cid, "institution_id": inst.id, "seq": n, "printed_name": printed,
                 "line_no": lines[0], "line_count": len(lines)},
                pk=("case_id", "institution_id"),
            )
    db["captions"].insert_all(
        (
            {"id": f"{pid}-p{c.seq}", "page_id": pid, "article_id": aid(c.article_seq) if c.article_seq else None,
             # The link to an article is inferred from shared words; the page does not print it.
             "article_inferred": 1 if c.article_seq else None, "text": c.text, "line_no": c.line_no}
            for c in parsed.captions
        ),
        pk="id",
    )
    db["residue"].insert_all(
        ({"id": f"{pid}-r{i}", "page_id": pid, "line_no": line, "text": text, "reason": reason}
         for i, (line, text, reason) in enumerate(parsed.residue, start=1)),
        pk="id",
    )
    refs = {
        "article": ("article_id", lambda s: aid(s)),
        "case": ("case_id", lambda s: f"{pid}-c{s:02d}"),
        "caption": ("caption_id", lambda s: f"{pid}-p{s}"),
        "table": ("table_id", lambda s: f"{pid}-t{s}"),
        "residue": ("residue_id", lambda s: f"{pid}-r{s}"),
    }
    db["segments"].insert_all(
        (
            {"id": f"{pid}-{s.line_no}-{s.col_start}", "page_id": pid, "line_no": s.line_no, "col_start": s.col_start,
             "col_end": s.col_end, "kind": s.kind, "text": s.text,
             **{col: (make(s.ref_seq) if s.ref == ref else None) for ref, (col, make) in refs.items()}}
            for s in parsed.segments
        ),
        pk="id",
    )
    add_warnings(db, pid, parsed.file, parsed.warnings)


def add_institution(db: sqlite_utils.Database, inst, gaz: Gazetteer) -> None:
    if inst.county_id:
        add_county(db, gaz, inst.county_id)
    # The map point is the county's where the name gives one, else the city's; NULL when the city is unknown.
    where = next((k for k in gaz.counties if k.id == inst.county_id), None) or (
        gaz.city(inst.city_id) if inst.city_id else None)
    insert_once(db, "institutions", {"id": inst.id, "name": inst.name, "type": inst.type, "city_id": inst.city_id,
                                     "county_id": inst.county_id, "city_source": inst.city_source,
                                     "hei_code": inst.hei_code, "note": inst.note,
                                     "latitude": where.latitude if where else None,
                                     "longitude": where.longitude if where else None})
    for name, kind in inst.aliases:
        insert_once(db, "institution_names", {"name": name, "institution_id": inst.id, "kind": kind})


def add_warnings(db: sqlite_utils.Database, pid: str | None, file: str, warnings) -> None:
    db["build_warnings"].insert_all(
        ({"page_id": pid, "file": file, "line_no": line, "message": message} for line, message in warnings),
    )

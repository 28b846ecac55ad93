"""Parsed pages -> rows -> SQLite.

`page_rows` turns one parsed page into plain rows, table by table (pure, so pages can be turned into
rows in worker processes and cached); `write_rows` inserts them with one executemany per table.
Entity rows (people, institutions, counties, places, documents) recur across pages and are inserted once.
"""
from __future__ import annotations

import json
from collections import defaultdict

import sqlite_utils

from .documents import find_documents
from .institutions import Institution, Resolver, stable_id
from .manifest import Entry
from .parse import ParsedPage, page_id
from .places import SOURCE as GAZETTEER_SOURCE
from .places import SICHUAN, Gazetteer
from .schema import TABLES
from .text import pinyin

# Tables whose rows recur across pages: a repeated primary key is the same fact, not an error.
SHARED = {"people", "institutions", "institution_names", "counties", "places", "documents", "article_documents",
          "article_people", "person_institutions", "case_institutions"}


def article_id(pid: str, seq: int) -> str:
    return f"{pid}-a{seq}"


def city_rows(gaz: Gazetteer) -> dict[str, list[dict]]:
    return {"cities": [
        {"id": c.id, "name": c.name, "adcode": c.adcode, "latitude": c.latitude, "longitude": c.longitude,
         "source": GAZETTEER_SOURCE}
        for c in gaz.cities
    ]}


def write_rows(db: sqlite_utils.Database, rows: dict[str, list[dict]]) -> None:
    """Insert rows table by table, in the schema's column order."""
    for table, items in rows.items():
        if not items:
            continue
        columns = list(TABLES[table][0])
        verb = "insert or ignore" if table in SHARED else "insert"
        sql = f"{verb} into [{table}] ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' for _ in columns)})"
        db.conn.executemany(sql, [[item.get(c) for c in columns] for item in items])


def _county(rows, county) -> None:
    rows["counties"].append({"id": county.id, "name": county.name, "adcode": county.adcode,
                             "city_id": county.city_id, "latitude": county.latitude, "longitude": county.longitude})


def _place(rows, place, gaz: Gazetteer) -> None:
    """A division of anywhere in China that a page names, with the province and prefecture it lies in."""
    province = gaz.by_id.get(place.province_id)
    prefecture = gaz.by_id.get(place.city_id) if place.city_id and place.level == "county" else None
    rows["places"].append({"id": place.id, "name": place.name, "level": place.level,
                           "province": province.name if province and place.level != "province" else None,
                           "prefecture": prefecture.name if prefecture else None,
                           "latitude": place.latitude, "longitude": place.longitude, "source": GAZETTEER_SOURCE})


def _institution(rows, inst: Institution, printed: str, gaz: Gazetteer) -> None:
    county = gaz.county(inst.county_id) if inst.county_id else None
    if county:
        _county(rows, county)
    if inst.place_id:
        _place(rows, gaz.by_id[inst.place_id], gaz)
    # The map point is the county's where the name gives one, else the city's; NULL when the city is unknown.
    where = county or (gaz.city(inst.city_id) if inst.city_id else None)
    rows["institutions"].append({
        "id": inst.id, "name": inst.name, "pinyin": pinyin(inst.name), "type": inst.type, "city_id": inst.city_id, "county_id": inst.county_id,
        "city_source": inst.city_source, "place_id": inst.place_id, "level": inst.level, "hei_code": inst.hei_code,
        "note": inst.note,
        "latitude": where.latitude if where else None, "longitude": where.longitude if where else None,
    })
    for name, kind in inst.aliases:
        rows["institution_names"].append({"name": name, "institution_id": inst.id, "kind": kind})
    if all(printed != name for name, _ in inst.aliases):
        rows["institution_names"].append({"name": printed, "institution_id": inst.id, "kind": "printed"})


def _person(rows, name: str, institution: str | None, resolver: Resolver, gaz: Gazetteer) -> int:
    """The person row for a name, keyed by the institution the article ties them to where it does."""
    if institution is None:
        person = stable_id("person", name)
        rows["people"].append({"id": person, "name": name, "pinyin": pinyin(name), "institution_id": None,
                               "identity": "name"})
        return person
    inst = resolver.resolve(institution)
    _institution(rows, inst, institution, gaz)
    person = stable_id("person", name, inst.name)
    rows["people"].append({"id": person, "name": name, "pinyin": pinyin(name), "institution_id": inst.id,
                           "identity": "name+institution"})
    return person


def merge_people(db, indexed_upto: int = 0) -> None:
    """A name read without an institution is the person of that name tied to one, where the build knows
    exactly one such (identity name+institution, merged); with two or more it stays apart. Idempotent.
    People rows up to `indexed_upto` (an appended build's earlier rows) are in the search index already:
    a merged one leaves it too."""
    from .search import index_text

    pairs = db.execute(
        "select n.id, n.rowid, min(k.id) from people n join people k on k.name = n.name and k.institution_id is not null "
        "where n.institution_id is null group by n.id having count(distinct k.id) = 1").fetchall()
    db.register_function(index_text, deterministic=True, replace=True)
    for old, rowid, new in pairs:
        db.execute("update or ignore article_people set person_id = ? where person_id = ?", [new, old])
        db.execute("delete from article_people where person_id = ?", [old])
        if rowid <= indexed_upto:  # an external-content index forgets a row only when told what it held
            db.execute("insert into people_fts (people_fts, rowid, name, pinyin) select 'delete', rowid, "
                       "index_text(name), index_text(pinyin) from people where id = ?", [old])
        db.execute("delete from people where id = ?", [old])


def page_rows(parsed: ParsedPage, entry: Entry, resolver: Resolver, gaz: Gazetteer) -> dict[str, list[dict]]:
    """Every row one page contributes, by table."""
    rows: dict[str, list[dict]] = defaultdict(list)
    pid = page_id(parsed.file)
    # A person the article ties to an institution (该校学生, …公司的相关负责人) is that institution's person of
    # the name: two 张伟 of different schools are two people.
    tied: dict[tuple[int, str], str] = {}
    for tie in parsed.ties:
        tied.setdefault((tie.article_seq, tie.name), tie.institution)
    aid = lambda seq: article_id(pid, seq)  # noqa: E731
    published = entry.published.isoformat() if entry.published else None
    rows["pages"].append({
        "id": pid, "file": parsed.file, "sha256": parsed.sha256, "encoding": parsed.encoding,
        "paper": entry.paper, "published": published, "page_no": entry.page_no, "source": entry.source,
        "content_year": entry.content_year, "in_manifest": int(entry.listed), "manifest_note": entry.note,
        "line_count": parsed.line_count, "article_count": len(parsed.articles),
        "printed_paper": parsed.furniture.paper, "printed_date": parsed.furniture.date,
        "printed_page_no": parsed.furniture.page_no, "section": parsed.furniture.section,
        "editors": parsed.furniture.editors, "furniture": "\n".join(parsed.furniture.printed) or None,
        "headline_order": parsed.headline_order, "text": parsed.text,
    })
    for what, printed, listed in (("date", parsed.furniture.date, published),
                                  ("page number", parsed.furniture.page_no, entry.page_no),
                                  ("paper", parsed.furniture.paper, entry.paper)):
        if printed and listed and printed != listed:
            rows["build_warnings"].append({"page_id": pid, "file": parsed.file, "line_no": None,
                                           "message": f"the page prints {what} {printed!r}, the manifest says {listed!r}"})
    for a in parsed.articles:
        rows["articles"].append({
            "id": aid(a.seq), "page_id": pid, "seq": a.seq, "title": a.title, "kicker": a.kicker,
            "subtitle": a.subtitle, "byline": a.byline, "agency": a.agency, "body": a.body,
            "subheads": json.dumps(a.subheads, ensure_ascii=False) if a.subheads else None, "ending": a.ending,
            "continued_from": a.continued_from, "continued_to": a.continued_to, "paragraph_count": len(a.paragraphs),
            "char_count": len(a.body.replace("\n", "")),
            "keyword": a.keywords[0] if a.keywords else None,
            "keywords": json.dumps(a.keywords, ensure_ascii=False),
            "event_dates": json.dumps(sorted({d.iso or d.printed for d in a.dates}), ensure_ascii=False),
            "published": published, "first_line": a.first_line, "last_line": a.last_line,
            "body_first_line": a.body_lines[0] if a.body_lines else None,
            "body_last_line": a.body_lines[1] if a.body_lines else None,
            "headline_first_line": a.headline_line_range[0] if a.headline_line_range else None,
            "headline_last_line": a.headline_line_range[1] if a.headline_line_range else None,
            "truncated": int(a.truncated),
        })
        for rank, keyword in enumerate(a.keywords, start=1):  # the keywords as a link table: facets, joins, CSV
            rows["article_keywords"].append({"article_id": aid(a.seq), "rank": rank, "keyword": keyword})
        for i, d in enumerate(a.dates, start=1):
            rows["article_dates"].append({"id": f"{aid(a.seq)}-d{i}", "article_id": aid(a.seq), "printed": d.printed,
                                          "iso_date": d.iso, "year_source": d.year_source, "line_no": d.line_no})
        for c in a.credits:
            person = _person(rows, c.name, tied.get((a.seq, c.name)), resolver, gaz)
            rows["article_people"].append({
                "article_id": aid(a.seq), "person_id": person, "role": c.role,
                "titles": json.dumps(list(c.titles), ensure_ascii=False) if c.titles else None,
            })
        for doc in find_documents(a.body):
            did = stable_id("document", doc.title)
            rows["documents"].append({"id": did, "title": doc.title, "issuer": doc.issuer, "number": doc.number})
            rows["article_documents"].append({"article_id": aid(a.seq), "document_id": did})
    for m in parsed.institution_mentions:
        inst = resolver.resolve(m.name or m.printed)  # a short form by the full name it stands for
        _institution(rows, inst, m.printed, gaz)
        rows["article_institutions"].append({"article_id": aid(m.article_seq), "institution_id": inst.id,
                                             "printed_name": m.printed, "mentions": m.count, "first_line": m.line_no})
    for m in parsed.place_mentions:
        place, candidates = m.place, None
        if place:
            _place(rows, place, gaz)
        else:  # a name several divisions share, and the article does not say which (朝阳区)
            candidates = json.dumps([gaz.full_name(p) for p in gaz.candidates(m.printed)], ensure_ascii=False)
        # The map's cities and counties are Sichuan's: a place elsewhere has a place_id alone.
        sichuan = place is not None and place.adcode.startswith(SICHUAN)
        county = place if sichuan and place.level == "county" else None
        if county:
            _county(rows, county)
        rows["article_places"].append({"article_id": aid(m.article_seq), "place_id": place.id if place else None,
                                       "city_id": place.city_id if sichuan else None,
                                       "county_id": county.id if county else None, "printed_name": m.printed,
                                       "candidates": candidates, "mentions": m.count, "first_line": m.line_no})
    for tie in parsed.ties:
        inst = resolver.resolve(tie.institution)
        _institution(rows, inst, tie.institution, gaz)
        rows["person_institutions"].append({"person_id": stable_id("person", tie.name, inst.name), "institution_id": inst.id,
                                            "article_id": aid(tie.article_seq), "relation": tie.relation})
    for t in parsed.tables:
        rows["page_tables"].append({
            "id": f"{pid}-t{t.seq}", "page_id": pid, "article_id": aid(t.article_seq), "seq": t.seq, "title": t.title,
            "declared_rows": t.declared_rows, "headers": json.dumps(t.headers, ensure_ascii=False),
            "shape": t.shape, "row_count": len(t.rows), "column_count": len(t.column_heads),
            "title_position": ("before" if t.title_before else "after") if t.title else None,
            "first_line": t.first_line, "last_line": t.last_line,
        })
        for r, (row, lines) in enumerate(zip(t.rows, t.cell_lines), start=1):
            for c, (value, cell_lines) in enumerate(zip(row, lines), start=1):
                inst = None
                if r <= len(t.names) and c <= len(t.names[r - 1]) and t.names[r - 1][c - 1]:
                    inst = resolver.resolve(value)
                    _institution(rows, inst, value, gaz)
                rows["table_cells"].append({
                    "id": f"{pid}-t{t.seq}-r{r}-c{c}", "table_id": f"{pid}-t{t.seq}", "row": r, "col": c,
                    "header": t.column_heads[c - 1] if c <= len(t.column_heads) else None, "value": value,
                    "institution_id": inst.id if inst else None,
                    "row_margin": t.margins[r - 1] if r <= len(t.margins) else None,
                    "first_line": min(cell_lines) if cell_lines else None,
                    "last_line": max(cell_lines) if cell_lines else None,
                })
    for case in parsed.cases:
        cid = f"{pid}-c{case.seq:02d}"
        insts = [resolver.resolve(printed) for printed, _ in case.units]
        cities = sorted({gaz.city(i.city_id).name for i in insts if i.city_id})
        rows["cases"].append({
            "id": cid, "page_id": pid, "article_id": aid(case.article_seq), "table_id": f"{pid}-t{case.table_seq}",
            "seq": case.seq, "title": case.title, "units": "、".join(name for name, _ in case.units),
            "cities": json.dumps(cities, ensure_ascii=False),
            "category": case.category,
            "confidence": case.confidence, "first_line": min(case.lines), "last_line": max(case.lines),
        })
        for n, (printed, lines) in enumerate(case.units, start=1):
            inst = resolver.resolve(printed)
            _institution(rows, inst, printed, gaz)
            rows["case_institutions"].append({"case_id": cid, "institution_id": inst.id, "seq": n,
                                              "printed_name": printed, "line_no": lines[0], "line_count": len(lines)})
    for c in parsed.captions:
        rows["captions"].append({
            "id": f"{pid}-p{c.seq}", "page_id": pid, "article_id": aid(c.article_seq) if c.article_seq else None,
            # The link to an article is inferred from shared words; the page does not print it.
            "article_inferred": 1 if c.article_seq else None, "text": c.text, "line_no": c.line_no,
        })
    for i, (line, text, reason) in enumerate(parsed.residue, start=1):
        rows["residue"].append({"id": f"{pid}-r{i}", "page_id": pid, "line_no": line, "text": text, "reason": reason})
    refs = {
        "article": ("article_id", aid),
        "case": ("case_id", lambda s: f"{pid}-c{s:02d}"),
        "caption": ("caption_id", lambda s: f"{pid}-p{s}"),
        "table": ("table_id", lambda s: f"{pid}-t{s}"),
        "residue": ("residue_id", lambda s: f"{pid}-r{s}"),
    }
    for s in parsed.segments:
        row = {"page_id": pid, "line_no": s.line_no, "col_start": s.col_start, "last_line": s.last_line,
               "col_end": s.col_end, "kind": s.kind}
        if s.ref in refs:  # furniture belongs to the page itself
            column, make = refs[s.ref]
            row[column] = make(s.ref_seq)
        rows["segments"].append(row)
    rows["build_warnings"].extend({"page_id": pid, "file": parsed.file, "line_no": line, "message": message}
                                  for line, message in parsed.warnings)
    return rows

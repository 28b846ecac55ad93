"""Nothing lost: every non-blank character of the page is in exactly one segment, and every
segment's text is inside the stored value it points to."""
import re

from conftest import PAGE_ID, SEED_PAGE
from sichuan_edu.text import halfwidth_alnum

WS = re.compile(r"\s+")


def squash(text):
    return WS.sub("", halfwidth_alnum(text or ""))


def test_segments_cover_every_character_once(db):
    lines = SEED_PAGE.read_text(encoding="utf-8").split("\n")
    by_line = {}
    for s in db.query("select * from segments where page_id = ? order by line_no, col_start", [PAGE_ID]):
        by_line.setdefault(s["line_no"], []).append(s)
    for no, text in enumerate(lines, start=1):
        segs = by_line.get(no, [])
        covered = "".join(text[s["col_start"]:s["col_end"]] for s in segs)
        assert squash(covered) == squash(text), f"line {no} not fully placed"
        ends = [(s["col_start"], s["col_end"]) for s in segs]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), f"line {no} has overlapping segments"


def _value(db, s):
    if s["article_id"]:
        a = db["articles"].get(s["article_id"])
        return {"byline": a["byline"], "body": a["body"], "headline": a["title"]}[s["kind"]]
    if s["case_id"]:
        c = db["cases"].get(s["case_id"])
        if s["kind"] == "table_item":
            return c["title"]
        return "".join(r["printed_name"] for r in db.query(
            "select printed_name from case_institutions where case_id = ?", [s["case_id"]]))
    if s["caption_id"]:
        return db["captions"].get(s["caption_id"])["text"]
    if s["table_id"]:
        t = db["page_tables"].get(s["table_id"])
        return {"table_header": t["headers"], "table_title": t["title"], "table_count": str(t["declared_rows"])}[s["kind"]]
    if s["residue_id"]:
        return db["residue"].get(s["residue_id"])["text"]
    raise AssertionError(f"segment at line {s['line_no']} points nowhere")


def test_every_segment_is_in_its_stored_value(db):
    for s in db.query("select * from segments where page_id = ?", [PAGE_ID]):
        assert squash(s["text"]) in squash(_value(db, s)), (s["line_no"], s["col_start"])


def test_every_line_of_the_page_appears_in_some_stored_value(db):
    values = []
    for table, cols in {"articles": ["title", "byline", "body"], "cases": ["title"], "captions": ["text"],
                        "case_institutions": ["printed_name"], "page_tables": ["title", "headers", "declared_rows"],
                        "residue": ["text"], "institutions": ["name"]}.items():
        for row in db[table].rows:
            values.extend(squash(str(row[c])) for c in cols if row[c] is not None)
    blob = "\x00".join(values)
    text = SEED_PAGE.read_text(encoding="utf-8")
    # Line 169 holds a headline's end and the next article's start: its pieces, not the line, are stored.
    for s in db.query("select text from segments where page_id = ?", [PAGE_ID]):
        assert squash(s["text"]) in blob
    placed = squash("".join(s["text"] for s in db.query("select text from segments order by line_no, col_start")))
    assert placed == squash(text)

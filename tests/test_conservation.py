"""Nothing lost: every non-blank character of the page is in exactly one segment, and every
segment's text is inside the stored value it points to."""
import re

from conftest import PAGE_ID
from sichuan_edu.text import halfwidth_alnum

WS = re.compile(r"\s+")
NEWLINE = re.compile(r"\r\n|\r|\n")


def squash(text):
    return WS.sub("", halfwidth_alnum(text or ""))


def page_lines(db):
    return NEWLINE.split(db["pages"].get(PAGE_ID)["text"])


def span_text(lines, s):
    first, last = s["line_no"] - 1, s["last_line"] - 1
    if first == last:
        return lines[first][s["col_start"]:s["col_end"]]
    return "\n".join([lines[first][s["col_start"]:], *lines[first + 1:last], lines[last][:s["col_end"]]])


def test_page_text_is_stored_as_read(db):
    from conftest import SEED_PAGE

    assert db["pages"].get(PAGE_ID)["text"] == SEED_PAGE.read_text(encoding="utf-8")


def test_segments_cover_every_character_once(db):
    lines = page_lines(db)
    owner = {}
    for s in db.query("select * from segments where page_id = ?", [PAGE_ID]):
        for no in range(s["line_no"], s["last_line"] + 1):
            start = s["col_start"] if no == s["line_no"] else 0
            end = s["col_end"] if no == s["last_line"] else len(lines[no - 1])
            for col in range(start, end):
                assert (no, col) not in owner, f"line {no} col {col} is in two segments"
                owner[no, col] = s
    for no, text in enumerate(lines, start=1):
        for col, ch in enumerate(text):
            if not ch.isspace():
                assert (no, col) in owner, f"line {no} col {col} ({ch}) is in no segment"


def test_segments_are_spans_not_lines(db):
    rows = db.execute("select count(*) from segments where page_id = ?", [PAGE_ID]).fetchone()[0]
    nonblank = sum(1 for line in page_lines(db) if line.strip())
    assert rows < nonblank / 3


def _value(db, s):
    if s["article_id"]:
        a = db["articles"].get(s["article_id"])
        return {"byline": a["byline"], "body": a["body"], "subhead": a["body"], "headline": a["title"],
                "kicker": a["kicker"], "subtitle": a["subtitle"], "ending": a["ending"],
                "continued_to": a["continued_to"], "continued_from": a["continued_from"], "mark": "■●◆▲□◎○◇△"}[s["kind"]]
    if s["kind"] == "furniture":
        return db["pages"].get(s["page_id"])["furniture"]
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
    lines = page_lines(db)
    for s in db.query("select * from segments where page_id = ?", [PAGE_ID]):
        assert squash(span_text(lines, s)) in squash(_value(db, s)), (s["line_no"], s["col_start"])

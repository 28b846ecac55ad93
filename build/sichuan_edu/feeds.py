"""An Atom feed (RFC 4287) of the newest articles: rows in, XML out, with nothing the pages do not say.

An entry's <published> is the page's date of publication and appears only where the manifest gives it; its
<updated> (required by Atom) is that date, or where the date is unknown the time the database was built,
which is when our record of the article last changed."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SUMMARY_CHARS = 300
# Dates of publication are days in China: midnight Beijing time.
DAY = "T00:00:00+08:00"

NEWEST_SQL = f"""
select articles.id, articles.title, articles.byline, articles.body, articles.published,
  pages.paper, pages.page_no
from articles join pages on pages.id = articles.page_id
order by articles.published is null, articles.published desc, articles.page_id, articles.seq
limit {FEED_SIZE}
"""


def entry_title(row: dict) -> str:
    return row["title"] or "（无标题）" + (row["body"] or "")[:20] + "…"


def entry_summary(row: dict) -> str:
    where = " ".join(x for x in (row.get("paper"), row.get("published"),
                                 f"第{row['page_no']}版" if row.get("page_no") else None, row.get("byline")) if x)
    body = (row["body"] or "")[:SUMMARY_CHARS]
    return f"{where}\n{body}" if where else body


def atom_feed(rows: list[dict], site_url: str, feed_url: str, articles_url: str, built: datetime) -> bytes:
    """The feed document: one entry per row (articles joined with their page), newest first; an entry's
    address is articles_url/<id>."""
    built_at = built.astimezone(timezone.utc).isoformat(timespec="seconds")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "四川教育新闻数据集 · 最新文章"
    ET.SubElement(feed, f"{{{ATOM}}}link", href=feed_url, rel="self")
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url)
    # The dataset is the feed's author; a byline is a source line (本报讯（…）), not an Atom person.
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "sichuan-edu 四川教育新闻数据集"
    updated = [r["published"] + DAY for r in rows if r.get("published")]
    # The feed changed when the newest dated article appeared, or at the build where no article has a date.
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max(updated) if updated else built_at
    for row in rows:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = f"{articles_url.rstrip('/')}/{row['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = entry_title(row)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url)
        if row.get("published"):
            ET.SubElement(entry, f"{{{ATOM}}}published").text = row["published"] + DAY
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = row["published"] + DAY if row.get("published") else built_at
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = entry_summary(row)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)

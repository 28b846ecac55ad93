"""What the site's custom pages show, read from the database (used by the plugins in plugins/)."""
from __future__ import annotations

import json

COUNTED = ["pages", "articles", "people", "institutions", "cases"]

ARTICLE_SQL = {
    "article": "select articles.*, pages.file, pages.paper, pages.published as page_published, pages.page_no "
               "from articles join pages on pages.id = articles.page_id where articles.id = :id",
    "people": "select people.id, people.name, group_concat(article_people.role, ', ') as roles, "
              "max(article_people.titles) as titles from article_people join people on people.id = article_people.person_id "
              "where article_people.article_id = :id group by people.id order by min(article_people.rowid)",
    "institutions": "select institutions.id, institutions.name, institutions.type, "
                    "group_concat(distinct article_institutions.printed_name) as printed from article_institutions "
                    "join institutions on institutions.id = article_institutions.institution_id "
                    "where article_institutions.article_id = :id group by institutions.id "
                    "order by min(article_institutions.first_line), institutions.name",
    "places": "select cities.id as city_id, cities.name as city, counties.id as county_id, counties.name as county, "
              "article_places.printed_name, article_places.mentions from article_places "
              "join cities on cities.id = article_places.city_id left join counties on counties.id = article_places.county_id "
              "where article_places.article_id = :id order by article_places.first_line",
    "documents": "select documents.id, documents.title, documents.issuer, documents.number from article_documents "
                 "join documents on documents.id = article_documents.document_id where article_documents.article_id = :id "
                 "order by documents.title",
    "cases": "select id, seq, title, units, category from cases where article_id = :id order by seq",
    "dates": "select printed, iso_date, year_source from article_dates where article_id = :id order by line_no",
}


async def article_context(db, article_id: str) -> dict:
    """Everything the article page shows, as plain dicts (db is a datasette Database)."""
    out = {}
    for key, sql in ARTICLE_SQL.items():
        rows = [dict(r) for r in (await db.execute(sql, {"id": article_id})).rows]
        out[key] = rows
    article = out.pop("article")
    if not article:
        return {}
    a = article[0]
    a["paragraphs"] = (a["body"] or "").split("\n")
    a["keywords"] = json.loads(a["keywords"] or "[]")
    for p in out["people"]:
        p["titles"] = "、".join(json.loads(p["titles"])) if p["titles"] else ""
    return {"article": a, **out}


async def home_counts(db) -> dict[str, int]:
    """How many of each thing the dataset holds."""
    return {t: (await db.execute(f"select count(*) from [{t}]")).rows[0][0] for t in COUNTED}

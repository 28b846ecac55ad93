"""Schema policy as data, applied by one idempotent finishing step."""
from __future__ import annotations

import sqlite_utils

# Every table with its columns in order; `name`/`title` early so Datasette labels rows by them.
TABLES = {
    "pages": ({"id": str, "file": str, "sha256": str, "encoding": str, "paper": str, "published": str, "page_no": int,
               "source": str, "content_year": int, "in_manifest": int, "manifest_note": str, "line_count": int,
               "article_count": int, "printed_paper": str, "printed_date": str, "printed_page_no": int, "section": str,
               "editors": str, "furniture": str, "headline_order": str, "text": str, "extracted_file": str,
               "extracted_sha256": str}, "id"),
    "articles": ({"id": str, "title": str, "kicker": str, "subtitle": str, "page_id": str, "seq": int, "byline": str,
                  "agency": str, "body": str, "subheads": str, "ending": str, "continued_from": str, "continued_to": str,
                  "paragraph_count": int, "char_count": int, "keyword": str, "keywords": str, "event_dates": str, "published": str, "first_line": int,
                  "last_line": int, "body_first_line": int, "body_last_line": int, "headline_first_line": int,
                  "headline_last_line": int, "truncated": int}, "id"),
    "article_keywords": ({"article_id": str, "rank": int, "keyword": str}, ("article_id", "rank")),
    "article_dates": ({"id": str, "article_id": str, "printed": str, "iso_date": str, "year_source": str,
                       "line_no": int}, "id"),
    "people": ({"id": int, "name": str, "pinyin": str, "institution_id": int, "identity": str}, "id"),
    "article_people": ({"article_id": str, "person_id": int, "role": str, "titles": str},
                       ("article_id", "person_id", "role")),
    "person_institutions": ({"person_id": int, "institution_id": int, "article_id": str, "relation": str},
                            ("person_id", "institution_id", "article_id")),
    "cities": ({"id": int, "name": str, "adcode": str, "latitude": float, "longitude": float, "source": str}, "id"),
    "counties": ({"id": int, "name": str, "adcode": str, "city_id": int, "latitude": float, "longitude": float}, "id"),
    "places": ({"id": int, "name": str, "level": str, "province": str, "prefecture": str, "latitude": float,
                "longitude": float, "source": str}, "id"),
    "institutions": ({"id": int, "name": str, "pinyin": str, "type": str, "city_id": int, "county_id": int, "city_source": str,
                      "place_id": int, "level": str, "hei_code": str, "latitude": float, "longitude": float, "note": str}, "id"),
    "institution_names": ({"name": str, "institution_id": int, "kind": str}, "name"),
    "page_tables": ({"id": str, "title": str, "page_id": str, "article_id": str, "seq": int, "declared_rows": int,
                     "headers": str, "shape": str, "row_count": int, "column_count": int, "title_position": str,
                     "first_line": int, "last_line": int}, "id"),
    "table_cells": ({"id": str, "table_id": str, "row": int, "col": int, "header": str, "value": str, "institution_id": int,
                     "row_margin": float, "first_line": int, "last_line": int}, "id"),
    "cases": ({"id": str, "title": str, "page_id": str, "article_id": str, "table_id": str, "seq": int, "units": str, "cities": str,
               "category": str, "confidence": float, "first_line": int, "last_line": int},
              "id"),
    "case_institutions": ({"case_id": str, "institution_id": int, "seq": int, "printed_name": str, "line_no": int,
                           "line_count": int}, ("case_id", "institution_id")),
    "captions": ({"id": str, "text": str, "page_id": str, "article_id": str, "article_inferred": int,
                  "line_no": int}, "id"),
    "residue": ({"id": str, "text": str, "page_id": str, "line_no": int, "reason": str}, "id"),
    "segments": ({"page_id": str, "line_no": int, "col_start": int, "last_line": int, "col_end": int, "kind": str,
                  "article_id": str, "case_id": str, "caption_id": str, "table_id": str,
                  "residue_id": str}, ("page_id", "line_no", "col_start")),
    # PDF pages: each line of the page's text and its box on the PDF page (points from the top-left corner)
    "line_boxes": ({"page_id": str, "line_no": int, "pdf_page": int, "x0": float, "top": float, "x1": float,
                    "bottom": float, "size": float, "bold": int, "type_role": str, "page_width": float,
                    "page_height": float}, ("page_id", "line_no")),
    # PDF pages: the page rendered once at build time for the page view (an image in the database: one file)
    "page_images": ({"page_id": str, "format": str, "width": int, "height": int, "byte_count": int, "sha256": str,
                     "image": bytes}, "page_id"),
    "article_institutions": ({"article_id": str, "institution_id": int, "printed_name": str, "mentions": int,
                              "first_line": int}, ("article_id", "institution_id", "printed_name")),
    "article_places": ({"article_id": str, "place_id": int, "city_id": int, "county_id": int, "printed_name": str,
                        "candidates": str, "mentions": int, "first_line": int}, ("article_id", "printed_name")),
    "documents": ({"id": int, "title": str, "issuer": str, "number": str}, "id"),
    "article_documents": ({"article_id": str, "document_id": int}, ("article_id", "document_id")),
    "build_info": ({"key": str, "value": str}, "key"),
    "build_warnings": ({"id": int, "page_id": str, "file": str, "line_no": int, "message": str}, "id"),
}

# table -> [(column, other table, other column)]
FOREIGN_KEYS = {
    "articles": [("page_id", "pages", "id")],
    "article_dates": [("article_id", "articles", "id")],
    "article_keywords": [("article_id", "articles", "id")],
    "article_people": [("article_id", "articles", "id"), ("person_id", "people", "id")],
    "people": [("institution_id", "institutions", "id")],
    "institutions": [("city_id", "cities", "id"), ("county_id", "counties", "id"), ("place_id", "places", "id")],
    "person_institutions": [("person_id", "people", "id"), ("institution_id", "institutions", "id"),
                            ("article_id", "articles", "id")],
    "institution_names": [("institution_id", "institutions", "id")],
    "counties": [("city_id", "cities", "id")],
    "page_tables": [("page_id", "pages", "id"), ("article_id", "articles", "id")],
    "table_cells": [("table_id", "page_tables", "id"), ("institution_id", "institutions", "id")],
    "cases": [("page_id", "pages", "id"), ("article_id", "articles", "id"), ("table_id", "page_tables", "id")],
    "case_institutions": [("case_id", "cases", "id"), ("institution_id", "institutions", "id")],
    "captions": [("page_id", "pages", "id"), ("article_id", "articles", "id")],
    "residue": [("page_id", "pages", "id")],
    "line_boxes": [("page_id", "pages", "id")],
    "page_images": [("page_id", "pages", "id")],
    "segments": [
        ("page_id", "pages", "id"),
        ("article_id", "articles", "id"),
        ("case_id", "cases", "id"),
        ("caption_id", "captions", "id"),
        ("table_id", "page_tables", "id"),
        ("residue_id", "residue", "id"),
    ],
    "article_documents": [("article_id", "articles", "id"), ("document_id", "documents", "id")],
    "article_institutions": [("article_id", "articles", "id"), ("institution_id", "institutions", "id")],
    "article_places": [("article_id", "articles", "id"), ("place_id", "places", "id"), ("city_id", "cities", "id"),
                       ("county_id", "counties", "id")],
    "build_warnings": [("page_id", "pages", "id")],
}

# Many-valued columns, stored as JSON arrays of strings: the site answers them as arrays in JSON and joined
# with '；' in CSV (site.lists_as_lists); `?_facet_array=<column>` facets by their items.
LIST_COLUMNS = {
    "articles": ["subheads", "keywords", "event_dates"],
    "article_people": ["titles"],
    "page_tables": ["headers"],
    "cases": ["cities"],
}

# Columns users facet or filter on, beyond the foreign keys (which are indexed too).
INDEXES = {
    "articles": [["seq"], ["published"], ["keyword"]],
    "article_keywords": [["keyword"]],
    "institutions": [["type"], ["level"]],
    "places": [["level"], ["province"]],
    "cases": [["category"]],
    "article_people": [["role"]],
}

# FTS tables: table -> columns. Each holds the bigram form of the columns (see search.py).
FTS_CONFIG = {
    "articles": ["title", "kicker", "subtitle", "body", "ending"],
    "cases": ["title", "units", "cities"],  # (泸州, 四川化工 find the cases of their units)
    "people": ["name", "pinyin"],
    "institutions": ["name", "pinyin"],
}

VIEWS = {
    # One marker per city for datasette-cluster-map; `popup` is the plugin's JSON popup (title, description, link).
    "city_map": """
select id, name, latitude, longitude, institutions, cases, articles,
  json_object(
    'title', name,
    'description', institutions || ' 机构 institutions · ' || cases || ' 案例 cases · ' || articles || ' 文章 articles',
    'link', '/sichuan_edu/cities/' || id
  ) as popup
from (
  select
    cities.id, cities.name, cities.latitude, cities.longitude,
    (select count(*) from institutions where institutions.city_id = cities.id) as institutions,
    (select count(distinct case_institutions.case_id) from case_institutions
       join institutions on institutions.id = case_institutions.institution_id
       where institutions.city_id = cities.id) as cases,
    (select count(distinct article_id) from article_places where article_places.city_id = cities.id) as articles
  from cities
)
order by id
""",
}


def create_tables(db: sqlite_utils.Database) -> None:
    """Create every table, empty, with its declared columns and foreign keys (so pages lacking e.g.
    captions still give the same schema, and no table has to be rewritten to add a key later)."""
    pending = list(TABLES)
    while pending:  # a table is created after the tables its keys point to
        ready = [t for t in pending if all(o in db.table_names() for _, o, _ in FOREIGN_KEYS.get(t, []))]
        for table in ready:
            columns, pk = TABLES[table]
            db[table].create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(table, []), if_not_exists=True)
            pending.remove(table)
    for table, columns in FTS_CONFIG.items():
        fts = fts_table(table)
        cols = ", ".join(f"[{c}]" for c in columns)
        # External content (content=[articles]): Datasette and datasette-search-all detect the index
        # and reading a match returns the original text, while the index holds the bigrams we insert.
        # Never run the FTS5 'rebuild' command on it: that would index the plain text instead.
        db.execute(f"create virtual table if not exists [{fts}] using fts5({cols}, content=[{table}], tokenize='unicode61')")


def fts_table(table: str) -> str:
    return f"{table}_fts"


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Indexes and views: safe to run again on a finished database."""
    for table, fks in FOREIGN_KEYS.items():
        pk = TABLES[table][1]
        for column, _, _ in fks:
            if column != (pk[0] if isinstance(pk, tuple) else pk):  # a primary key's first column is indexed already
                db[table].create_index([column], if_not_exists=True)
    for table, indexes in INDEXES.items():
        for columns in indexes:
            db[table].create_index(columns, if_not_exists=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
    db["cities"].create_index(["name"], if_not_exists=True)


def index_fts(db: sqlite_utils.Database, after_rowids: dict[str, int] | None = None) -> None:
    """Add the bigram form of rows to each FTS table: all rows, or those after the given rowids
    (rows a page adds are appended, so an incremental build indexes only what is new)."""
    from .search import index_text

    db.register_function(index_text, deterministic=True, replace=True)
    for table, columns in FTS_CONFIG.items():
        cols = ", ".join(f"[{c}]" for c in columns)
        exprs = ", ".join(f"index_text([{c}])" for c in columns)
        start = (after_rowids or {}).get(table, 0)
        db.execute(f"insert into [{fts_table(table)}] (rowid, {cols}) select rowid, {exprs} from [{table}] "
                   f"where rowid > ? order by rowid", [start])

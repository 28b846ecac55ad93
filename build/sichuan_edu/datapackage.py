"""A Frictionless Data Package (datapackage.json) describing the database's tables, so the dataset
can be loaded into open-data portals: one CSV resource per table, with its fields, keys and the
descriptions from metadata.yml."""
from __future__ import annotations

import sqlite3

from .schema import FOREIGN_KEYS, TABLES

# A blob (page_images.image) is exported by Datasette's CSV as the address of its bytes: a string.
TYPES = {int: "integer", float: "number", str: "string", bytes: "string"}


def describe(metadata: dict, database: str = "sichuan_edu", base_url: str = "") -> dict:
    """The data package for the published database (paths are the site's CSV exports)."""
    tables_meta = metadata.get("databases", {}).get(database, {}).get("tables", {})
    resources = []
    for table, (columns, pk) in TABLES.items():
        meta = tables_meta.get(table, {})
        if meta.get("hidden"):
            continue
        described = meta.get("columns", {})
        schema = {
            "fields": [{"name": c, "type": TYPES[t], "description": described.get(c, "")} for c, t in columns.items()],
            "primaryKey": list(pk) if isinstance(pk, tuple) else [pk],
        }
        fks = [{"fields": [c], "reference": {"resource": other, "fields": [col]}} for c, other, col in FOREIGN_KEYS.get(table, [])]
        if fks:
            schema["foreignKeys"] = fks
        resources.append({
            "name": table,
            "path": f"{base_url}/{database}/{table}.csv?_stream=on&_size=max",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": meta.get("description", ""),
            "schema": schema,
        })
    return {
        "name": "sichuan-edu",
        "title": metadata.get("title"),
        "description": "Articles, people, institutions, cases and cities of Sichuan education newspaper pages.",
        "homepage": metadata.get("about_url"),
        "licenses": [{"name": "CC-BY-4.0", "path": metadata.get("license_url"), "title": metadata.get("license")}],
        "sources": [{"title": metadata.get("source"), "path": metadata.get("source_url")}],
        "resources": resources,
    }


def row_counts(db_path: str) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in TABLES}

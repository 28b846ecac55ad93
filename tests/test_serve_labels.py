"""Foreign-key labels read from memory (plugins/fk_labels.py) are the labels Datasette's own query gives,
and a table page makes no trip to the SQL threads for them (Datasette made one per labelled column)."""
from __future__ import annotations

import traceback

import pytest
import sqlite_utils
import yaml
from datasette.app import Datasette
from datasette.plugins import pm

from conftest import ROOT


def site(db_path, immutable: bool) -> Datasette:
    files = {"immutables": [str(db_path)]} if immutable else {"files": [str(db_path)]}
    return Datasette(**files, metadata=yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")),
                     plugins_dir=str(ROOT / "plugins"), template_dir=str(ROOT / "templates"),
                     settings={"sql_time_limit_ms": 5000})


@pytest.mark.asyncio
async def test_labels_from_memory_are_datasettes(db_path):
    ds = site(db_path, immutable=True)
    await ds.invoke_startup()
    assert getattr(ds.expand_foreign_keys, "sichuan_kept", False)
    db = sqlite_utils.Database(db_path)
    checked = 0
    for table in db.tables:
        for fk in table.foreign_keys:
            values = [r[0] for r in db.execute(f"select distinct [{fk.column}] from [{table.name}]")]
            # a dangling key, a key of another type and NULL: answered as Datasette answers them
            values += ["no_such_key", 10 ** 9, None]
            ours = await ds.expand_foreign_keys("sichuan_edu", table.name, fk.column, values)
            theirs = await Datasette.expand_foreign_keys(ds, "sichuan_edu", table.name, fk.column, values)
            assert ours == theirs, (table.name, fk.column)
            checked += len(theirs)
    assert checked > 10  # the seed page has labelled keys to compare


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/sichuan_edu/institutions?_facet=type&_facet=city_id",
                                  "/sichuan_edu/cases.json?_labels=on", "/sichuan_edu/articles?_facet=page_id"])
async def test_pages_are_the_same_without_label_queries(db_path, path, monkeypatch):
    monkeypatch.setenv("SICHUAN_EDU_RESPONSE_CACHE_MB", "0")  # every view made afresh
    fast, plain = site(db_path, immutable=True), site(db_path, immutable=False)
    trips = []
    db = fast.get_database("sichuan_edu")
    await fast.invoke_startup()
    await fast.client.get(path)  # the first view reads the labels
    original = db.execute_fn

    async def execute_fn(fn):
        trips.append([f.name for f in traceback.extract_stack() if f.filename.endswith("datasette/app.py")])
        return await original(fn)

    db.execute_fn = execute_fn
    ours, theirs = await fast.client.get(path), await plain.client.get(path)
    assert ours.status_code == theirs.status_code == 200
    timeless = lambda r: r.text.split("query_ms")[0] if path.count(".json") else r.text.split("<footer")[0]  # noqa: E731
    assert timeless(ours) == timeless(theirs)
    assert trips and not [t for t in trips if "expand_foreign_keys" in t]  # no query per labelled column


def test_a_prefix_query_is_never_walked_row_by_row(db_path):
    site(db_path, immutable=True)  # loads the plugins
    module = pm.get_plugin("search_speed.py")
    is_prefix, walk_plan = module.is_prefix, module.walk_plan

    # most rows match and few are asked: a walk would end at once, unless each lookup merges a prefix's pairs
    assert walk_plan(6667, 21, 7944) == "walk-exists"
    assert walk_plan(6667, 21, 7944, prefix=True) == "walk-in"
    assert is_prefix("escape_fts(:search)", {"search": "省"}) and not is_prefix("escape_fts(:search)", {"search": "就业"})
    assert is_prefix(":search", {"search": "就*"}) and is_prefix(":search", {})

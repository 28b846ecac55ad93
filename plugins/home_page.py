"""The home page: what the dataset holds in numbers, the useful queries, and the tables in a reader's order."""
from datasette import hookimpl

from sichuan_edu.site import dataset_database, home_counts, home_queries, table_groups


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}

    async def inner():
        name = await dataset_database(datasette)
        if name is None:
            return {}
        db = datasette.get_database(name)
        meta = (datasette.metadata("databases") or {}).get(name, {})
        hidden = set(await db.hidden_table_names())
        names = [t for t in await db.table_names() + await db.view_names() if t not in hidden]
        descriptions = {t: m.get("description", "") for t, m in (meta.get("tables") or {}).items()}
        return {"sichuan_counts": await home_counts(db), "sichuan_db": name,
                "sichuan_queries": home_queries(meta.get("queries") or {}, datasette.urls.database(name)),
                "sichuan_tables": table_groups(names, descriptions)}

    return inner

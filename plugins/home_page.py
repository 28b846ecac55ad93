"""The home page: what the dataset holds, in numbers."""
from datasette import hookimpl

from sichuan_edu.site import home_counts


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}

    async def inner():
        for name, db in datasette.databases.items():
            if not name.startswith("_") and await db.table_exists("articles"):
                return {"sichuan_counts": await home_counts(db), "sichuan_db": name}
        return {}

    return inner

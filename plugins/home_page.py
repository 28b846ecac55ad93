"""The home page: what the dataset holds, in numbers."""
from datasette import hookimpl

from sichuan_edu.site import dataset_database, home_counts


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}

    async def inner():
        name = await dataset_database(datasette)
        if name is None:
            return {}
        return {"sichuan_counts": await home_counts(datasette.get_database(name)), "sichuan_db": name}

    return inner

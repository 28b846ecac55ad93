"""The article page: headline, byline, paragraphs and the entities an article mentions."""
from datasette import hookimpl

from sichuan_edu.site import article_context


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    if view_name != "row" or table != "articles" or request is None:
        return {}

    async def inner():
        article_id = request.url_vars.get("pks", "")
        url = f"{request.scheme}://{request.host}{request.path}"
        return {"sichuan_article": await article_context(datasette.get_database(database), _unescape(article_id), url)}

    return inner


def _unescape(pks: str) -> str:
    from datasette.utils import tilde_decode

    return tilde_decode(pks)

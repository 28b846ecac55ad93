"""Datasette's own interface in Chinese: its templates translated as they load, and the scripts that write
English (table.js's column menu, the maps' buttons) served translated at their own addresses
(sichuan_edu/labels.py holds the fragments and labels)."""
import re
from functools import lru_cache

from datasette import hookimpl
from datasette.utils.asgi import Response

from sichuan_edu.labels import INTERFACE_SCRIPTS, interface_description, interface_label, translate_script, translating_loader


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.loader = translating_loader(env.loader, [datasette.template_dir])
    env.filters["interface_label"] = interface_label
    env.filters["interface_description"] = interface_description


@lru_cache(maxsize=None)
def _script(address: str) -> str:
    return translate_script(address, strict=False)  # a reworded fragment stays English on the site


async def translated_script(request):
    return Response(_script(request.path), content_type="text/javascript; charset=utf-8",
                    headers={"cache-control": "public, max-age=3600"})


@hookimpl
def register_routes():
    # Plugins' routes come before Datasette's own, so these addresses answer instead of the static files.
    return [("^" + re.escape(address) + "$", translated_script) for address in INTERFACE_SCRIPTS]

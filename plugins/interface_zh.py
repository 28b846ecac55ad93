"""Datasette's own interface in Chinese: its templates translated as they load, and the column menu of
table pages (sichuan_edu/labels.py holds the fragments and labels)."""
import json

from datasette import hookimpl

from sichuan_edu.labels import COLUMN_MENU, interface_description, interface_label, translating_loader


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.loader = translating_loader(env.loader, [datasette.template_dir])
    env.filters["interface_label"] = interface_label
    env.filters["interface_description"] = interface_description


@hookimpl
def extra_body_script(template):
    # table.js builds the column menu once the page has loaded; its links are then relabelled by class.
    if not template.startswith("table"):
        return ""
    return ("window.addEventListener('load', function () { var names = %s; Object.keys(names).forEach(function (c) {"
            " document.querySelectorAll('a.' + c).forEach(function (a) { a.textContent = names[c]; }); }); });"
            % json.dumps(COLUMN_MENU, ensure_ascii=False))

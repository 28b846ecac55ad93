"""Codes shown as 中文 (English) in templates: `{{ role|label("role") }}` (sichuan_edu/labels.py)."""
from datasette import hookimpl

from sichuan_edu.labels import label


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["label"] = lambda code, vocabulary: label(vocabulary, code)

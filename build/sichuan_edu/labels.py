"""Chinese labels, with English beside them, for the codes the database stores (roles, types, levels, kinds).

One lookup table, vocabulary -> code -> (中文, English). The database keeps the codes (ASCII for roles and
levels, Chinese for institution types, as the knowledge files write them); the site shows `中文 (English)`.
A code no table knows is shown as it is, so a new role never disappears from a page.
"""
from __future__ import annotations

import re

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    # article_people.role
    "role": {
        "author": ("作者", "author"),
        "correspondent": ("通讯员", "correspondent"),
        "special_correspondent": ("特约记者", "special correspondent"),
        "intern": ("实习生", "intern"),
        "photographer": ("摄影", "photographer"),
        "presided": ("主持", "presided"),
        "attended": ("出席", "attended"),
        "spoke": ("讲话", "spoke"),
        "quoted": ("引语", "quoted"),
        "mentioned": ("提及", "mentioned"),
    },
    # institutions.type (the vocabulary of seeds/knowledge/institutions.yml)
    "institution_type": {
        "党政机关": ("党政机关", "Party or government body"),
        "司法机关": ("司法机关", "judicial body"),
        "事业单位": ("事业单位", "public service unit"),
        "本科高校": ("本科高校", "university"),
        "高职院校": ("高职院校", "vocational college"),
        "中职学校": ("中职学校", "secondary vocational school"),
        "技工院校": ("技工院校", "technical school"),
        "中小学": ("中小学", "primary or secondary school"),
        "企业": ("企业", "company"),
        "社会组织": ("社会组织", "social organisation"),
        "国际组织": ("国际组织", "international organisation"),
    },
    # institutions.level, places.level
    "level": {
        "national": ("中央", "national"),
        "province": ("省级", "province"),
        "prefecture": ("地级", "prefecture"),
        "county": ("县级", "county"),
    },
    # institution_names.kind
    "name_kind": {
        "canonical": ("规范名称", "canonical name"),
        "printed": ("文中写法", "as printed"),
        "later_name": ("后来的名称", "later name"),
        "alias": ("又称", "alias"),
    },
    # institutions.city_source
    "city_source": {
        "name": ("名称中的地名", "a place in the name"),
        "moe_2025": ("教育部2025名单", "MoE 2025 list"),
        "provincial_capital": ("省级机关，位于省会", "provincial body, in the capital"),
        "abbreviation": ("名称中的简称", "a short form in the name"),
    },
    # people.identity
    "identity": {
        "name": ("仅凭姓名", "by name only"),
        "name+institution": ("姓名与机构", "by name and institution"),
    },
    # segments.kind: what a stretch of page text is
    "segment_kind": {
        "byline": ("来源行", "source line"),
        "body": ("正文", "body"),
        "subhead": ("小标题", "subhead"),
        "headline": ("标题", "headline"),
        "mark": ("标题符号", "headline mark"),
        "kicker": ("引题", "kicker"),
        "subtitle": ("副题", "subtitle"),
        "ending": ("文末说明", "ending"),
        "continued_to": ("转版说明", "continued on"),
        "continued_from": ("接版说明", "continued from"),
        "furniture": ("页眉页脚", "page margins"),
        "caption": ("图片说明", "caption"),
        "table_header": ("列标题", "column head"),
        "table_unit": ("报送单位", "submitting unit"),
        "table_item": ("案例名称", "case name"),
        "table_count": ("表中数字", "number in table"),
        "table_title": ("表格标题", "table title"),
        "table_cell": ("表格单元格", "table cell"),
        "residue": ("未归位文字", "unplaced text"),
    },
    # pages.headline_order
    "headline_order": {
        "before": ("标题在正文前", "headlines before their text"),
        "after": ("标题在正文后", "headlines after their text"),
        "end": ("标题集中在版末", "headlines at the page's end"),
    },
}

# Roles that credit the page's own staff (the byline), as against people the text names.
CREDIT_ROLES = ("author", "correspondent", "special_correspondent", "intern", "photographer")


def zh(vocabulary: str, code: str | None) -> str:
    """The Chinese label of a code (the code itself when unknown; '' for None)."""
    if code is None:
        return ""
    return LABELS.get(vocabulary, {}).get(code, (code, ""))[0]


def en(vocabulary: str, code: str | None) -> str:
    """The English label of a code ('' when unknown)."""
    if code is None:
        return ""
    return LABELS.get(vocabulary, {}).get(code, ("", ""))[1]


def label(vocabulary: str, code: str | None) -> str:
    """`中文 (English)`; the bare code when the vocabulary does not know it; '' for None."""
    if code is None:
        return ""
    pair = LABELS.get(vocabulary, {}).get(code)
    if pair is None:
        return code
    chinese, english = pair
    return f"{chinese} ({english})" if english and english != chinese else chinese


def labels(vocabulary: str, codes) -> list[str]:
    """Each code's label, in order, each once."""
    return [label(vocabulary, c) for c in dict.fromkeys(c for c in codes if c)]


# --- Datasette's own interface, in Chinese ----------------------------------------------------------------
# Datasette 0.65 writes its labels in English inside its templates. Rather than copy those templates, each
# one is changed where it is loaded: the fixed fragments below are replaced in the template's source (so
# data shown by a template can never be touched), and each fragment must be found, so a Datasette upgrade
# that rewords one fails tests/test_interface.py instead of leaving English behind unseen. Headings and
# section names keep their English beside the Chinese, as the rest of the site does; small controls
# (buttons, options) are Chinese only. Dynamic labels (filter operators, facet types, menu links) go
# through the `interface_label` filter, which a replaced fragment adds.

_ROWS = ' row{% if filtered_table_rows_count == 1 %}{% else %}s{% endif %}'
_ACTIONS = '<li><a href="{{ link.href }}">{{ link.label }}</a></li>'
_ACTIONS_ZH = '<li><a href="{{ link.href }}">{{ link.label|interface_label("menu") }}</a></li>'
_LICENCE = [
    ("Data license:", "数据许可 Data license："),
    ("Data source: ", "数据来源 Data source："),
    ("About: ", "关于 About："),
]
_SQL_BUTTONS = [
    ('>Format SQL</button>', '>格式化 SQL</button>'),
    ('<input type="submit" value="Run SQL"', '<input type="submit" value="运行 SQL"'),
]
_EXPORT_LINKS = [('<p class="export-links">This data as ', '<p class="export-links">数据下载 This data as ')]

INTERFACE_TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        ('<title id="nav-menu-svg-title">Menu</title>', '<title id="nav-menu-svg-title">菜单 Menu</title>'),
        (_ACTIONS, _ACTIONS_ZH),
        ('<button class="button-as-link">Log out</button>', '<button class="button-as-link">退出登录 Log out</button>'),
    ],
    "_footer.html": [
        ('Powered by <a href="https://datasette.io/" title="Datasette v{{ datasette_version }}">Datasette</a>',
         '由 <a href="https://datasette.io/" title="Datasette v{{ datasette_version }}">Datasette</a> 提供 Powered by Datasette'),
        ("&middot; Queries took {{ query_ms|round(3) }}ms", "&middot; 查询用时 {{ query_ms|round(3) }} 毫秒 ms"),
        *_LICENCE,
    ],
    "_description_source_license.html": _LICENCE,
    "_suggested_facets.html": [
        ("Suggested facets: ", "建议分面 Suggested facets："),
        ("({{ facet.type }})", '({{ facet.type|interface_label("facet_type") }})'),
    ],
    "_facet_results.html": [("({{ facet_info.type }})", '({{ facet_info.type|interface_label("facet_type") }})')],
    "_crumbs.html": [('<a href="{{ item.href }}">{{ item.label }}</a>', '<a href="{{ item.href }}">{{ item.label|interface_label("crumb") }}</a>')],
    "_table.html": [('<p class="zero-results">0 records</p>', '<p class="zero-results">没有记录 0 records</p>')],
    "table.html": [
        (_ROWS, " 行"),
        ("{{ human_description_en }}", "{{ human_description_en|interface_description(filters, search, sort, sort_desc) }}"),
        ("{% if is_view %} (view){% endif %}", "{% if is_view %}（视图 view）{% endif %}"),
        ('<title id="actions-menu-links-title">Table actions</title>', '<title id="actions-menu-links-title">表操作 Table actions</title>'),
        (_ACTIONS, _ACTIONS_ZH),
        ('<label for="_search">Search:</label>', '<label for="_search">检索：</label>'),
        ('<option value="">- remove filter -</option>', '<option value="">- 取消此条件 -</option>'),
        ('<option value="">- column -</option>', '<option value="">- 字段 -</option>'),
        (">{{ display }}</option>", '>{{ display|interface_label("operator") }}</option>'),
        ('<option value="">Sort...</option>', '<option value="">排序…</option>'),
        (">Sort by {{ column.name }}</option>", ">按 {{ column.name }} 排序</option>"),
        ("> descending</label>", "> 降序</label>"),
        ('<input type="submit" value="Apply">', '<input type="submit" value="应用">'),
        ("extra where clause{% if extra_wheres_for_ui|length != 1 %}s{% endif %}", "条附加条件 extra where clauses"),
        ('">remove</a>]', '">删除</a>]'),
        ('<span class="underlined">View and edit SQL</span>', '<span class="underlined">查看并编辑 SQL</span>'),
        *_EXPORT_LINKS,
        ('(<a href="#export">advanced</a>)', '（<a href="#export">高级导出 advanced</a>）'),
        ("These facets timed out: ", "这些分面超时 These facets timed out："),
        ('<a href="{{ next_url }}">Next page</a>', '<a href="{{ next_url }}">下一页 Next page</a>'),
        ("<h3>Advanced export</h3>", "<h3>高级导出 Advanced export</h3>"),
        ("<p>JSON shape:", "<p>JSON 格式 JSON shape："),
        ("\">default</a>,", "\">默认 default</a>,"),
        ("'_shape=array') }}\">array</a>,", "'_shape=array') }}\">数组 array</a>,"),
        ("\">newline-delimited</a>", "\">每行一个 newline-delimited</a>"),
        ("\">object</a>", "\">对象 object</a>"),
        ("CSV options:", "CSV 选项 CSV options："),
        ("> download file</label>", "> 下载为文件</label>"),
        ("> expand labels</label>", "> 外键显示名称</label>"),
        ("> stream all rows</label>", "> 全部行（流式）</label>"),
        ('<input type="submit" value="Export CSV">', '<input type="submit" value="导出 CSV">'),
    ],
    "database.html": [
        ('<title id="actions-menu-links-title">Table actions</title>', '<title id="actions-menu-links-title">数据库操作 Database actions</title>'),
        (_ACTIONS, _ACTIONS_ZH),
        ("<h3>Custom SQL query</h3>", "<h3>自定义 SQL 查询 Custom SQL query</h3>"),
        *_SQL_BUTTONS,
        ("<p>The following databases are attached to this connection, and can be used for cross-database joins:</p>",
         "<p>以下数据库附加在此连接上，可跨库联接 These databases are attached and can be joined:</p>"),
        ('<h2 id="queries">Queries</h2>', '<h2 id="queries">常用查询 Queries</h2>'),
        ('<h2 id="tables">Tables</h2>', '<h2 id="tables">数据表 Tables</h2>'),
        ("<em> (hidden)</em>", "<em>（隐藏 hidden）</em>"),
        ("Many rows", "很多行 Many rows"),
        (" row{% if table.count == 1 %}{% else %}s{% endif %}", " 行"),
        ("... and <a", "…另有 <a"),
        (" hidden table{% if hidden_count == 1 %}{% else %}s{% endif %}</a>", " 个隐藏表 hidden</a>"),
        ('<h2 id="views">Views</h2>', '<h2 id="views">视图 Views</h2>'),
        ("Download SQLite DB: ", "下载 SQLite 数据库 Download SQLite DB："),
    ],
    "query.html": [
        ("This query cannot be executed because the database is immutable.", "数据库只读，不能执行此查询 This query cannot run: the database is immutable."),
        ("<h3>Custom SQL query{% if display_rows %} returning {% if truncated %}more than {% endif %}",
         "<h3>SQL 查询 SQL query{% if display_rows %}：{% if truncated %}超过 {% endif %}"),
        (" row{% if display_rows|length == 1 %}{% else %}s{% endif %}{% endif %}", " 行{% endif %}"),
        ("{{ show_hide_text }}", '{{ show_hide_text|interface_label("sql") }}'),
        ("<h3>Query parameters</h3>", "<h3>查询参数 Query parameters</h3>"),
        *_SQL_BUTTONS,
        ('class="canned-query-edit-sql">Edit SQL</a>', 'class="canned-query-edit-sql">编辑 SQL</a>'),
        *_EXPORT_LINKS,
        ('<p class="zero-results">0 results</p>', '<p class="zero-results">没有结果 0 results</p>'),
    ],
    "error.html": [("Error {{ status }}", "错误 Error {{ status }}")],
    # datasette-search-all's page, /-/search
    "search_all.html": [
        ("{% block title %}Search{% if q %}: {{ q }}{% else %} all tables{% endif %}{% endblock %}",
         "{% block title %}检索全部表格{% if q %}：{{ q }}{% endif %}{% endblock %}"),
        ("<h1>Search all tables</h1>", '<h1>检索全部表格 Search all tables</h1>\n<p>按相关度检索文章（附摘录）、案例、机构与人物：'
         '<a href="{{ urls.path(\'/-/find\') }}{% if q %}?q={{ q|urlencode }}{% endif %}">检索页 the search page</a></p>'),
        # Not words but room: each cell is folded to three lines (whole articles made this page 16,000 px tall).
        ('<style type="text/css">', '<style type="text/css">\n#search-all-results td { min-width: 4em; max-width: 24em; }\n'
         '#search-all-results td > div { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; '
         'overflow: hidden; overflow-wrap: anywhere; }'),
        ("autoescape`<td>${displayCell(row[column])}</td>`", "autoescape`<td><div>${displayCell(row[column])}</div></td>`"),
        ("<p>There are no tables that have been configured for search.</p>", "<p>没有可检索的表格 No table is set up for search.</p>"),
        ('<input type="submit" value="Search">', '<input type="submit" value="检索">'),
        ('">Search {{ searchable_table.database }}: {{ searchable_table.table }} for "{{ q }}"</a>',
         '">在 {{ searchable_table.database }}: {{ searchable_table.table }} 中检索“{{ q }}”</a>'),
        ("${Number(more_count).toLocaleString()} more result${more_count == 1 ? '' : 's'}",
         "另有 ${Number(more_count).toLocaleString()} 条结果"),
        ("${Number(count).toLocaleString()} result${count == 1 ? '' : 's'}</a> in ${database}: ${table}",
         "${Number(count).toLocaleString()} 条结果</a> · ${database}: ${table}"),
        ("<p>No results in <a", "<p>没有结果 No results · <a"),
    ],
}

# Labels Datasette computes in Python, by kind: filter operators, facet types, menu links, "show"/"hide" SQL.
INTERFACE_LABELS: dict[str, dict[str, str]] = {
    "operator": {
        "contains": "包含", "ends with": "结尾是", "starts with": "开头是", "like": "like（% 通配）",
        "not like": "not like（% 通配）", "glob": "glob（* 通配）", "in": "属于（逗号分隔）", "not in": "不属于（逗号分隔）",
        "array contains": "列表含有", "array does not contain": "列表不含", "date": "日期为", "is null": "为 NULL",
        "is not null": "不为 NULL", "is blank": "空白", "is not blank": "非空白",
    },
    "facet_type": {"array": "列表 array", "date": "日期 date"},
    "menu": {"Search all tables": "检索全部表格 Search all tables"},
    "crumb": {"home": "首页 home"},
    "sql": {"show": "显示 SQL", "hide": "隐藏 SQL"},
}

# Datasette and its map plugins also write English from JavaScript: the column menu and the filters' remove
# buttons (table.js), the map's zoom buttons (Leaflet) and the cluster map's progress line. Each script is
# served at its own address translated the same way (plugins/interface_zh.py): address -> (package, file in
# it, fragments). Only string literals are replaced, each must be found (tests/test_interface.py).
INTERFACE_SCRIPTS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "/-/static/table.js": ("datasette", "static/table.js", [
        ('>Sort ascending</a>', '>升序排列</a>'),
        ('>Sort descending</a>', '>降序排列</a>'),
        ('>Facet by this</a>', '>按此分面</a>'),
        ('>Hide this column</a>', '>隐藏此列</a>'),
        ('>Show all columns</a>', '>显示所有列</a>'),
        ('>Show not-blank rows</a>', '>只看非空行</a>'),
        ("`Type: ${columnType.toUpperCase()}${notNull}`", "`类型 Type：${columnType.toUpperCase()}${notNull}`"),
        ('a.setAttribute("aria-label", "Remove this filter");', 'a.setAttribute("aria-label", "取消此条件");'),
    ]),
    "/-/static-plugins/datasette-leaflet/leaflet-v1.7.1.js": ("datasette_leaflet", "static/leaflet-v1.7.1.js", [
        ('zoomInTitle: "Zoom in"', 'zoomInTitle: "放大"'),
        ('zoomOutTitle: "Zoom out"', 'zoomOutTitle: "缩小"'),
        ('title="A JS library for interactive maps"', 'title="交互地图的 JavaScript 库 A JS library for interactive maps"'),
    ]),
    "/-/static-plugins/datasette-cluster-map/datasette-cluster-map.js": (
        "datasette_cluster_map", "static/datasette-cluster-map.js", [
            ('button.innerHTML = "pause";', 'button.innerHTML = "暂停";'),
            ('button.innerHTML = "load all";', 'button.innerHTML = "全部载入";'),
            ("`Showing ${count.toLocaleString()} of ${total.toLocaleString()}${percent} `",
             "`已显示 ${count.toLocaleString()} / ${total.toLocaleString()} 个${percent} `"),
        ]),
}


def replace_fragments(name: str, source: str, fragments: list[tuple[str, str]], strict: bool) -> str:
    """source with each (old, new) fragment replaced; strict: a fragment not found raises KeyError (Datasette
    changed the file it was written for)."""
    for old, new in fragments:
        if old not in source:
            if strict:
                raise KeyError(f"{name}: {old!r} not found")
            continue
        source = source.replace(old, new)
    return source


def translate_script(address: str, strict: bool = True) -> str:
    """The installed script served at `address` with its English string literals in Chinese (strict: as
    translate_template)."""
    import importlib.util
    from pathlib import Path

    package, file, fragments = INTERFACE_SCRIPTS[address]
    source = (Path(importlib.util.find_spec(package).origin).parent / file).read_text(encoding="utf-8")
    return replace_fragments(address, source, fragments, strict)


def translate_template(name: str, source: str, strict: bool = True) -> str:
    """A Datasette (or plugin) template's source with its fixed English fragments in Chinese.

    strict: a fragment missing from the source (Datasette reworded it) raises KeyError naming both; the
    site itself is lenient (the fragment stays English) and the tests are strict."""
    return replace_fragments(name, source, INTERFACE_TEMPLATES.get(name, []), strict)


def translating_loader(loader, own_dirs: list[str], rewrite=None):
    """A Jinja loader that hands out `loader`'s templates, translated, except those of the project's own
    template folders (`own_dirs`), which are written bilingual already. rewrite(name, source): another
    change of the same templates (site.faster_template), in place of the translation."""
    import os

    from jinja2 import BaseLoader

    own = [os.path.realpath(d) + os.sep for d in own_dirs if d]

    class TranslatingLoader(BaseLoader):
        def get_source(self, environment, template):
            source, filename, uptodate = loader.get_source(environment, template)
            if filename and not os.path.realpath(filename).startswith(tuple(own)):
                name = os.path.basename(filename)
                source = rewrite(name, source) if rewrite else translate_template(name, source, strict=False)
            return source, filename, uptodate

        def list_templates(self):
            return loader.list_templates()

    return TranslatingLoader()


def interface_label(text, kind: str):
    """A label Datasette computes (an operator, facet type, menu link) in Chinese; an unknown one as it is."""
    return INTERFACE_LABELS[kind].get(text, text) if isinstance(text, str) else text


# Datasette's filters (filters.py, by key) as Chinese clauses: {c} the column, {v} the value as typed.
FILTER_CLAUSES: dict[str, str] = {
    "exact": "{c} = {v}", "not": "{c} ≠ {v}", "contains": "{c} 包含“{v}”", "endswith": "{c} 以“{v}”结尾",
    "startswith": "{c} 以“{v}”开头", "gt": "{c} > {v}", "gte": "{c} ≥ {v}", "lt": "{c} < {v}", "lte": "{c} ≤ {v}",
    "like": "{c} like “{v}”", "notlike": "{c} not like “{v}”", "glob": "{c} glob “{v}”", "in": "{c} 属于 {v}",
    "notin": "{c} 不属于 {v}", "arraycontains": "{c} 含有“{v}”", "arraynotcontains": "{c} 不含“{v}”",
    "date": "{c} 日期为 {v}", "isnull": "{c} 为 NULL", "notnull": "{c} 不为 NULL", "isblank": "{c} 空白",
    "notblank": "{c} 非空白",
}


def _sort_zh(sort, sort_desc) -> str:
    return f"按 {sort_desc} 降序排列" if sort_desc else (f"按 {sort} 升序排列" if sort else "")


def filters_in_chinese(english: str, filters, search=None, sort=None, sort_desc=None) -> str | None:
    """The table's filters, search and sort in Chinese, built from the request's own filters; None unless
    Datasette's English description is exactly what those make (another plugin added a clause: not ours to say)."""
    if not hasattr(filters, "selections"):
        return None
    by_key = getattr(filters, "_filters_by_key", {})
    en_bits, zh_bits = ([f'search matches "{search}"'], [f"检索“{search}”"]) if search else ([], [])
    for column, lookup, value in filters.selections():
        rule = by_key.get(lookup)
        if rule is None:
            continue  # Datasette leaves an unknown lookup out of its description too
        if lookup not in FILTER_CLAUSES:
            return None
        en_bits.append(rule.human_clause(column, value))
        zh_bits.append(FILTER_CLAUSES[lookup].format(c=column, v=value))
    # Datasette's own wording: commas, then " and " before the last clause; "where" first; the sort after.
    joined = " and ".join(([", ".join(en_bits[:-1])] if en_bits[:-1] else []) + en_bits[-1:])
    rebuilt = " ".join(b for b in [f"where {joined}" if joined else "",
                                   f"sorted by {sort or sort_desc}{' descending' if sort_desc else ''}" if sort or sort_desc else ""] if b)
    if rebuilt != english:
        return None
    return "，".join(p for p in ("条件：" + "；".join(zh_bits) if zh_bits else "", _sort_zh(sort, sort_desc)) if p)


_SORTED_BY = re.compile(r"(?:^| )sorted by ([A-Za-z0-9_]+)( descending)?$")


def interface_description(text: str | None, filters=None, search=None, sort=None, sort_desc=None) -> str:
    """Datasette's English summary of a table's filters in Chinese: rebuilt from the filters where they account
    for all of it, else only where its shape is fixed (`where`, a search, the sort order), the rest as written."""
    if not text:
        return text or ""
    chinese = filters_in_chinese(text, filters, search, sort, sort_desc)
    if chinese is not None:
        return chinese
    sort = ""
    m = _SORTED_BY.search(text)
    if m:
        sort = f"按 {m.group(1)} {'降序' if m.group(2) else '升序'}排列"
        text = text[:m.start()]
    if text.startswith("where "):
        text = "条件：" + text[len("where "):]
        if text.startswith("条件：search matches "):
            text = "条件：检索 " + text[len("条件：search matches "):]
    return "，".join(p for p in (text, sort) if p)

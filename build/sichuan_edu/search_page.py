"""The search page people read (/-/find): ranked articles with snippets, facets by paper, year and
keyword, pages of results, and the cases, institutions and people that match.

The query is turned into the same bigram phrases the index holds (search.py), so the page finds exactly
what the table search boxes find. Ranking: articles whose headline holds more of the query's terms come
first, then FTS5's bm25 (title weighted 10, kicker and subtitle 5, body and ending 1, as the canned
`search` query), then how often the terms occur, then the newer issue, then id.

Why headlines first: FTS5's bm25 adds a term's weighted hits over all columns into one term frequency,
which saturates and is divided by the whole article's length, so a headline hit in a long article can
score below one passing mention in a short brief. Why the last keys: the same article printed on two
pages scores the same, and where a term is in more than half of the articles (any common term in a small
collection) bm25's inverse document frequency is clamped to 1e-6, so scores are nearly alike; rounded,
as the canned query shows them, they are all -0.0.
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from markupsafe import Markup, escape

from .search import match_expression, search_terms

SEARCH_PATH = "/-/find"
PAGE_SIZE = 20
MAX_PAGE = 500  # deeper than anyone reads; keeps OFFSET bounded
ENTITY_LIMIT = 10
FACET_LIMIT = 12
SNIPPET_CHARS = 90  # about four lines on a 390 px phone
FIRST_WORDS = 24
UNKNOWN = "none"  # the facet value for an unknown paper, year or keyword
INFERRED = "?"  # a year read from the manifest's content_year, not from a printed date

# bm25 weights in the order of the FTS columns: title, kicker, subtitle, body, ending (schema.FTS_CONFIG).
BM25 = "bm25(articles_fts, 10.0, 5.0, 5.0, 1.0, 1.0)"
# What the page prints wins; the manifest's value is used where the page's margins print none.
PAPER_SQL = "coalesce(pages.paper, pages.printed_paper)"
DATE_SQL = "coalesce(articles.published, pages.printed_date)"
PAGE_NO_SQL = "coalesce(pages.page_no, pages.printed_page_no)"
YEAR_SQL = (f"case when {DATE_SQL} is not null then substr({DATE_SQL}, 1, 4) "
            f"when pages.content_year is not null then pages.content_year || '{INFERRED}' else '{UNKNOWN}' end")
FACETS = {"paper": PAPER_SQL, "year": YEAR_SQL, "keyword": "articles.keyword"}


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    paper: str | None = None
    year: str | None = None
    keyword: str | None = None
    page: int = 1

    @property
    def terms(self) -> list[str]:
        return search_terms(self.q)


def parse_request(args: Mapping[str, str]) -> SearchRequest:
    """The page's query-string arguments -> a SearchRequest (bad page numbers become 1)."""
    try:
        page = min(max(int(args.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    facets = {name: (args.get(name) or None) for name in FACETS}
    return SearchRequest(q=(args.get("q") or "").strip(), page=page, **facets)


def search_url(req: SearchRequest, path: str = SEARCH_PATH, **changes) -> str:
    """The page's address for a request with some fields changed (a facet chosen, another page)."""
    r = replace(req, **changes)
    params = [("q", r.q)] + [(name, getattr(r, name)) for name in FACETS if getattr(r, name) is not None]
    if r.page > 1:
        params.append(("page", r.page))
    return path + "?" + urlencode(params)


# --- SQL ---------------------------------------------------------------------------------------

def _squashed(column: str) -> str:
    """A column as the index sees it: lower case (ASCII), without spaces or line breaks."""
    return f"lower(replace(replace(coalesce({column}, ''), ' ', ''), char(10), ''))"


def _all_terms_in(column: str, terms: list[str]) -> str:
    return " and ".join(f"instr({_squashed(column)}, :t{i}) > 0" for i in range(len(terms))) or "0"


def _term_params(terms: list[str]) -> dict:
    return {f"t{i}": t for i, t in enumerate(terms)}


def filter_sql(req: SearchRequest) -> tuple[str, dict]:
    """The facet filters as a WHERE clause over articles and pages."""
    clauses, params = [], {}
    for name, expr in FACETS.items():
        value = getattr(req, name)
        if value is None:
            continue
        if value == UNKNOWN and name != "year":  # the year expression spells its unknown itself
            clauses.append(f"{expr} is null")
        else:
            clauses.append(f"{expr} = :f_{name}")
            params[f"f_{name}"] = value
    return " and ".join(clauses) or "1", params


def articles_sql(req: SearchRequest) -> tuple[str, dict]:
    """One page of ranked articles: headline hits, bm25, then the tie-break (see the module's docstring).

    The occurrence count reads each body, so it is computed only for the rows within the page's reach:
    the first (offset + page size) rows by headline hits and score, and every row tied with the last."""
    where, params = filter_sql(req)
    terms = req.terms
    title, text = "articles.title", "coalesce(articles.title, '') || coalesce(articles.body, '')"
    title_hits = " + ".join(f"(instr({_squashed(title)}, :t{i}) > 0)" for i in range(len(terms))) or "0"
    occurrences = " + ".join(
        f"(length({_squashed(text)}) - length(replace({_squashed(text)}, :t{i}, ''))) / length(:t{i})"
        for i in range(len(terms))) or "0"
    offset = (req.page - 1) * PAGE_SIZE
    sql = f"""
with matches as materialized (
  select articles_fts.rowid as rid, {BM25} as score from articles_fts where articles_fts match :match
),
ranked as materialized (
  select matches.rid, matches.score, {title_hits} as title_hits from matches
  join articles on articles.rowid = matches.rid join pages on pages.id = articles.page_id
  where {where}
),
cut as (select title_hits, score from ranked order by title_hits desc, score limit 1 offset :window - 1)
select articles.id, articles.title, articles.kicker, articles.subtitle, articles.byline, articles.body,
  {PAPER_SQL} as paper, {DATE_SQL} as published, {PAGE_NO_SQL} as page_no, pages.content_year,
  ranked.score, ranked.title_hits, {occurrences} as occurrences
from ranked
join articles on articles.rowid = ranked.rid
join pages on pages.id = articles.page_id
where not exists (select 1 from cut) or ranked.title_hits > (select title_hits from cut)
  or (ranked.title_hits = (select title_hits from cut) and ranked.score <= (select score from cut))
order by ranked.title_hits desc, ranked.score, occurrences desc, published desc nulls last, articles.id
limit :limit offset :offset"""
    params.update(_term_params(terms), match=match_expression(req.q), window=offset + PAGE_SIZE,
                  limit=PAGE_SIZE, offset=offset)
    return sql, params


def _matching_articles(where: str) -> str:
    return ("from articles_fts join articles on articles.rowid = articles_fts.rowid "
            f"join pages on pages.id = articles.page_id where articles_fts match :match and {where}")


def count_sql(req: SearchRequest) -> tuple[str, dict]:
    where, params = filter_sql(req)
    if where == "1":  # without filters the index alone counts, without reading a row
        return "select count(*) from articles_fts where articles_fts match :match", {"match": match_expression(req.q)}
    return f"select count(*) {_matching_articles(where)}", {**params, "match": match_expression(req.q)}


def facets_sql(req: SearchRequest) -> tuple[str, dict]:
    """Every facet's commonest values in one pass over the matching articles (rows: facet, value, n)."""
    where, params = filter_sql(req)
    columns = ", ".join(f"{expr} as {name}" for name, expr in FACETS.items())
    groups = " union all ".join(f"select '{name}' as facet, {name} as value, count(*) as n from chosen group by {name}"
                                for name in FACETS)
    sql = (f"with chosen as materialized (select {columns} {_matching_articles(where)}) "
           f"select facet, value, n from (select facet, value, n, row_number() over "
           f"(partition by facet order by n desc, value) as place from ({groups})) "
           f"where place <= {FACET_LIMIT} order by facet, place")
    return sql, {**params, "match": match_expression(req.q)}


def _institution_hits(terms: list[str]) -> str:
    """Institutions any of whose names (canonical, printed, later) holds every term, or whose name or
    pinyin the index matches (luzhou zhiye)."""
    return (f"select institution_id from institution_names where {_all_terms_in('institution_names.name', terms)} "
            "union select rowid from institutions_fts where institutions_fts match :match")


def cases_sql(req: SearchRequest, count: bool = False) -> tuple[str, dict]:
    """Cases whose title or units hold every term, or that a matching institution submitted."""
    terms = req.terms
    text = "cases.title || ' ' || coalesce(cases.units, '')"
    where = (f"{_all_terms_in(text, terms)} or cases.id in "
             f"(select case_id from case_institutions where institution_id in ({_institution_hits(terms)}))")
    select = "count(*)" if count else "cases.id, cases.seq, cases.title, cases.units, cases.category, cases.article_id"
    sql = f"select {select} from cases where {where}"
    if not count:
        sql += f" order by cases.article_id, cases.seq limit {ENTITY_LIMIT}"
    return sql, {**_term_params(terms), "match": match_expression(req.q)}


def case_units_sql(case_ids: list[str]) -> tuple[str, dict]:
    marks = ", ".join(f":c{i}" for i in range(len(case_ids)))
    sql = ("select case_id, seq, printed_name, institution_id from case_institutions "
           f"where case_id in ({marks}) order by case_id, seq")
    return sql, {f"c{i}": c for i, c in enumerate(case_ids)}


def institutions_sql(req: SearchRequest, count: bool = False) -> tuple[str, dict]:
    """Institutions by any printed form, with every other form, their city, and how often they appear.
    The name itself first, then names that start with it, shorter before longer; the counts are read
    only for the rows shown (an education department can be named in most articles)."""
    params = {**_term_params(req.terms), "match": match_expression(req.q), "q": req.q}
    hits = _institution_hits(req.terms)
    if count:
        return f"select count(*) from institutions where id in ({hits})", params
    sql = f"""
select institutions.id, institutions.name, institutions.type, cities.name as city,
  (select json_group_array(json_array(n.name, n.kind)) from institution_names n
     where n.institution_id = institutions.id and n.name != institutions.name) as forms,
  (select count(distinct article_id) from article_institutions a where a.institution_id = institutions.id) as articles,
  (select count(*) from case_institutions c where c.institution_id = institutions.id) as cases
from institutions left join cities on cities.id = institutions.city_id
where institutions.id in ({hits})
order by institutions.name = :q desc, instr(institutions.name, :t0) = 1 desc, length(institutions.name), institutions.name
limit {ENTITY_LIMIT}"""
    return sql, params


def people_sql(req: SearchRequest, count: bool = False) -> tuple[str, dict]:
    """People whose name or pinyin the index matches, with the titles printed beside them."""
    params = {"match": match_expression(req.q)}
    hits = "select rowid from people_fts where people_fts match :match"
    if count:
        return f"select count(*) from people where rowid in ({hits})", params
    sql = f"""
select people.id, people.name, count(distinct article_people.article_id) as articles,
  json_group_array(article_people.titles) as titles
from people left join article_people on article_people.person_id = people.id
where people.rowid in ({hits})
group by people.id
order by articles desc, people.name
limit {ENTITY_LIMIT}"""
    return sql, params


# --- what a result shows ---------------------------------------------------------------------------

def _hits(text: str, terms: list[str]) -> list[tuple[int, int, frozenset[int]]]:
    """Where the terms occur in text, whitespace ignored as in the index: (start, end, terms) spans of
    the original text, overlapping or touching ones merged."""
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    # Lower-case one character at a time, keeping any that would change length, so indexes line up.
    squashed = "".join(c.lower() if len(c.lower()) == 1 else c for c in (text[i] for i in positions))
    spans = []
    for n, term in enumerate(terms):
        at = squashed.find(term)
        while at >= 0:
            spans.append((positions[at], positions[at + len(term) - 1] + 1, frozenset([n])))
            at = squashed.find(term, at + len(term))
    merged: list[tuple[int, int, frozenset[int]]] = []
    for start, end, which in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start <= merged[-1][1]:  # overlapping or touching
            s, e, w = merged[-1]
            merged[-1] = (s, max(e, end), w | which)
        else:
            merged.append((start, end, which))
    return merged


def _marked(text: str, spans, start: int, end: int) -> Markup:
    """text[start:end], HTML-escaped, the spans in <mark>, line breaks as spaces."""
    out, at = [], start
    for s, e, _ in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [escape(text[at:s]), Markup("<mark>"), escape(text[s:e]), Markup("</mark>")]
        at = e
    out.append(escape(text[at:end]))
    return Markup("").join(out).replace("\n", " ")


def highlight(text: str | None, terms: list[str]) -> Markup:
    """The whole text, escaped, every occurrence of a term marked."""
    text = text or ""
    return _marked(text, _hits(text, terms), 0, len(text))


def snippet_html(text: str | None, terms: list[str], width: int = SNIPPET_CHARS) -> Markup:
    """About `width` characters of text around the place where most query terms occur together,
    escaped, with the terms marked and … where text is cut."""
    text = text or ""
    spans = _hits(text, terms)
    start = 0
    if spans:
        lead = width // 4

        def coverage(anchor):
            inside = [w for s, e, w in spans if anchor <= s and e <= anchor + width]
            return len(frozenset().union(*inside)), len(inside)

        anchors = [max(0, s - lead) for s, _, _ in spans[:200]]
        start = max(anchors, key=lambda a: (coverage(a), -a))
    start = max(0, min(start, len(text) - width))
    end = min(len(text), start + width)
    for s, e, _ in spans:  # never cut a marked term in two
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    return (Markup("…") if start else Markup("")) + _marked(text, spans, start, end) + ("…" if end < len(text) else "")


def first_words(text: str | None, n: int = FIRST_WORDS) -> str:
    """The first n characters of a text, on one line, for an article printed without a headline."""
    flat = " ".join((text or "").split())
    return flat[:n] + ("…" if len(flat) > n else "")


def year_label(value: str) -> str:
    if value == UNKNOWN:
        return "日期未知 unknown"
    if value.endswith(INFERRED):
        return f"{value[:-1]}（推断 inferred）"
    return value


def article_result(row: Mapping, terms: list[str], article_url: str) -> dict:
    """One ranked article as the page shows it."""
    place = [row["paper"] or "报纸未知", row["published"] or "日期未知"]
    if row["page_no"] is not None:
        place.append(f"第{row['page_no']}版")
    return {
        "id": row["id"],
        "url": article_url,
        "title_html": highlight(row["title"], terms) if row["title"] else None,
        "first_words": None if row["title"] else first_words(row["body"]),
        "place": " · ".join(place),
        "inferred_year": None if row["published"] or row["content_year"] is None else row["content_year"],
        "byline": row["byline"],
        "snippet_html": snippet_html(row["body"], terms),
    }


def facet_items(req: SearchRequest, name: str, rows: list[Mapping], path: str = SEARCH_PATH) -> list[dict]:
    """A facet's values with counts, each a link that narrows the search (or widens it again)."""
    chosen = getattr(req, name)
    items = []
    for row in rows:
        value = UNKNOWN if row["value"] is None else str(row["value"])
        if name == "year":
            label = year_label(value)
        else:
            label = "未知 unknown" if value == UNKNOWN else value
        selected = value == chosen
        items.append({"label": label, "count": row["n"], "selected": selected,
                      "url": search_url(req, path, page=1, **{name: None if selected else value})})
    return items


def page_links(req: SearchRequest, total: int, path: str = SEARCH_PATH) -> list[dict]:
    """Links to the pages of results: first, last, and two either side of this one."""
    last = min(max(1, -(-total // PAGE_SIZE)), MAX_PAGE)
    shown = sorted({1, last, *range(max(1, req.page - 2), min(last, req.page + 2) + 1)})
    links, previous = [], 0
    for n in shown:
        if n > previous + 1:
            links.append({"gap": True})
        links.append({"label": str(n), "url": search_url(req, path, page=n), "current": n == req.page})
        previous = n
    return links if last > 1 else []


def titles_of(titles_json: str | None) -> list[str]:
    """The distinct titles printed beside a person, from the JSON arrays of their appearances."""
    out: dict[str, None] = {}
    for item in json.loads(titles_json or "[]"):
        for title in json.loads(item) if item else []:
            out[title] = None
    return list(out)


FORM_KINDS = {"printed": "文中作", "later_name": "后称", "alias": "又称"}


def forms_of(forms_json: str | None) -> list[dict]:
    return [{"name": name, "kind": FORM_KINDS.get(kind, kind)} for name, kind in json.loads(forms_json or "[]")]


async def search_context(db, req: SearchRequest, db_url: str, path: str = SEARCH_PATH) -> dict:
    """Everything the search page shows (db is a datasette Database; db_url its address on the site)."""
    from datasette.utils import tilde_encode

    out = {"q": req.q, "request": req, "path": path, "results": [], "total": 0, "facets": {},
           "cases": [], "institutions": [], "people": [], "counts": {}, "pages": []}
    if not req.terms:
        return out

    async def rows(query):
        sql, params = query
        return [dict(r) for r in (await db.execute(sql, params)).rows]

    async def one(query):
        sql, params = query
        return (await db.execute(sql, params)).rows[0][0]

    def row_url(table, pk):
        return f"{db_url}/{table}/{tilde_encode(str(pk))}"

    # The queries are independent: Datasette runs each on its own read connection, in parallel.
    (total, articles, facet_rows, cases, institutions, people, n_cases, n_institutions, n_people) = await asyncio.gather(
        one(count_sql(req)), rows(articles_sql(req)), rows(facets_sql(req)), rows(cases_sql(req)),
        rows(institutions_sql(req)), rows(people_sql(req)), one(cases_sql(req, count=True)),
        one(institutions_sql(req, count=True)), one(people_sql(req, count=True)))
    out["total"] = total
    out["results"] = [article_result(r, req.terms, row_url("articles", r["id"])) for r in articles]
    out["facets"] = {name: facet_items(req, name, [r for r in facet_rows if r["facet"] == name], path) for name in FACETS}
    out["pages"] = page_links(req, total, path)
    out["first"] = (req.page - 1) * PAGE_SIZE + 1

    units: dict[str, list] = {}
    for u in await rows(case_units_sql([c["id"] for c in cases])) if cases else []:
        units.setdefault(u["case_id"], []).append(
            {"name": u["printed_name"], "url": row_url("institutions", u["institution_id"]) if u["institution_id"] else None})
    out["cases"] = [{**c, "url": row_url("cases", c["id"]), "title_html": highlight(c["title"], req.terms),
                     "article_url": row_url("articles", c["article_id"]) if c["article_id"] else None,
                     "unit_links": units.get(c["id"], [])} for c in cases]
    out["institutions"] = [{**i, "url": row_url("institutions", i["id"]), "name_html": highlight(i["name"], req.terms),
                            "forms": [{**f, "name_html": highlight(f["name"], req.terms)} for f in forms_of(i["forms"])]}
                           for i in institutions]
    out["people"] = [{**p, "url": row_url("people", p["id"]), "titles": titles_of(p["titles"])} for p in people]
    out["counts"] = {"cases": n_cases, "institutions": n_institutions, "people": n_people}
    out["table_urls"] = {t: f"{db_url}/{t}?" + urlencode({"_search": req.q}) for t in ("articles", "cases", "institutions", "people")}
    return out

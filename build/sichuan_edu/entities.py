"""What the pages of a person, an institution, a case and a city show, each read in one query.

Each query returns the entity's row with its lists as JSON arrays (json_group_array over an ordered
subquery), so a page costs one round trip however many articles the entity has; lists of articles stop at
ARTICLE_LIMIT, with the total beside them and a link to the full list as a table.
"""
from __future__ import annotations

import json
from collections.abc import Mapping

from .labels import CREDIT_ROLES, label, labels
from .page_view import page_url, untitled

ARTICLE_LIMIT = 200
COMPANION_LIMIT = 30
_CREDITS = "(" + ", ".join(f"'{r}'" for r in CREDIT_ROLES) + ")"
# A page's date (the manifest's, else as printed): read from pages, whose columns come before their text,
# so ordering thousands of an entity's articles never reads an article's body.
_DATE = "coalesce(p.published, p.printed_date)"


def _article_json(extra: str = "") -> str:
    """An article as a JSON object, from `articles a join pages p` (extra: more `'key', value` pairs)."""
    return ("json_object('id', a.id, 'title', a.title, 'first_words', substr(a.body, 1, 40), "
            f"'date', {_DATE}, 'paper', coalesce(p.paper, p.printed_paper), "
            "'page_no', coalesce(p.page_no, p.printed_page_no), 'content_year', p.content_year, "
            f"'page_id', a.page_id, 'first_line', a.first_line{extra})")


def _latest_articles(link: str, where: str, fields: list[tuple[str, str, bool]]) -> str:
    """An entity's newest ARTICLE_LIMIT articles as a JSON array, newest first. `link` is the table tying
    it to articles (aliased l, with article_id), `fields` (name, aggregate over l, is JSON) per article.
    The links are grouped, ordered and cut first, from the page's date and the article's page and position
    (columns stored before its body); the body's first words are read only for the articles shown."""
    aggregates = "".join(f", {expr} as {name}" for name, expr, _ in fields)
    extra = "".join(f", '{name}', " + (f"json(x.{name})" if is_json else f"x.{name}") for name, _, is_json in fields)
    order = "x.d is null, x.d desc, x.page_id desc, x.seq"
    return f"""(select json_group_array(json(item)) from (
    select {_article_json(extra)} as item
    from (select l.article_id, min({_DATE}) as d, min(a.page_id) as page_id, min(a.seq) as seq{aggregates}
          from {link} l join articles a on a.id = l.article_id join pages p on p.id = a.page_id
          where {where} group by l.article_id order by d is null, d desc, page_id desc, seq limit {ARTICLE_LIMIT}) x
    join articles a on a.id = x.article_id join pages p on p.id = a.page_id
    order by {order}))"""


def _list(select_item: str, rest: str) -> str:
    """A JSON array of objects, in the subquery's order."""
    return f"(select json_group_array(json(item)) from (select {select_item} as item {rest}))"


PERSON_SQL = f"""
select people.id, people.name, people.pinyin, people.identity, people.institution_id,
  institutions.name as institution_name, institutions.type as institution_type,
  (select count(distinct article_id) from article_people where person_id = :id) as article_count,
  {_latest_articles("article_people", "l.person_id = :id", [
      ("roles", "json_group_array(l.role)", True), ("titles", "json_group_array(json(coalesce(l.titles, '[]')))", True)])} as articles,
  {_list("json_object('title', t.value, 'first', min(" + _DATE + "), 'last', max(" + _DATE + "), 'articles', count(distinct a.id))",
         f'''from article_people ap join json_each(coalesce(ap.titles, '[]')) t
         join articles a on a.id = ap.article_id join pages p on p.id = a.page_id
         where ap.person_id = :id group by t.value order by min({_DATE}) is null, min({_DATE}), min(a.page_id), min(a.seq)''')} as titles,
  {_list("json_object('role', role, 'articles', count(distinct article_id))",
         "from article_people where person_id = :id group by role order by count(distinct article_id) desc, role")} as roles,
  {_list("json_object('id', i.id, 'name', i.name, 'type', i.type, 'relations', json_group_array(distinct pi.relation), "
         "'articles', json_group_array(distinct pi.article_id))",
         "from person_institutions pi join institutions i on i.id = pi.institution_id where pi.person_id = :id "
         "group by i.id order by i.name")} as institutions,
  {_list("json_object('id', o.id, 'name', o.name, 'articles', count(distinct other.article_id), "
         "'roles', json_group_array(distinct other.role))",
         f'''from article_people mine
         join article_people other on other.article_id = mine.article_id and other.person_id != mine.person_id
           and (other.role in {_CREDITS}) = (mine.role in {_CREDITS})
         join people o on o.id = other.person_id
         where mine.person_id = :id group by o.id order by count(distinct other.article_id) desc, o.name
         limit {COMPANION_LIMIT}''')} as companions
from people left join institutions on institutions.id = people.institution_id
where people.id = :id"""

INSTITUTION_SQL = f"""
select i.id, i.name, i.pinyin, i.type, i.city_id, i.county_id, i.city_source, i.place_id, i.level, i.hei_code,
  i.latitude, i.longitude, i.note, cities.name as city_name, counties.name as county_name,
  places.name as place_name, places.level as place_level, places.province as place_province,
  places.prefecture as place_prefecture,
  (select count(distinct article_id) from article_institutions where institution_id = :id) as article_count,
  {_list("json_object('name', name, 'kind', kind)",
         "from institution_names where institution_id = :id order by kind != 'canonical', kind, name")} as names,
  {_latest_articles("article_institutions", "l.institution_id = :id", [
      ("printed", "json_group_array(distinct l.printed_name)", True), ("mentions", "sum(l.mentions)", False)])} as articles,
  {_list('''json_object('id', c.id, 'title', c.title, 'category', c.category, 'seq', c.seq, 'article_id', c.article_id,
           'printed', ci.printed_name, 'partners', (select json_group_array(other.printed_name) from case_institutions other
             where other.case_id = c.id and other.institution_id != :id))''',
         "from case_institutions ci join cases c on c.id = ci.case_id where ci.institution_id = :id "
         "order by c.article_id, c.seq")} as cases,
  {_list('''json_object('id', p.id, 'name', p.name,
           'relations', (select json_group_array(distinct relation) from person_institutions
                         where person_id = p.id and institution_id = :id),
           'articles', (select count(distinct article_id) from article_people where person_id = p.id))''',
         '''from people p where p.id in (select person_id from person_institutions where institution_id = :id
           union select id from people where institution_id = :id) order by p.name''')} as people
from institutions i
left join cities on cities.id = i.city_id
left join counties on counties.id = i.county_id
left join places on places.id = i.place_id
where i.id = :id"""

CASE_SQL = f"""
select c.id, c.title, c.page_id, c.article_id, c.table_id, c.seq, c.units, c.cities, c.category, c.confidence,
  c.first_line, c.last_line, a.title as article_title, substr(a.body, 1, 40) as article_first_words,
  a.first_line as article_first_line,
  t.title as table_title, t.row_count as table_rows,
  coalesce(p.paper, p.printed_paper) as paper, coalesce(p.published, p.printed_date) as date,
  coalesce(p.page_no, p.printed_page_no) as page_no, p.content_year,
  {_list('''json_object('seq', ci.seq, 'printed', ci.printed_name, 'id', i.id, 'name', i.name, 'type', i.type,
           'city_id', i.city_id, 'city', cities.name, 'line_no', ci.line_no)''',
         '''from case_institutions ci left join institutions i on i.id = ci.institution_id
         left join cities on cities.id = i.city_id where ci.case_id = :id order by ci.seq''')} as unit_list,
  (select json_object('id', id, 'title', title) from cases prev where prev.table_id = c.table_id and prev.seq = c.seq - 1) as previous,
  (select json_object('id', id, 'title', title) from cases nxt where nxt.table_id = c.table_id and nxt.seq = c.seq + 1) as next
from cases c
left join articles a on a.id = c.article_id
left join page_tables t on t.id = c.table_id
left join pages p on p.id = c.page_id
where c.id = :id"""

CITY_SQL = f"""
select cities.id, cities.name, cities.adcode, cities.latitude, cities.longitude, cities.source,
  (select count(distinct article_id) from article_places where city_id = :id) as article_count,
  {_list("json_object('id', id, 'name', name, 'type', type, 'county', county, 'cases', cases, 'articles', articles)",
         '''from (select i.id, i.name, i.type, counties.name as county,
             (select count(*) from case_institutions where institution_id = i.id) as cases,
             (select count(distinct article_id) from article_institutions where institution_id = i.id) as articles
           from institutions i left join counties on counties.id = i.county_id where i.city_id = :id)
         order by cases desc, articles desc, name''')} as institutions,
  {_list("json_object('id', c.id, 'title', c.title, 'units', c.units, 'category', c.category, 'article_id', c.article_id)",
         '''from cases c where c.id in (select ci.case_id from case_institutions ci
           join institutions i on i.id = ci.institution_id where i.city_id = :id) order by c.article_id, c.seq''')} as cases,
  {_latest_articles("article_places", "l.city_id = :id", [
      ("printed", "json_group_array(distinct l.printed_name)", True), ("mentions", "sum(l.mentions)", False)])} as articles
from cities where cities.id = :id"""

JSON_COLUMNS = ("articles", "titles", "roles", "institutions", "companions", "names", "cases", "people", "unit_list",
                "previous", "next")


def decode(row: Mapping) -> dict:
    """A row with its JSON columns parsed (NULL stays None)."""
    out = dict(row)
    for key in JSON_COLUMNS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key]) if out[key] else None
    return out


def row_url(db_url: str, table: str, pk) -> str:
    from datasette.utils import tilde_encode

    return f"{db_url}/{table}/{tilde_encode(str(pk))}"


def when(date: str | None, content_year=None) -> str:
    """An article's date, else the year its content is about (inferred), else 日期未知."""
    if date:
        return date
    if content_year:
        return f"{content_year}年（推断 inferred）"
    return "日期未知 date unknown"


def article_item(a: Mapping, db_url: str, base: str = "") -> dict:
    """An article in a list: linked headline (or first words), where and when it was printed."""
    where = [a.get("paper") or "报纸未知"]
    if a.get("page_no") is not None:
        where.append(f"第{a['page_no']}版")
    return {**a, "url": row_url(db_url, "articles", a["id"]), "label": a.get("title") or untitled(a.get("first_words")),
            "untitled": not a.get("title"), "when": when(a.get("date"), a.get("content_year")),
            "where": " · ".join(where),
            "page_url": page_url(a["page_id"], base, article=a["id"], line=a.get("first_line"))}


def distinct_titles(appearances: list) -> list[str]:
    """The titles printed beside a person in one article (a JSON array per role), each once, in order."""
    return list(dict.fromkeys(t for titles in appearances for t in (titles or [])))


def person_context(row: Mapping, db_url: str, base: str = "") -> dict:
    """The person page: titles and roles over time, articles, institutions, people they appear with."""
    p = decode(row)
    articles = [{**article_item(a, db_url, base), "roles": labels("role", a["roles"]), "titles": distinct_titles(a["titles"])}
                for a in p["articles"]]
    institutions = {}
    if p["institution_id"] is not None:
        institutions[p["institution_id"]] = {"id": p["institution_id"], "name": p["institution_name"],
                                             "type": label("institution_type", p["institution_type"]),
                                             "relations": [], "identifies": True}
    for i in p["institutions"]:
        entry = institutions.setdefault(i["id"], {"id": i["id"], "name": i["name"], "identifies": False,
                                                  "type": label("institution_type", i["type"]), "relations": []})
        entry["relations"] = [r for r in i["relations"] if r]
    return {
        "name": p["name"], "id": p["id"], "pinyin": p["pinyin"], "identity": label("identity", p["identity"]),
        "article_count": p["article_count"], "articles": articles, "more_articles": p["article_count"] > len(articles),
        "titles": [{**t, "first": when(t["first"]), "last": when(t["last"]), "same": t["first"] == t["last"]} for t in p["titles"]],
        "roles": [{"label": label("role", r["role"]), "articles": r["articles"]} for r in p["roles"]],
        "institutions": [{**i, "url": row_url(db_url, "institutions", i["id"])} for i in institutions.values()],
        "companions": [{**c, "url": row_url(db_url, "people", c["id"]), "roles": labels("role", c["roles"])}
                       for c in p["companions"]],
    }


def place_line(i: Mapping) -> str:
    """Where an institution is, by name: 泸州市 (四川省), or the division its name places it in."""
    if i.get("place_name"):
        inside = [x for x in (i.get("place_prefecture"), i.get("place_province")) if x and x != i["place_name"]]
        return i["place_name"] + (f"（{'，'.join(inside)}）" if inside else "")
    return ""


def institution_context(row: Mapping, db_url: str, base: str = "") -> dict:
    """The institution page: printed forms, type, level, place, MoE code, articles, cases, people."""
    i = decode(row)
    forms = [{"name": n["name"], "kind": label("name_kind", n["kind"])} for n in i["names"] if n["name"] != i["name"]]
    return {
        "name": i["name"], "id": i["id"], "pinyin": i["pinyin"],
        "type": label("institution_type", i["type"]), "level": label("level", i["level"]),
        "place": place_line(i), "place_id": i["place_id"],
        "city": {"id": i["city_id"], "name": i["city_name"], "url": row_url(db_url, "cities", i["city_id"])} if i["city_id"] else None,
        "county": i["county_name"], "city_source": label("city_source", i["city_source"]),
        "hei_code": i["hei_code"], "note": i["note"], "forms": forms,
        "latitude": i["latitude"], "longitude": i["longitude"],
        "article_count": i["article_count"],
        "articles": [{**article_item(a, db_url, base), "printed": a["printed"], "mentions": a["mentions"]} for a in i["articles"]],
        "cases": [{**c, "url": row_url(db_url, "cases", c["id"]),
                   "article_url": row_url(db_url, "articles", c["article_id"]) if c["article_id"] else None,
                   "partners": c["partners"] or []} for c in i["cases"]],
        "people": [{**p, "url": row_url(db_url, "people", p["id"]), "relations": [r for r in p["relations"] or [] if r]}
                   for p in i["people"]],
    }


def case_context(row: Mapping, db_url: str, base: str = "") -> dict:
    """The case page: title, units linked with their cities, category, the article and table, its lines."""
    c = decode(row)
    units = [{**u, "url": row_url(db_url, "institutions", u["id"]) if u["id"] is not None else None,
              "city_url": row_url(db_url, "cities", u["city_id"]) if u["city_id"] else None,
              "type": label("institution_type", u["type"])} for u in c["unit_list"]]
    article = None
    if c["article_id"]:
        article = article_item({"id": c["article_id"], "title": c["article_title"], "first_words": c["article_first_words"],
                                "date": c["date"], "paper": c["paper"], "page_no": c["page_no"],
                                "content_year": c["content_year"], "page_id": c["page_id"],
                                "first_line": c["article_first_line"]}, db_url, base)
    neighbours = {k: ({**c[k], "url": row_url(db_url, "cases", c[k]["id"])} if c[k] else None) for k in ("previous", "next")}
    return {
        "title": c["title"], "id": c["id"], "seq": c["seq"], "units": units, "category": c["category"],
        "confidence": c["confidence"], "article": article, "table_title": c["table_title"], "table_rows": c["table_rows"],
        "first_line": c["first_line"], "last_line": c["last_line"],
        "page_url": page_url(c["page_id"], base, case=c["id"], line=c["first_line"]) if c["page_id"] else None,
        **neighbours,
    }


def city_context(row: Mapping, db_url: str, base: str = "") -> dict:
    """The city page: its institutions (with their cases and articles), the cases they submitted, the
    articles that name the city."""
    c = decode(row)
    return {
        "name": c["name"], "id": c["id"], "adcode": c["adcode"], "latitude": c["latitude"], "longitude": c["longitude"],
        "source": c["source"], "article_count": c["article_count"],
        "institutions": [{**i, "url": row_url(db_url, "institutions", i["id"]), "type": label("institution_type", i["type"])}
                         for i in c["institutions"]],
        "cases": [{**k, "url": row_url(db_url, "cases", k["id"])} for k in c["cases"]],
        "articles": [{**article_item(a, db_url, base), "printed": a["printed"], "mentions": a["mentions"]} for a in c["articles"]],
    }


ENTITY_PAGES = {
    "people": (PERSON_SQL, person_context),
    "institutions": (INSTITUTION_SQL, institution_context),
    "cases": (CASE_SQL, case_context),
    "cities": (CITY_SQL, city_context),
}


async def entity_context(db, table: str, pk: str, db_url: str, base: str = "") -> dict | None:
    """The context of an entity's page (db is a datasette Database): one query."""
    sql, shape = ENTITY_PAGES[table]
    rows = (await db.execute(sql, {"id": pk})).rows
    return shape(rows[0], db_url, base) if rows else None

"""Findability: the Atom feed of the newest articles, the sitemap and robots.txt."""
from datetime import datetime, timezone
from urllib.parse import urlparse
from xml.etree import ElementTree as ET

import pytest

from sichuan_edu.feeds import DAY, atom_feed

A = "{http://www.w3.org/2005/Atom}"
BUILT = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def ds(site):
    return site


async def get(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response


def rows():
    return [
        {"id": "p1-a1", "title": "甲", "byline": "本报讯（记者 乙）", "body": "正文" * 200, "published": "2025-03-02",
         "paper": "某报", "page_no": 3},
        {"id": "p2-a1", "title": None, "byline": None, "body": "没有标题的一篇短讯正文，共计二十多个字符在这里。", "published": None,
         "paper": None, "page_no": None},
    ]


def test_feed_says_only_what_is_known():
    feed = ET.fromstring(atom_feed(rows(), "https://x.org/", "https://x.org/-/newest.atom",
                                   "https://x.org/db/articles", BUILT))
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}id").text for e in entries] == ["https://x.org/db/articles/p1-a1", "https://x.org/db/articles/p2-a1"]
    dated, undated = entries
    assert dated.find(f"{A}published").text == "2025-03-02" + DAY
    assert dated.find(f"{A}updated").text == "2025-03-02" + DAY
    # No date printed or given: no <published>; <updated> is when our record was built.
    assert undated.find(f"{A}published") is None
    assert undated.find(f"{A}updated").text == "2026-01-02T03:04:05+00:00"
    assert undated.find(f"{A}title").text.startswith("（无标题）没有标题的一篇短讯")
    assert feed.find(f"{A}updated").text == "2025-03-02" + DAY
    summary = dated.find(f"{A}summary").text
    assert summary.startswith("某报 2025-03-02 第3版 本报讯（记者 乙）\n") and len(summary.split("\n", 1)[1]) == 300
    assert feed.find(f"{A}author/{A}name").text  # Atom: a feed without entry authors names its own


def test_empty_feed_is_valid():
    feed = ET.fromstring(atom_feed([], "https://x.org/", "https://x.org/-/newest.atom", "https://x.org/db/articles", BUILT))
    assert feed.findall(f"{A}entry") == [] and feed.find(f"{A}updated").text == "2026-01-02T03:04:05+00:00"


@pytest.mark.asyncio
async def test_site_feed_lists_every_seed_article(ds, db):
    response = await get(ds, "/-/newest.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [e.find(f"{A}title").text for e in feed.findall(f"{A}entry")]
    expected = [r["title"] or "" for r in db.query("select title from articles order by page_id, seq")]
    assert len(titles) == len(expected) == 6
    assert all(t == e or (not e and t.startswith("（无标题）")) for t, e in zip(titles, expected))
    for entry in feed.findall(f"{A}entry"):
        await get(ds, urlparse(entry.find(f"{A}link").get("href")).path)


@pytest.mark.asyncio
async def test_sitemap_links_answer_and_robots_point_to_it(ds, db):
    robots = (await get(ds, "/robots.txt")).text
    assert "Disallow: /sichuan_edu?" in robots and "Disallow: /*.csv" in robots
    assert "Sitemap: " in robots and robots.rstrip().endswith("/sitemap.xml")
    sitemap = ET.fromstring((await get(ds, "/sitemap.xml")).content)
    paths = [urlparse(loc.text).path for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    counts = {t: db[t].count for t in ("articles", "pages", "people", "institutions", "cases", "cities")}
    assert len(paths) == sum(counts.values())
    for path in paths:
        await get(ds, path)

"""Property tests: pages in the seed's layout, rewrapped at random widths, with or without blank lines,
articles shuffled, come out as the articles, texts and table rows they were made from."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_PAGE
from seedlike import Generator, render_page, sentence_pool
from sichuan_edu.parse import parse_page

POOL = sentence_pool(SEED_PAGE)
WIDTHS = st.sampled_from([12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30])


def expected(spec):
    return [(" ".join(a.headline) or None, "".join(a.paragraphs)) for a in spec]


def parsed_articles(page):
    # The generator writes kicker and title as headline lines; the parser tells them apart.
    return [(" ".join(filter(None, [a.kicker, a.title, a.subtitle])) or None, a.body.replace("\n", "")) for a in page.articles]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), widths=st.lists(WIDTHS, min_size=12, max_size=12),
       blank_lines=st.booleans(), order=st.randoms(use_true_random=False))
def test_generated_pages_parse_back(know, seed, widths, blank_lines, order):
    spec, _ = Generator(POOL, seed).page()
    order.shuffle(spec)
    text = render_page(spec, widths[: len(spec)], blank_lines=blank_lines)
    page = parse_page("gen.txt", text.encode("utf-8"), know)
    assert parsed_articles(page) == expected(spec)
    assert [a.byline for a in page.articles] == [a.byline for a in spec]
    rows = [row for a in spec if a.table for row in a.table.rows]
    assert [(c.title, [u for u, _ in c.units]) for c in page.cases] == [(c, u) for c, u in rows]
    assert page.residue == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), width=WIDTHS)
def test_same_page_at_any_width_gives_same_text(know, seed, width):
    spec, _ = Generator(POOL, seed).page()
    narrow = parse_page("a.txt", render_page(spec, [width] * len(spec)).encode(), know)
    wide = parse_page("b.txt", render_page(spec, [30] * len(spec), blank_lines=False).encode(), know)
    assert parsed_articles(narrow) == parsed_articles(wide)

"""Pages in the seed's layout (bench/seedlike.py), rewrapped at random widths, with or without blank lines,
articles shuffled. The generator writes only the seed's conventions, so it is a check of robustness, not
of accuracy (that is tests/test_corpus.py, on real texts and real extractors): nothing may be lost, and
the articles must come back (scored, since a lone question closing an untitled article reads like a
headline printed after it)."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_PAGE
from seedlike import Generator, render_page, sentence_pool
from sichuan_edu.parse import parse_page
from test_robustness import conservation_holds

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
def test_generated_pages_lose_nothing(know, seed, widths, blank_lines, order):
    spec, _ = Generator(POOL, seed).page()
    order.shuffle(spec)
    text = render_page(spec, widths[: len(spec)], blank_lines=blank_lines)
    page = parse_page("gen.txt", text.encode("utf-8"), know)
    assert conservation_holds(page, text)


def test_generated_pages_parse_back(know):
    """Articles exact (headline and body) on 200 generated pages: at least 97%; paragraphs read whole in one
    article's body: 99%; table rows 100%."""
    rng = random.Random(7)
    exact = total = 0
    rows_ok = rows_total = 0
    paragraphs, whole = [], 0  # paragraphs read whole, inside one article's body
    for seed in range(100):
        for blank_lines in (True, False):
            spec, _ = Generator(POOL, seed).page()
            width = rng.choice([12, 14, 16, 20, 24, 30])
            text = render_page(spec, [width] * len(spec), blank_lines=blank_lines)
            page = parse_page("gen.txt", text.encode("utf-8"), know)
            got, want = parsed_articles(page), expected(spec)
            total += len(want)
            exact += sum(1 for article in want if article in got)
            texts = [a.body.replace("\n", "") for a in page.articles]
            paragraphs += [p for a in spec for p in a.paragraphs]
            whole += sum(1 for a in spec for p in a.paragraphs if any(p in t for t in texts))
            rows = [row for a in spec if a.table for row in a.table.rows]
            rows_total += len(rows)
            rows_ok += sum(1 for c in page.cases if (c.title, [u for u, _ in c.units]) in rows)
    assert exact / total >= 0.97, f"{exact}/{total} articles exact"
    assert whole / len(paragraphs) >= 0.99, f"{whole}/{len(paragraphs)} paragraphs whole in one body"
    assert rows_ok == rows_total

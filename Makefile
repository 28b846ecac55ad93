# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEEDS ?= seeds
DB ?= sichuan_edu.db
PORT ?= 8001
# Served read-only and immutable, with the limits of settings.json (SQL time limit, row cap).
SETTINGS := $(shell python3 -c "import json; print(' '.join(f'--setting {k} {str(v).lower()}' for k, v in json.load(open('settings.json')).items()))")
N ?= 1000
OUT ?= corpus
SEED ?= 1

.PHONY: build serve test clean bench bench-serve corpus publish-check browser-deps loadtest fixtures scores

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(PY) -m sichuan_edu build --seeds $(SEEDS) --db $(DB)

$(DB): $(VENV)/.installed $(wildcard $(SEEDS)/*.txt $(SEEDS)/*.csv $(SEEDS)/knowledge/* $(SEEDS)/reference/* build/sichuan_edu/*.py)
	$(PY) -m sichuan_edu build --seeds $(SEEDS) --db $(DB)

# One process per core (WORKERS=N to choose): `sichuan-edu serve` runs Datasette's ASGI app under granian with
# exactly these `datasette serve` options (build/sichuan_edu/serve.py).
WORKERS ?= auto
serve: $(DB)
	$(PY) -m sichuan_edu serve --workers $(WORKERS) -i $(DB) --metadata metadata.yml --plugins-dir plugins \
		--template-dir templates $(SETTINGS) --port $(PORT)

# The browser tests drive Debian's chromium; CJK fonts make the screenshots readable.
browser-deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk" || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

test: $(VENV)/.installed browser-deps
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB)

bench: $(VENV)/.installed
	$(PY) bench/bench.py

# A 1,000-page database of generated pages for the serving benchmarks (built once, kept in bench/work/).
BENCH_DB := bench/work/serve1000.db
$(BENCH_DB): | $(VENV)/.installed
	test -f bench/work/serve_corpus/manifest.csv || $(PY) bench/seedlike.py --pages 1000 --out bench/work/serve_corpus --seed 7
	$(PY) -m sichuan_edu build --seeds bench/work/serve_corpus --db $@ --workers 2

# Pages per second as ratios to Datasette's floor (/-/versions.json): plain `datasette serve` (the kept
# answers off, as before issue 14), `make serve` with every request a miss (kept answers off), and `make serve`.
bench-serve: $(BENCH_DB)
	$(PY) bench/serve_bench.py --db $(BENCH_DB) --server datasette --workers 1 --no-response-cache --label datasette-serve
	$(PY) bench/serve_bench.py --db $(BENCH_DB) --server serve --no-response-cache --label make-serve-misses
	$(PY) bench/serve_bench.py --db $(BENCH_DB) --server serve --label make-serve

corpus: $(VENV)/.installed
	$(PY) bench/seedlike.py --pages $(N) --out $(OUT) --seed $(SEED)

# Build the inspect file and serve the database immutable, as `datasette publish` deploys it; then stop.
publish-check: $(DB)
	$(VENV)/bin/datasette inspect $(DB) --inspect-file inspect-data.json
	$(VENV)/bin/datasette serve -i $(DB) --inspect-file inspect-data.json --metadata metadata.yml \
		--plugins-dir plugins --template-dir templates $(SETTINGS) --port 8765 & pid=$$!; \
	ok=1; for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1; curl -sf -o /dev/null http://127.0.0.1:8765/ && ok=0 && break; done; \
	for path in / /sichuan_edu/articles /sichuan_edu/cases.csv /-/datapackage.json; do \
		curl -sf -o /dev/null -w "%{http_code} $$path\n" "http://127.0.0.1:8765$$path" || ok=1; done; \
	kill $$pid; exit $$ok

# 50 concurrent clients for 60 seconds on loopback, mixed requests, plus a runaway query, against the site
# served as `make serve` serves it, on the 1,000-page benchmark database (LOADTEST_DB=... for another).
LOADTEST_DB ?= $(BENCH_DB)
# Twice: with the kept answers (the mix repeats 22 addresses: mostly cache hits) and without (every request a miss).
loadtest: $(LOADTEST_DB)
	$(PY) bench/loadtest.py --db $(LOADTEST_DB) --clients 50 --seconds 60 --no-response-cache \
		--out bench/results/loadtest_misses.json
	$(PY) bench/loadtest.py --db $(LOADTEST_DB) --clients 50 --seconds 60

# The page corpus (tests/corpus): real texts typeset into PDFs, extracted by pdftotext and PDFium, with the
# gold. `make test` reads the committed pages; this regenerates them (Debian packages and the corpus extra).
fixtures: $(VENV)/.installed
	@command -v pdftotext >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk" || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils fonts-noto-cjk >/dev/null)
	$(PY) -m pip install --quiet -e '.[test,corpus]'
	$(PY) tests/corpus/make_corpus.py --out tests/corpus --seed 1
	$(PY) tests/corpus/tables/make_tables.py --seed 1

# The layout model's scores on the corpus, per extractor and page kind (add ARGS=--misses for every miss).
scores: $(VENV)/.installed
	$(PY) tests/corpus/layout_scores.py $(ARGS)
	$(PY) tests/corpus/table_scores.py
	$(PY) tests/corpus/order_scores.py
	$(PY) tests/corpus/entity_scores.py

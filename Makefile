# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEEDS ?= seeds
DB ?= sichuan_edu.db
PORT ?= 8001
N ?= 1000
OUT ?= corpus
SEED ?= 1

.PHONY: build serve test clean bench corpus

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(PY) -m sichuan_edu build --seeds $(SEEDS) --db $(DB)

$(DB): $(VENV)/.installed $(wildcard $(SEEDS)/*.txt $(SEEDS)/*.csv $(SEEDS)/knowledge/* $(SEEDS)/reference/* build/sichuan_edu/*.py)
	$(PY) -m sichuan_edu build --seeds $(SEEDS) --db $(DB)

serve: $(DB)
	$(VENV)/bin/datasette serve -i $(DB) --metadata metadata.yml --plugins-dir plugins --template-dir templates \
		--setting sql_time_limit_ms 2000 --setting max_returned_rows 1000 --port $(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB)

bench: $(VENV)/.installed
	$(PY) bench/bench.py

corpus: $(VENV)/.installed
	$(PY) -m sichuan_edu corpus --pages $(N) --out $(OUT) --seed $(SEED)

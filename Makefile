# Two commands set everything up: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SEEDS ?= seeds
DB ?= sichuan_edu.db
PORT ?= 8001

.PHONY: build serve test clean

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
	$(VENV)/bin/datasette serve -i $(DB) --metadata metadata.yml --plugins-dir plugins \
		--setting sql_time_limit_ms 2000 --setting max_returned_rows 1000 --port $(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB)

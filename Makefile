# piiaudit: `make demo` and `make test` work on a fresh machine with Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps test-deps demo test bench bench-accuracy bench-nightly lint clean

install: system-deps $(STAMP)

# Debian packages piiaudit needs (libmagic), installed when missing.
system-deps:
	scripts/install-debian-packages.sh apt-packages.txt

# Reinstall when the dependency pins change; the package itself is installed editable.
$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "piiaudit needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/piiaudit demo --out demo-out

# Debian packages for the tests (database and file servers, a browser), installed when missing.
test-deps:
	scripts/install-debian-packages.sh tests/apt-packages.txt

test: install test-deps
	$(BIN)/python -m pytest

# piiaudit against plain Presidio on the same generated data room (bench/); tables go to bench/results/.
bench-accuracy: install
	$(BIN)/python -m bench.accuracy --seed 10

bench: install
	$(BIN)/python -m bench.speed

# An incremental nightly rescan of a 10,000-file share against its first full scan (bench/results/nightly.md).
bench-nightly: install
	$(BIN)/python -m bench.nightly

lint: install
	$(BIN)/ruff check scanner detectors reports tests scripts

clean:
	rm -rf $(VENV) demo-out build *.egg-info

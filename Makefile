# The two commands of the README: `make run` and `make test`.
SCENARIO ?= checked-plug
ARGS ?=

.PHONY: run test bench clean voices

run:
	@scripts/setup.sh run
	@.venv/bin/simulator play $(SCENARIO) $(ARGS)

# The suite on every core (pytest-xdist; WORKERS=0 runs it in one process, e.g. to debug with -s or --pdb).
# --dist loadfile: a test file runs in one worker, in order, with its module fixtures (the web tests' audit log
# checks what the tests before it did).
WORKERS ?= auto
test:
	@scripts/setup.sh test
	@.venv/bin/python -m pytest -q -n $(WORKERS) --dist loadfile $(ARGS)

# Clearer German customer voices (MBROLA de6/de7, SVOX Pico) from Debian contrib/non-free; asks first.
voices:
	@scripts/voices.sh --ask

bench:
	@scripts/setup.sh test
	@for b in bench/*.py; do echo "== $$b"; .venv/bin/python $$b; done

clean:
	rm -rf .venv .pytest_cache build *.egg-info

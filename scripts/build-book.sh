#!/usr/bin/env bash
# Build the book into _build/html, executing the chapters whose code or library
# code changed since the last build. Warnings fail the build, after all of them
# are listed. Extra arguments go to `jupyter-book build` (--all rebuilds every page).
VENV_EXTRAS=book source "$(dirname "$0")/venv.sh"
jupyter-book build . -W --keep-going "$@"

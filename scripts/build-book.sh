#!/usr/bin/env bash
# Build the book into _build/html, executing every chapter that changed.
# Extra arguments go to `jupyter-book build` (for example --all for a cold build).
VENV_EXTRAS=book source "$(dirname "$0")/venv.sh"
jupyter-book build . "$@"

#!/usr/bin/env bash
# Run the library's doctests and the test suite. Extra arguments go to pytest.
VENV_EXTRAS=test source "$(dirname "$0")/venv.sh"
python -m pytest "$@"

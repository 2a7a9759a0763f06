# Sourced by the other scripts: create or reuse .venv and install the project into
# it (editable, with the extras named in VENV_EXTRAS), only again when
# pyproject.toml has changed since the last install.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
python=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=.venv/.installed-${VENV_EXTRAS:-book}
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[${VENV_EXTRAS:-book}]"
    touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"

"""Stop the build when a chapter's code fails, naming the chapter and the cell.

myst-nb is set not to abort on the first failing chapter
(``nb_execution_raise_on_error: false``), so every chapter is executed; once all are
read, this extension lists each chapter whose execution failed, with the cell that
raised and the error, and ends the build with an error. No page is written for a
book whose code does not run, whatever flags the build was started with.
"""

import re
from pathlib import Path

from sphinx.errors import SphinxError

_CELL_MARKER = "------------------"
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class ChapterExecutionError(SphinxError):
    category = "Chapter execution failed"


def failed_cell(traceback_text):
    """Return the failing cell's source and the error's last line."""
    traceback_text = _ANSI_ESCAPE.sub("", traceback_text)
    parts = traceback_text.split(_CELL_MARKER)
    cell_source = parts[1].strip() if len(parts) > 2 else ""
    lines = [line for line in traceback_text.strip().splitlines() if line.strip()]
    return cell_source, lines[-1] if lines else "unknown error"


def cell_line(source_path, cell_source):
    """Return the line of the chapter where the failing cell's code starts."""
    first = cell_source.splitlines()[0] if cell_source else None
    try:
        text = source_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(text, start=1):
        if first and line.strip() == first.strip():
            return number
    return None


def describe_failure(env, docname, exec_data):
    """Return one paragraph naming the chapter, the cell and the error."""
    path = Path(env.doc2path(docname))
    cell_source, error = failed_cell(exec_data.get("traceback") or "")
    line = cell_line(path, cell_source)
    where = f"{path.name}, the cell at line {line}" if line else path.name
    excerpt = "\n".join(f"    {row}" for row in cell_source.splitlines()[:6])
    return f"{docname} ({where}) raised {error}\n{excerpt}"


def _on_env_updated(app, env):
    from myst_nb.sphinx_ import NbMetadataCollector

    metadata = NbMetadataCollector.get_doc_data(env)
    failures = []
    for docname in sorted(metadata):
        exec_data = metadata[docname].get("exec_data")
        if exec_data and not exec_data["succeeded"]:
            failures.append(describe_failure(env, docname, exec_data))
    if failures:
        raise ChapterExecutionError(
            f"{len(failures)} chapter(s) failed to execute; no page was written.\n\n"
            + "\n\n".join(failures)
        )


def setup(app):
    app.connect("env-updated", _on_env_updated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

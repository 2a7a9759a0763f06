"""Tie each chapter's cached execution to the library code it runs.

myst-nb's execution cache keys a chapter by the text of its own code cells, so an
edit to ``lessons_lib`` alone would leave every chapter's old outputs in place. This
extension finds the library modules a chapter uses (the ``ll.<module>`` names in
its cells, the files it includes, and what those modules import in turn), and

- registers those files as the chapter's dependencies, so Sphinx reads the chapter
  again when one of them changes, and
- appends a hidden cell holding a fingerprint of their contents, so the changed
  fingerprint sends the chapter to be executed again instead of served from the
  cache.

A chapter that uses none of the library, or an edit to a module no chapter uses,
re-executes nothing.

It also gives the chapters' kernels a folder inside the build's output for
results worth sharing between chapters (``LESSONS_CACHE_DIR``, see
``lessons_lib/cache.py``), unless the variable is set already.
"""

import ast
import hashlib
import os
import re
from pathlib import Path

PACKAGE = "lessons_lib"
_USE = re.compile(
    rf"\b(?:ll|{PACKAGE})\.(\w+)|\bfrom\s+{PACKAGE}\.(\w+)\s+import"
    rf"|\bfrom\s+{PACKAGE}\s+import\s+([\w, ]+)|{PACKAGE}/(\w+)\.py"
)
_FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]
# {package} fingerprint (added by the build): {digest}
```
"""


def modules_used(source, package_dir):
    """Return the names of the package's modules a chapter's text refers to."""
    names = set()
    for match in _USE.finditer(source):
        for group in match.groups():
            if group:
                names.update(name.strip() for name in group.split(","))
    return {name for name in names if (package_dir / f"{name}.py").is_file()}


def module_imports(path):
    """Return the sibling modules a package module imports relatively."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                imported.add(node.module.split(".")[0])
            else:
                imported.update(alias.name for alias in node.names)
    return imported


def dependency_files(source, package_dir):
    """Return the package files a chapter depends on, with their imports."""
    pending = modules_used(source, package_dir)
    if not pending:
        return []
    # The package's __init__ runs on every import, but the modules it imports
    # count only where the chapter uses them.
    seen = {"__init__"}
    while pending:
        name = pending.pop()
        path = package_dir / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        pending |= module_imports(path) - seen
    return sorted(package_dir / f"{name}.py" for name in seen)


def fingerprint(paths):
    """Return a short digest of the files' names and contents."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _on_source_read(app, docname, source):
    if "{code-cell}" not in source[0]:
        return
    package_dir = Path(app.confdir) / PACKAGE
    paths = dependency_files(source[0], package_dir)
    if not paths:
        return
    for path in paths:
        app.env.note_dependency(str(path))
    source[0] += _FINGERPRINT_CELL.format(package=PACKAGE, digest=fingerprint(paths))


def _on_builder_inited(app):
    # kernels started by this build inherit the variable
    shared = Path(app.outdir).parent / ".lessons_cache"
    os.environ.setdefault("LESSONS_CACHE_DIR", str(shared))


def setup(app):
    app.connect("builder-inited", _on_builder_inited)
    app.connect("source-read", _on_source_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

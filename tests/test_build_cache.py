"""Rebuilds execute exactly the chapters whose code, or library code, changed.

The book is copied with two small chapters: `points` uses ``ll.datasets`` (which
imports ``checks``) and `limits` uses ``ll.checks`` alone. Each edit below is
followed by a rebuild, and the build log says which chapters were executed.
"""

import re

import pytest

from conftest import copy_book, run_build
from test_build_failures import CHAPTER_HEADER

TOC = """\
format: jb-book
root: book/intro
chapters:
  - file: book/points
  - file: book/limits
"""
POINTS = """# Points

```{code-cell} ipython3
import numpy as np
import lessons_lib as ll

X, y = ll.datasets.half_plane_points(5, np.random.RandomState(0))
print(y.tolist())
```
"""
LIMITS = """# Limits

```{code-cell} ipython3
import lessons_lib as ll

print(ll.checks.check_positive("learning_rate", 0.5))
```
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """A built copy of the book with the two chapters, and a rebuild function."""
    folder = tmp_path_factory.mktemp("cached-book")
    copy_book(folder, toc=TOC)
    for name, body in (("points", POINTS), ("limits", LIMITS)):
        (folder / "book" / f"{name}.md").write_text(CHAPTER_HEADER + body)

    def rebuild():
        result = run_build(folder, folder / "out")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-3000:]
        return set(re.findall(r"book/(\w+)\.md: Executing notebook", log))

    assert rebuild() == {"points", "limits"}
    return folder, rebuild


def append(path, text):
    path.write_text(path.read_text() + text)


def test_a_rebuild_with_nothing_changed_executes_nothing(book):
    folder, rebuild = book
    assert rebuild() == set()


def test_editing_a_chapter_executes_that_chapter_only(book):
    folder, rebuild = book
    chapter = folder / "book" / "limits.md"
    chapter.write_text(chapter.read_text().replace("0.5", "0.25"))
    assert rebuild() == {"limits"}


def test_prose_edits_execute_nothing(book):
    folder, rebuild = book
    append(folder / "book" / "points.md", "\nA sentence about the points.\n")
    assert rebuild() == set()


def test_editing_a_library_module_executes_the_chapters_that_use_it(book):
    folder, rebuild = book
    append(folder / "lessons_lib" / "datasets.py", "\n# an edit\n")
    assert rebuild() == {"points"}


def test_editing_a_module_both_use_executes_both(book):
    folder, rebuild = book
    append(folder / "lessons_lib" / "checks.py", "\n# an edit\n")
    assert rebuild() == {"points", "limits"}


def test_touching_a_module_without_changing_it_executes_nothing(book):
    folder, rebuild = book
    path = folder / "lessons_lib" / "checks.py"
    path.write_text(path.read_text())
    assert rebuild() == set()

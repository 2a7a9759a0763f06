"""A book whose code fails, or whose markup is broken, must not build.

Each test builds a small copy of the book, the introduction plus one chapter
written here, in a temporary folder.
"""

import textwrap

import pytest

from conftest import copy_book, run_build

CHAPTER_HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def build_with_chapter(folder, body, name="trial"):
    """Build the introduction and a chapter with `body`; return (process, log)."""
    toc = f"format: jb-book\nroot: book/intro\nchapters:\n  - file: book/{name}\n"
    copy_book(folder, toc=toc)
    (folder / "book" / f"{name}.md").write_text(
        CHAPTER_HEADER + textwrap.dedent(body)
    )
    result = run_build(folder, folder / "out")
    return result, result.stdout + result.stderr


def test_a_cell_that_raises_fails_the_build_naming_chapter_and_cell(tmp_path):
    result, log = build_with_chapter(
        tmp_path,
        """
        # Trial

        ```{code-cell} ipython3
        total = 1 + 1
        ```

        ```{code-cell} ipython3
        weights = [0.5, 0.25]
        weights[7]
        ```
        """,
    )
    chapter = (tmp_path / "book" / "trial.md").read_text().splitlines()
    cell_line = chapter.index("weights = [0.5, 0.25]") + 1
    assert result.returncode != 0
    where = f"book/trial (trial.md, the cell at line {cell_line})"
    assert f"{where} raised IndexError" in log
    assert "weights[7]" in log
    assert not (tmp_path / "out/_build/html/book/trial.html").exists()


def test_every_failing_chapter_is_listed_in_one_run(tmp_path):
    toc = (
        "format: jb-book\nroot: book/intro\nchapters:\n"
        "  - file: book/first\n  - file: book/second\n"
    )
    copy_book(tmp_path, toc=toc)
    for name, error in (("first", "ValueError"), ("second", "KeyError")):
        body = f"# {name}\n\n```{{code-cell}} ipython3\nraise {error}('{name}')\n```\n"
        (tmp_path / "book" / f"{name}.md").write_text(CHAPTER_HEADER + body)
    result = run_build(tmp_path, tmp_path / "out")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "2 chapter(s) failed to execute" in log
    assert "book/first" in log and "ValueError: first" in log
    assert "book/second" in log and "KeyError: 'second'" in log


def test_text_on_stderr_fails_the_build(tmp_path):
    result, log = build_with_chapter(
        tmp_path,
        """
        # Trial

        ```{code-cell} ipython3
        import warnings
        warnings.warn("this must not reach a page")
        ```
        """,
    )
    assert result.returncode != 0
    assert "stderr was found in the cell outputs" in log


@pytest.mark.parametrize(
    "markup, complaint",
    [
        ("See {ref}`a-label-nobody-defined`.", "undefined label"),
        ("```{image} missing-figure.png\n```", "image file not readable"),
        ("```{no-such-directive}\n```", "Unknown directive type"),
    ],
)
def test_sphinx_warnings_fail_the_build(tmp_path, markup, complaint):
    result, log = build_with_chapter(tmp_path, f"# Trial\n\n{markup}\n")
    assert result.returncode != 0
    assert complaint in log


def test_keep_going_lists_every_warning(tmp_path):
    markup = "See {ref}`nowhere-one` and {ref}`nowhere-two`.\n"
    result, log = build_with_chapter(tmp_path, f"# Trial\n\n{markup}")
    assert result.returncode != 0
    assert "nowhere-one" in log and "nowhere-two" in log

"""Fixtures shared by the tests: building the book, in CI or on a laptop."""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def in_ci():
    """Whether the tests run in CI, where missing tools or data must fail."""
    return os.environ.get("CI", "").lower() == "true"


@dataclass
class BookBuild:
    """A finished build: where its pages are and what it printed."""

    html: Path
    output: Path
    log: str
    seconds: float

    @property
    def executed(self):
        """The folder holding the executed notebooks of the build."""
        return self.output / "_build" / "jupyter_execute"


def run_build(source, output, *extra_args):
    """Build the book at `source` into `output`; return the completed process."""
    command = [str(JUPYTER_BOOK), "build", str(source), "--path-output", str(output)]
    command += ["-W", "--keep-going", *extra_args]
    return subprocess.run(command, capture_output=True, text=True, cwd=source)


def copy_book(destination, toc=None):
    """Copy the book's sources (and the library) into `destination`.

    With `toc`, the copy's table of contents is replaced by that text.
    """
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(ROOT / name, destination / name)
    ignore = shutil.ignore_patterns("_build", "__pycache__", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "book", destination / "book", ignore=ignore)
    shutil.copytree(ROOT / "lessons_lib", destination / "lessons_lib", ignore=ignore)
    if toc is not None:
        (destination / "_toc.yml").write_text(toc)
    return destination


def cold_build(output):
    """Build the whole book from scratch into `output`, failing on any error."""
    started = time.perf_counter()
    result = run_build(ROOT, output)
    seconds = time.perf_counter() - started
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"the book failed to build:\n{log[-6000:]}", pytrace=False)
    return BookBuild(output / "_build" / "html", output, log, seconds)


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """The whole book, built once per test session from a clean output folder.

    Set LESSONS_BOOK_HTML to the html folder of an earlier build (it sits in
    ``_build/html`` of that build's output folder) to reuse it while working on the
    tests.
    """
    reused = os.environ.get("LESSONS_BOOK_HTML")
    if reused:
        html = Path(reused).resolve()
        return BookBuild(html, html.parents[1], "", 0.0)
    return cold_build(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def book_html(book_build):
    """The html folder of the built book."""
    return book_build.html


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def served(html_dir):
    """Serve `html_dir` on a free port of 127.0.0.1; yield the site's base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def book_url(book_html):
    """The base URL of the built book, served on localhost for the session."""
    with served(book_html) as url:
        yield url

"""The built site as a reader gets it: clean pages, working links, light weight.

These tests build the whole book once per session (the ``book_build`` fixture)
from an empty output folder, executing every chapter.
"""

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest

from conftest import ROOT, cold_build, served

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from exact_streams import join_stream_chunks  # noqa: E402
from page_weights import page_weights  # noqa: E402

LINKCHECKER = Path(sys.executable).with_name("linkchecker")
MEGABYTE = 1_000_000
LEAKS = {
    "a traceback": re.compile(r"Traceback \(most recent call last\)"),
    "a Python warning": re.compile(r"\b\w*Warning: "),
    "stderr output": re.compile(r"class=\"output stderr\""),
    "an error output": re.compile(r"class=\"output traceback\""),
}


def book_pages(html_dir):
    """The chapter pages of the built book, as paths relative to `html_dir`."""
    return sorted(
        str(path.relative_to(html_dir)) for path in (html_dir / "book").glob("*.html")
    )


def lesson_pages(html_dir):
    return [page for page in book_pages(html_dir) if re.match(r"book/\d\d-", page)]


def test_the_book_has_its_pages(book_html):
    assert "book/intro.html" in book_pages(book_html)
    assert (book_html / "index.html").is_file()


def test_no_page_shows_a_traceback_warning_or_stderr(book_html):
    for page in book_pages(book_html):
        text = (book_html / page).read_text(encoding="utf-8")
        for what, pattern in LEAKS.items():
            match = pattern.search(text)
            assert match is None, f"{page} shows {what}: {match.group(0)!r}"


def test_no_page_names_a_path_of_the_machine_that_built_it(book_build):
    machine_paths = {str(ROOT), str(Path.home()), str(book_build.output)}
    for page in book_pages(book_build.html):
        text = (book_build.html / page).read_text(encoding="utf-8")
        for path in machine_paths:
            assert path not in text, f"{page} names the build machine's {path}"


def test_every_page_weighs_under_a_megabyte(book_html):
    weights = page_weights(book_html, book_pages(book_html))
    heavy = {page: size for page, size in weights.items() if size > MEGABYTE}
    assert not heavy, f"pages over 1 MB (bytes): {heavy}"


def test_the_lessons_together_weigh_under_five_megabytes(book_html):
    total = sum(page_weights(book_html, lesson_pages(book_html)).values())
    assert total < 5 * MEGABYTE, f"the lesson pages weigh {total:,} bytes"


def run_linkchecker(start_url, tmp_path):
    """Check every link inside the site; return (exit code, report).

    The site is checked over HTTP: run as root, the checker drops its privileges
    and could not read the files of a private temporary folder directly. Its
    anchor plugin is left off: it is known to report at random (linkchecker
    issues 179, 555 and 568); :func:`missing_anchors` checks the anchors.
    """
    settings = tmp_path / "linkcheckerrc"
    settings.write_text("[filtering]\ncheckextern=0\n")
    result = subprocess.run(
        [str(LINKCHECKER), "--config", str(settings), "--no-status", start_url],
        capture_output=True, text=True,
    )
    return result.returncode, result.stdout + result.stderr


class _Anchors(HTMLParser):
    """Collect a page's ids and the ``href`` values of its links."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs = set(), []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])


def missing_anchors(html_dir):
    """Return ``(page, href)`` for every link to an anchor its target lacks."""
    parsed = {}
    for page in Path(html_dir).rglob("*.html"):
        parser = _Anchors()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page.resolve()] = parser
    missing = []
    for page, parser in parsed.items():
        for href in parser.hrefs:
            target, fragment = urldefrag(href)
            if not fragment or "://" in target or target.startswith("mailto:"):
                continue
            target_page = (page.parent / target).resolve() if target else page
            known = parsed.get(target_page)
            if known is not None and unquote(fragment) not in known.ids:
                relative = page.relative_to(Path(html_dir).resolve())
                missing.append((str(relative), href))
    return missing


def test_every_internal_link_resolves(book_url, tmp_path):
    code, report = run_linkchecker(book_url + "index.html", tmp_path)
    assert code == 0, report[-4000:]
    assert " 0 warnings found. 0 errors found." in report


def test_the_link_checker_catches_a_missing_page(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="gone.html">x</a>')
    with served(site) as url:
        code, report = run_linkchecker(url + "index.html", tmp_path)
    assert code != 0
    assert "gone.html" in report and "1 error found" in report


def test_every_anchor_a_page_links_to_exists(book_html):
    assert missing_anchors(book_html) == []


def test_the_anchor_check_catches_a_missing_anchor(tmp_path):
    (tmp_path / "other.html").write_text('<h1 id="here">x</h1>')
    (tmp_path / "index.html").write_text(
        '<a href="other.html#here">ok</a><a href="other.html#not-here">x</a>'
        '<a href="#top">y</a>'
    )
    assert sorted(missing_anchors(tmp_path)) == [
        ("index.html", "#top"), ("index.html", "other.html#not-here")
    ]


def printed_outputs(executed_dir):
    """Map each executed chapter to the text its cells printed or returned."""
    outputs = {}
    for notebook in sorted(executed_dir.rglob("*.ipynb")):
        cells = json.loads(notebook.read_text())["cells"]
        texts = []
        for cell in cells:
            # the kernel cuts printed text into chunks at places that vary
            for output in join_stream_chunks(cell.get("outputs", [])):
                if output.get("output_type") == "stream":
                    texts.append("".join(output["text"]))
                elif "text/plain" in output.get("data", {}):
                    texts.append("".join(output["data"]["text/plain"]))
        outputs[notebook.name] = texts
    return outputs


def test_two_cold_builds_print_identical_numbers(book_build, tmp_path):
    first = printed_outputs(book_build.executed)
    assert first, "the first build left no executed chapters to compare"
    second = printed_outputs(cold_build(tmp_path / "again").executed)
    assert second == first


def test_listings_of_a_function_body_show_code_not_its_docstring(book_html):
    # a listing starts at a line of the function's code (`:start-at:`); if that
    # text also appears in the docstring, the listing shows the docstring instead
    listing = re.compile(r'<div class="literal-block-wrapper.*?</pre>', re.S)
    n_listings = 0
    for page in book_pages(book_html):
        for block in listing.findall((book_html / page).read_text(encoding="utf-8")):
            n_listings += 1
            text = html.unescape(re.sub(r"<[^>]+>", "", block))
            for docstring_mark in ('"""', "----------", ">>> "):
                assert docstring_mark not in text, f"{page}: {text[:200]}"
    assert n_listings > 0, "no library listing found in the book"

"""A table of what each built page weighs, for the execution report.

The ``page-weights`` directive leaves a placeholder; when the build has written
every page, the placeholder is filled (again, on each build) with a table of each
page's weight: its HTML plus the images it shows. The theme's folder of scripts,
styles and fonts, shared by every page and cached by the browser, is counted once,
in a line of its own.
"""

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

START, END = "<!-- page-weights -->", "<!-- /page-weights -->"
_FILLED = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
_IMAGE_SOURCE = re.compile(r"""src=["']([^"'#?]+\.(?:png|jpe?g|svg|gif))["']""")
_SHARED_FOLDERS = ("_static",)


def page_weight(page):
    """Return the bytes of an HTML page and of the local images it shows."""
    text = page.read_text(encoding="utf-8")
    images = {
        (page.parent / source).resolve()
        for source in _IMAGE_SOURCE.findall(text)
        if "://" not in source and not source.startswith("data:")
    }
    return page.stat().st_size + sum(p.stat().st_size for p in images if p.is_file())


def page_weights(html_dir, pages):
    """Return ``{page: bytes}`` for the given page paths relative to `html_dir`."""
    return {page: page_weight(Path(html_dir) / page) for page in pages}


def shared_weight(html_dir):
    """Return the bytes of the theme's files that every page loads."""
    return sum(
        path.stat().st_size
        for folder in _SHARED_FOLDERS
        for path in (Path(html_dir) / folder).rglob("*")
        if path.is_file()
    )


def weights_table(weights, shared):
    """Return an HTML table of page weights, heaviest first."""
    rows = "".join(
        f"<tr><td>{html.escape(page)}</td><td>{size / 1e3:,.0f} kB</td></tr>"
        for page, size in sorted(weights.items(), key=lambda item: -item[1])
    )
    total = sum(weights.values())
    return (
        '<table class="table page-weights"><thead><tr><th>page</th>'
        "<th>weight</th></tr></thead><tbody>"
        f"{rows}<tr><td><strong>all pages</strong></td>"
        f"<td><strong>{total / 1e3:,.0f} kB</strong></td></tr>"
        "<tr><td>theme folder _static (styles, scripts, fonts)</td>"
        f"<td>{shared / 1e3:,.0f} kB</td></tr></tbody></table>"
    )


class PageWeights(SphinxDirective):
    def run(self):
        return [nodes.raw("", START + END, format="html")]


def _on_build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    pages = [app.builder.get_target_uri(doc) for doc in sorted(app.env.found_docs)]
    weights = page_weights(out, [p for p in pages if (out / p).is_file()])
    table = weights_table(weights, shared_weight(out))
    for page in weights:
        path = out / page
        text = path.read_text(encoding="utf-8")
        if START in text:
            filled = _FILLED.sub(lambda _: START + table + END, text)
            path.write_text(filled, encoding="utf-8")


def setup(app):
    app.add_directive("page-weights", PageWeights)
    app.connect("build-finished", _on_build_finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""The built book in a real browser: headless Chromium driven by Playwright.

The book is built once per session (the ``book_html`` fixture of tests/conftest.py)
and served on 127.0.0.1. Every request the pages make that leaves the site is
recorded and refused, so a page that needs the network fails here as it would for
a reader offline.

Chromium is Debian's (``apt-get install chromium``); set LESSONS_CHROMIUM to use
another executable. In CI (CI=true) a missing browser fails these tests; elsewhere
they are skipped. Set LESSONS_SCREENSHOTS to a folder to keep screenshots of
lesson 1.
"""

import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import in_ci

from lessons_lib import datasets, lines

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
LESSON_ONE = "book/01-random-line.html"
EXPLORER = "div.lesson-one-explorer"
GRID = np.linspace(-2, 2, 100)


def missing_browser(reason):
    """Fail in CI, skip elsewhere, saying what to install."""
    message = (
        f"{reason}. The browser tests drive Debian's Chromium: install it with "
        "`apt-get install chromium` (or set LESSONS_CHROMIUM to a Chromium "
        "executable)."
    )
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def chromium_path():
    """The Chromium executable to drive, or None."""
    wanted = os.environ.get("LESSONS_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else None
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for this module's tests."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing_browser("Playwright for Python is not installed (pip install .[test])")
    executable = chromium_path()
    if executable is None:
        missing_browser("no Chromium executable was found")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_FLAGS
            )
        except Error as error:
            missing_browser(f"Chromium at {executable} did not start: {error}")
        yield chromium
        chromium.close()


class Visit:
    """One page of the site open in a fresh browser context, with what it logged."""

    def __init__(self, browser, base_url, viewport=DESKTOP, theme="light"):
        self.base_url = base_url
        # A first visit: the theme follows the reader's system colour scheme.
        self.context = browser.new_context(viewport=viewport, color_scheme=theme)
        self.context.route("**/*", self._only_the_site)
        self.outside = []
        self.errors = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_the_site(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def open(self, path):
        self.page.goto(self.base_url + path, wait_until="networkidle")
        return self.page

    def close(self):
        if self.context is not None:
            self.context.close()
            self.context = None


@pytest.fixture
def visit(browser, book_url):
    """Open pages of the site: ``visit(path, viewport=..., theme=...)``."""
    opened = []

    def open_page(path, viewport=DESKTOP, theme="light"):
        visit = Visit(browser, book_url, viewport, theme)
        opened.append(visit)
        visit.open(path)
        return visit

    yield open_page
    for visit in opened:
        visit.close()


def site_pages(html_dir):
    """Every HTML page of the site, as paths relative to its root."""
    skipped = ("_static", "_sources", "_images", "reports")
    return sorted(
        path.relative_to(html_dir).as_posix()
        for path in html_dir.rglob("*.html")
        if not path.relative_to(html_dir).parts[0] in skipped
    )


def lesson_points():
    """The lesson's points and the line it opens with, from the library."""
    rng = np.random.RandomState(42)
    X, y = datasets.half_plane_points(200, rng)
    return X, y, lines.random_line(rng)


def shown_line(page):
    """The line the explorer shows: slope, intercept, accuracy, readout text."""
    state = page.locator(EXPLORER)
    return (
        float(state.get_attribute("data-slope")),
        float(state.get_attribute("data-intercept")),
        float(state.get_attribute("data-accuracy")),
        page.locator(".lesson-one-explorer-readout").inner_text(),
    )


def screenshot(page, name):
    folder = os.environ.get("LESSONS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.locator(EXPLORER).screenshot(path=str(Path(folder) / f"{name}.png"))


# ---------------------------------------------------------------------------
# Every page


def test_every_page_loads_without_errors_or_requests_outside_the_site(
    visit, book_html
):
    pages = site_pages(book_html)
    assert LESSON_ONE in pages
    problems = []
    for path in pages:
        opened = visit(path)
        if opened.page.locator(".math").count():
            opened.page.wait_for_selector("mjx-container", timeout=10_000)
        if opened.outside:
            problems.append(f"{path} requested {opened.outside}")
        if opened.errors:
            problems.append(f"{path} logged {opened.errors}")
        opened.close()
    assert not problems, "\n".join(problems)


def test_math_is_typeset_by_the_sites_own_mathjax(visit):
    page = visit(LESSON_ONE).page
    source = page.evaluate("window.MathJax && window.MathJax.version")
    assert source, "MathJax did not load"
    scripts = page.eval_on_selector_all(
        "script[src*=mathjax]", "nodes => nodes.map(node => node.src)"
    )
    site = page.url.split("book/")[0]
    assert scripts and all(src.startswith(site) for src in scripts)
    page.wait_for_selector("mjx-container")
    # MathJax's web fonts load, and from the site (so do the theme's icon fonts).
    fonts = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(name => /\\.(woff2?|ttf|otf)(\\?|$)/.test(name))"
    )
    assert any("/mathjax/" in font for font in fonts), fonts
    assert all(font.startswith(site) for font in fonts), fonts


def test_no_page_scrolls_sideways_at_phone_width(visit, book_html):
    measure = """() => {
        const article = document.querySelector('article') || document.body;
        return {
          page: document.scrollingElement.scrollWidth,
          window: window.innerWidth,
          article: article.scrollWidth,
          articleBox: article.clientWidth,
        };
      }"""
    problems = []
    for path in site_pages(book_html):
        opened = visit(path, viewport=PHONE)
        widths = opened.page.evaluate(measure)
        too_wide = widths["page"] > widths["window"]
        if too_wide or widths["article"] > widths["articleBox"]:
            problems.append(f"{path} is wider than the phone: {widths}")
        opened.close()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------
# Lesson 1's explorer


def test_the_explorer_opens_with_the_librarys_first_random_line(visit):
    X, y, (slope, intercept) = lesson_points()
    page = visit(LESSON_ONE).page
    shown_slope, shown_intercept, accuracy, text = shown_line(page)
    assert (shown_slope, shown_intercept) == (slope, intercept)
    assert accuracy == lines.line_accuracy(X, y, slope, intercept)
    assert f"{accuracy:.2%}" in text


def test_a_click_draws_a_new_line_and_shows_its_accuracy(visit):
    X, y, _ = lesson_points()
    page = visit(LESSON_ONE).page
    drawn = page.locator("line.lesson-one-explorer-random")
    before = shown_line(page), drawn.get_attribute("y1")
    accuracies = {before[0][2]}
    for click in range(5):
        page.get_by_role("button", name="Generate random line").click()
        slope, intercept, accuracy, text = shown_line(page)
        after = (slope, intercept, accuracy, text), drawn.get_attribute("y1")
        assert after != before, f"click {click} left the line as it was"
        assert -2 <= slope <= 2 and -2 <= intercept <= 2
        assert accuracy == lines.line_accuracy(X, y, slope, intercept)
        assert f"{accuracy:.2%}" in text
        accuracies.add(accuracy)
        before = after
    # Six random lines with one accuracy would be a page that ignores its line.
    assert len(accuracies) > 1
    screenshot(page, "lesson-1-desktop-light-after-click")


def test_the_checkbox_shows_and_hides_the_best_line(visit):
    X, y, _ = lesson_points()
    best_slope, best_intercept, best_accuracy = lines.best_line_on_grid(
        X, y, GRID, GRID
    )
    page = visit(LESSON_ONE).page
    checkbox = page.get_by_label("Show best line")
    best = page.locator("line.lesson-one-explorer-best")
    readout = page.locator(".lesson-one-explorer-best-readout")
    assert checkbox.is_checked() and best.is_visible()
    for number in (best_slope, best_intercept):
        assert f"{number:.2f}".replace("-", "\u2212") in readout.inner_text()
    assert f"{best_accuracy:.2%}" in readout.inner_text()
    checkbox.uncheck()
    assert not best.is_visible() and readout.inner_text() == ""
    screenshot(page, "lesson-1-desktop-light-without-best")
    checkbox.check()
    assert best.is_visible() and f"{best_accuracy:.2%}" in readout.inner_text()


def known_lines(X, y):
    """Lines whose accuracy the page must reproduce, with why each is there."""
    rng = np.random.RandomState(7)
    cases = [
        ("best on the grid", *lines.best_line_on_grid(X, y, GRID, GRID)[:2]),
        ("the true boundary", 1.0, 0.0),
        ("horizontal", 0.0, 0.0),
        ("steep", 2.0, -2.0),
    ]
    cases += [("seeded random", *lines.random_line(rng)) for _ in range(4)]
    # Lines through data points: the strict inequality and the rounding of
    # slope * x + intercept decide on which side those points fall.
    for index, slope in zip((3, 50, 120, 199), (0.37, -1.3, 0.1, 1.9)):
        cases.append(("through a point", slope, X[index, 1] - slope * X[index, 0]))
    return cases


def test_the_shown_accuracy_equals_the_librarys_for_known_lines(visit):
    X, y, _ = lesson_points()
    page = visit(LESSON_ONE).page
    for why, slope, intercept in known_lines(X, y):
        expected = lines.line_accuracy(X, y, slope, intercept)
        result = page.evaluate(
            "([m, c]) => window.lessonOneExplorer.setLine(m, c)", [slope, intercept]
        )
        shown_slope, shown_intercept, accuracy, text = shown_line(page)
        assert (shown_slope, shown_intercept) == (slope, intercept), why
        assert accuracy == result["accuracy"] == expected, why
        assert result["correct"] == round(expected * len(y)), why
        assert f"{expected:.2%}" in text, why


def test_the_shaded_side_is_where_the_line_predicts_class_1(visit):
    X, y, _ = lesson_points()
    page = visit(LESSON_ONE).page
    for slope, intercept in [(2.0, 2.0), (-2.0, -2.0), (0.3, -0.5), (-1.9, 1.99)]:
        page.evaluate(
            "([m, c]) => window.lessonOneExplorer.setLine(m, c)", [slope, intercept]
        )
        shaded = page.evaluate(
            """() => {
            const region = document.querySelector('.lesson-one-explorer-region');
            return Array.from(
              document.querySelectorAll('.lesson-one-explorer-points circle'),
              dot => region.isPointInFill(new DOMPoint(dot.cx.baseVal.value,
                                                       dot.cy.baseVal.value)));
          }"""
        )
        predicted = lines.predict_above_line(X, slope, intercept)
        # Dots are placed to 1/100 of a pixel: skip those that close to the line.
        clear = np.abs(X[:, 1] - (slope * X[:, 0] + intercept)) > 0.01
        assert np.array_equal(np.array(shaded)[clear], predicted[clear] == 1)


def test_the_controls_work_from_the_keyboard(visit):
    page = visit(LESSON_ONE).page
    button = page.locator("button.lesson-one-explorer-new-line")
    checkbox = page.locator("input.lesson-one-explorer-show-best")
    focused = "() => document.activeElement && document.activeElement.className"
    for _ in range(300):
        page.keyboard.press("Tab")
        if "lesson-one-explorer-new-line" in (page.evaluate(focused) or ""):
            break
    else:
        pytest.fail("Tab never reached the 'Generate random line' button")
    outline = button.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline != "none", "the focused button shows no focus outline"
    for key in ("Enter", "Space"):
        before = shown_line(page)
        page.keyboard.press(key)
        assert shown_line(page)[:2] != before[:2], f"{key} did not draw a new line"
    page.keyboard.press("Tab")
    assert "lesson-one-explorer-show-best" in page.evaluate(focused)
    page.keyboard.press("Space")
    assert not checkbox.is_checked()
    assert not page.locator("line.lesson-one-explorer-best").is_visible()


def relative_luminance(css_color):
    """The luminance (0 dark to 1 light) of an ``rgb(...)`` colour."""
    red, green, blue = (float(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_explorer_fits_and_reads_in_each_theme_and_width(visit, theme, viewport):
    opened = visit(LESSON_ONE, viewport=viewport, theme=theme)
    page = opened.page
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    page.get_by_role("button", name="Generate random line").click()
    explorer = page.locator(EXPLORER)
    explorer.scroll_into_view_if_needed()
    box = explorer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    plot = page.locator(".lesson-one-explorer-plot svg").bounding_box()
    assert plot["width"] >= 0.8 * min(box["width"], 480)
    # The readout follows the page's text colour: dark on light, light on dark.
    text = relative_luminance(
        page.locator(".lesson-one-explorer-readout").evaluate(
            "node => getComputedStyle(node).color"
        )
    )
    assert (text < 0.5) if theme == "light" else (text > 0.5)
    assert not opened.errors and not opened.outside
    width = "phone" if viewport is PHONE else "desktop"
    screenshot(page, f"lesson-1-{width}-{theme}-after-click")
    page.get_by_label("Show best line").uncheck()
    screenshot(page, f"lesson-1-{width}-{theme}-without-best")


# ---------------------------------------------------------------------------
# The animations of the later lessons


def animation_pages(html_dir):
    """The pages holding a matplotlib animation player."""
    return [
        path
        for path in site_pages(html_dir)
        if 'class="anim-slider"' in (html_dir / path).read_text(encoding="utf-8")
    ]


def test_the_animations_play_and_can_be_scrubbed(visit, book_html):
    pages = animation_pages(book_html)
    if not pages:
        pytest.skip("no page of the book holds an animation yet")
    for path in pages:
        page = visit(path).page
        for player in page.locator("div.animation").all():
            player.scroll_into_view_if_needed()
            slider = player.locator("input.anim-slider")
            image = player.locator("img")
            # The player's icons come from the site's Font Awesome and are drawn.
            play = player.get_by_role("button", name="Play", exact=True)
            assert play.locator("svg, i").first.bounding_box()["width"] > 0, path
            player.get_by_role("button", name="First frame").click()
            first_frame = image.get_attribute("src")
            play.click()
            page.wait_for_function(
                "slider => Number(slider.value) > 0", arg=slider.element_handle()
            )
            player.get_by_role("button", name="Pause").click()
            assert image.get_attribute("src") != first_frame, path
            last = int(slider.get_attribute("max"))
            slider.evaluate(
                "(node, frame) => { node.value = frame;"
                " node.dispatchEvent(new Event('input')); }",
                last // 2,
            )
            assert int(slider.input_value()) == last // 2, path
            middle_frame = image.get_attribute("src")
            slider.evaluate(
                "(node) => { node.value = 0; node.dispatchEvent(new Event('input')); }"
            )
            assert image.get_attribute("src") == first_frame != middle_frame, path

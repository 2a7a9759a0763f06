"""Each lesson page of the freshly built book carries its executed outputs.

The numbers a page must show are either recomputed here with ``lessons_lib`` from
the chapter's seeds and settings, or are the reference values the source chapter
printed (quoted below), which the book must reproduce within 0.10 points.
"""

import html
import re

import numpy as np
import pytest

import lessons_lib as ll

FRAME = re.compile(r'frames\[(\d+)\] = "data:image/png;base64,')


def page_text(book_html, name):
    """The visible text of a lesson page: tags dropped, entities decoded."""
    source = (book_html / "book" / f"{name}.html").read_text(encoding="utf-8")
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", source))


def players(book_html, name):
    """The frame numbers of each jshtml player on a page, player by player."""
    source = (book_html / "book" / f"{name}.html").read_text(encoding="utf-8")
    chunks = source.split('<div class="animation">')[1:]
    return [[int(k) for k in FRAME.findall(chunk)] for chunk in chunks]


def percentages(text, label):
    """Every percentage printed right after `label` on a page."""
    return [float(p) for p in re.findall(re.escape(label) + r"\s*([\d.]+)%", text)]


def test_lesson_1_shows_the_best_line_the_library_finds(book_html):
    X, y = ll.datasets.half_plane_points(200, np.random.RandomState(42))
    grid = np.linspace(-2, 2, 100)
    slope, intercept, accuracy = ll.lines.best_line_on_grid(X, y, grid, grid)
    text = " ".join(page_text(book_html, "01-random-line").split())
    expected = (
        f"best line: slope {slope:.2f}, intercept {intercept:.2f} "
        f"accuracy {accuracy:.2%}"
    )
    assert expected in text
    assert "lesson-one-explorer" in (book_html / "book/01-random-line.html").read_text()


@pytest.mark.parametrize(
    "name, n_frames",
    [
        # every iteration of 100, and the start
        ("02-logistic-regression", 100 + 1),
        ("03-polynomial-features", 100 + 1),
        # iterations 0 to 100, then every tenth to 200
        ("04-tanh-network", 101 + 10),
    ],
)
def test_animations_carry_every_frame(book_html, name, n_frames):
    (frames,) = players(book_html, name)
    assert frames == list(range(n_frames))


def test_lesson_2_reaches_every_point(book_html):
    text = page_text(book_html, "02-logistic-regression")
    assert "iteration 100: loss" in text
    assert percentages(text, "accuracy")[-1] == 100.0


def test_lesson_3_prints_the_source_boundary(book_html):
    # the source printed: 0 = -1.508 + -0.069·x + -0.056·y + 0.641·x² +
    # -0.081·x·y + 0.672·y²; the book prints the same coefficients, signed
    text = page_text(book_html, "03-polynomial-features")
    assert "0 = -1.508 - 0.069 x - 0.056 y + 0.641 x² - 0.081 x·y + 0.672 y²" in text


def test_lesson_4_shows_the_stalled_run_and_the_one_that_learns(book_html):
    X, y = ll.datasets.donut_points(400, np.random.RandomState(0))
    stalled = ll.mlp.train_mlp(
        X, y, ll.mlp.init_params(np.random.RandomState(1), weight_scale=0.1),
        learning_rate=0.1, n_iterations=200,
    )
    text = page_text(book_html, "04-tanh-network")
    assert f"iteration 200: loss {stalled.losses[-1]:.5f}" in text
    assert f"accuracy {stalled.accuracies[-1]:.1%}" in text
    assert stalled.accuracies[-1] < 0.6
    learned = ll.mlp.train_mlp(
        X, y, ll.mlp.init_params(np.random.RandomState(1), weight_scale="fan_in"),
        learning_rate=0.5, n_iterations=200,
    )
    assert (
        f"iteration 200: loss {learned.losses[-1]:.4f}, "
        f"accuracy {learned.accuracies[-1]:.1%}"
    ) in text
    assert learned.accuracies[-1] == 1.0


#: The test accuracies the source chapter printed, which the book must reproduce
#: within 0.10 points: lesson 5's network, lesson 6's network trained on the
#: original images, lesson 7's 4-bit code (and its one-hot comparison, which is
#: lesson 6's network again).
SOURCE_ACCURACIES = {
    ("05-mnist-network", "Test accuracy:"): 97.28,
    ("06-pixel-shuffle", "test accuracy, original:"): 97.22,
    ("07-output-code", "test accuracy, 4 bits:"): 94.49,
    ("07-output-code", "test accuracy, one-hot:"): 97.22,
}


@pytest.mark.parametrize("page, label", SOURCE_ACCURACIES)
def test_digit_lessons_reproduce_the_source_accuracies(book_html, page, label):
    (shown,) = percentages(page_text(book_html, page), label)
    assert abs(shown - SOURCE_ACCURACIES[page, label]) <= 0.10


def test_lesson_6_shows_the_shuffled_run_and_its_before_after_figure(book_html):
    text = page_text(book_html, "06-pixel-shuffle")
    (shuffled,) = percentages(text, "test accuracy, shuffled:")
    # the source's unseeded shuffle gave 96.99%; ours is seeded and moves with
    # the shuffle, but it is a trained network, far above chance
    assert 90 < shuffled < 100
    assert "before and after the shuffle" in text


@pytest.mark.parametrize("page", ["05-mnist-network", "06-pixel-shuffle",
                                  "07-output-code"])
def test_digit_lessons_show_their_figures(book_html, page):
    source = (book_html / "book" / f"{page}.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="(\.\./_images/[^"]+\.png)"', source)
    assert len(images) >= 2
    for image in images:
        assert (book_html / "book" / image).resolve().stat().st_size > 1000

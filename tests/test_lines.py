"""Tests for lessons_lib.lines: scoring a line, the grid search, the random line."""

import json
import re

import numpy as np
import pytest

from lessons_lib import datasets, lines

GRID = np.linspace(-2, 2, 100)


def lesson_points():
    """The lesson's 200 points and the stream they were drawn from."""
    rng = np.random.RandomState(42)
    X, y = datasets.half_plane_points(200, rng)
    return X, y, rng


def looped_best_line(X, y, slopes, intercepts):
    """The brute-force search written as the plain nested loop it stands for."""
    best_accuracy, best_slope, best_intercept = 0.0, 0.0, 0.0
    for slope in slopes:
        for intercept in intercepts:
            predictions = (X[:, 1] > slope * X[:, 0] + intercept).astype(int)
            accuracy = np.mean(predictions == y)
            if accuracy > best_accuracy:
                best_accuracy, best_slope, best_intercept = accuracy, slope, intercept
    return float(best_slope), float(best_intercept), float(best_accuracy)


def test_best_line_matches_the_nested_loop_on_the_lesson_data():
    X, y, _ = lesson_points()
    assert lines.best_line_on_grid(X, y, GRID, GRID) == looped_best_line(
        X, y, GRID, GRID
    )


@pytest.mark.parametrize("seed", range(5))
def test_best_line_breaks_ties_like_the_loop(seed):
    # Few points on a coarse grid: many lines tie for the best accuracy, so the
    # answer depends on which of them the search keeps.
    rng = np.random.RandomState(seed)
    X = rng.uniform(-1, 1, (7, 2))
    y = rng.randint(0, 2, 7)
    slopes, intercepts = np.linspace(-2, 2, 9), np.linspace(-1, 1, 5)
    accuracies = lines.grid_accuracies(X, y, slopes, intercepts)
    assert np.sum(accuracies == accuracies.max()) > 1
    assert lines.best_line_on_grid(X, y, slopes, intercepts) == looped_best_line(
        X, y, slopes, intercepts
    )


def test_grid_accuracies_equal_line_accuracy_entry_by_entry():
    X, y, _ = lesson_points()
    slopes, intercepts = GRID[::7], GRID[::9]
    accuracies = lines.grid_accuracies(X, y, slopes, intercepts)
    expected = [
        [lines.line_accuracy(X, y, slope, intercept) for intercept in intercepts]
        for slope in slopes
    ]
    assert accuracies.tolist() == expected


def test_a_point_on_the_line_is_predicted_below_it():
    X = np.array([[1.0, 3.0], [1.0, 3.5], [1.0, 2.5]])
    assert lines.predict_above_line(X, 2.0, 1.0).tolist() == [0, 1, 0]


def test_line_accuracy_counts_correct_points():
    X, y, _ = lesson_points()
    slope, intercept = 0.3, -0.7
    above = X[:, 1] > slope * X[:, 0] + intercept
    n_correct = np.sum(above == (y == 1))
    assert lines.line_accuracy(X, y, slope, intercept) == n_correct / len(y)


def test_the_true_boundary_scores_one_and_its_mirror_zero():
    X, y, _ = lesson_points()
    assert lines.line_accuracy(X, y, 1.0, 0.0) == 1.0
    assert lines.line_accuracy(X, 1 - y, 1.0, 0.0) == 0.0


def test_random_line_draws_slope_then_intercept_after_the_points():
    # The lesson draws its points and then its first line from one stream.
    _, _, rng = lesson_points()
    slope, intercept = lines.random_line(rng)
    reference = np.random.RandomState(42)
    reference.uniform(-5, 5, (200, 2))
    assert (slope, intercept) == (reference.uniform(-2, 2), reference.uniform(-2, 2))
    assert isinstance(slope, float) and isinstance(intercept, float)


def test_random_lines_stay_in_range():
    rng = np.random.RandomState(0)
    drawn = np.array([lines.random_line(rng, low=-0.5, high=1.5) for _ in range(500)])
    assert drawn.min() >= -0.5 and drawn.max() < 1.5
    assert drawn.min() < 0.0 < 1.0 < drawn.max()


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda X, y: lines.line_accuracy(X[:, :1], y, 1, 0), "X"),
        (lambda X, y: lines.line_accuracy(X, y[:-1], 1, 0), "y"),
        (lambda X, y: lines.line_accuracy(X, y + 1, 1, 0), "y"),
        (lambda X, y: lines.line_accuracy(X, y, float("nan"), 0), "slope"),
        (lambda X, y: lines.line_accuracy(X, y, 1, float("inf")), "intercept"),
        (lambda X, y: lines.line_accuracy(X[:0], y[:0], 1, 0), "X"),
        (lambda X, y: lines.best_line_on_grid(X, y, [[1.0]], GRID), "slopes"),
        (lambda X, y: lines.best_line_on_grid(X, y, GRID, []), "intercepts"),
        (lambda X, y: lines.explorer_data(X, y, (1.0,), (1, 0, 1)), "first_line"),
        (lambda X, y: lines.explorer_data(X, y, (1, 0), (1, 0)), "best_line"),
        (lambda X, y: lines.random_line(np.random.RandomState(0), 2, 2), "low"),
    ],
)
def test_bad_inputs_raise_naming_the_argument(call, argument):
    X, y, _ = lesson_points()
    with pytest.raises(ValueError, match=rf"^{argument}\b"):
        call(X, y)


def test_explorer_html_carries_the_exact_numbers():
    X, y, rng = lesson_points()
    first_line = lines.random_line(rng)
    best_line = lines.best_line_on_grid(X, y, GRID, GRID)
    page = lines.explorer(X, y, first_line, best_line)._repr_html_()
    block = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page)
    data = json.loads(block.group(1))
    assert np.array_equal(np.array(data["points"]), X)
    assert data["labels"] == y.tolist()
    assert data["first_line"] == {
        "slope": first_line[0],
        "intercept": first_line[1],
        "accuracy": lines.line_accuracy(X, y, *first_line),
    }
    assert tuple(data["best_line"].values()) == best_line
    assert page.count("<button") == 1 and 'type="checkbox"' in page


def test_explorer_json_cannot_close_its_script_element():
    data = lines.explorer_data([[0.0, 1.0]], [1], (0.5, 0.25), (1.0, 0.0, 1.0))
    data["note"] = "</script><script>alert(1)</script>"
    page = lines.Explorer(data)._repr_html_()
    assert page.count("</script>") == 1
    block = re.search(r"<script[^>]*>(.*?)</script>", page, re.S).group(1)
    assert json.loads(block)["note"] == data["note"]


def test_random_line_names_a_missing_generator():
    with pytest.raises(TypeError, match="rng must be a numpy RandomState"):
        lines.random_line(None)

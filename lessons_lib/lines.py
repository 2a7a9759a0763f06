"""Lesson 1: a straight line as a classifier, guessed at random or found by search.

A line ``y = slope * x + intercept`` splits the plane in two. As a classifier it
predicts class 1 for a point strictly above the line and class 0 otherwise. This
module scores such a line by its accuracy, draws a random one, and finds the best
line on a grid of slopes and intercepts by trying every pair.

The points are rows of ``X``: column 0 is x, column 1 is y.
"""

import html
import json

import numpy as np

from .checks import as_float_array, as_labels

#: The element the lesson's explorer script (``_static/lesson-one-explorer.js``)
#: looks for on a page, and the id of the JSON data block inside it.
EXPLORER_CLASS = "lesson-one-explorer"


def _check_points(X, y):
    """Return the points and labels as arrays, checked."""
    X = as_float_array("X", X, ndim=2, n_columns=2)
    y = as_labels("y", y, n_classes=2, n_samples=len(X))
    return X, y


def _check_number(name, value):
    """Return `value` as a finite Python float, or raise naming `name`."""
    return float(as_float_array(name, value, ndim=0))


def _check_numbers(name, values, length):
    """Return `values` as a list of `length` finite Python floats, or raise."""
    return as_float_array(name, values, ndim=1, n_columns=length).tolist()


def predict_above_line(X, slope, intercept):
    """Predict class 1 for the points strictly above a line, else class 0.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row: column 0 is x, column 1 is y.
    slope, intercept : float
        The line ``y = slope * x + intercept``.

    Returns
    -------
    ndarray of int64, shape (n_samples,)
        1 where ``X[:, 1] > slope * X[:, 0] + intercept``, else 0. A point on the
        line gets 0.

    Examples
    --------
    >>> predict_above_line([[0.0, 1.0], [0.0, -1.0], [1.0, 1.0]], 1.0, 0.0).tolist()
    [1, 0, 0]
    """
    X = as_float_array("X", X, ndim=2, n_columns=2)
    slope = _check_number("slope", slope)
    intercept = _check_number("intercept", intercept)
    return (X[:, 1] > slope * X[:, 0] + intercept).astype(np.int64)


def line_accuracy(X, y, slope, intercept):
    """Return the fraction of points a line classifies correctly.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row.
    y : array_like of shape (n_samples,)
        Their true classes, 0 or 1.
    slope, intercept : float
        The line ``y = slope * x + intercept``; points strictly above it are
        predicted to be class 1.

    Returns
    -------
    float
        The accuracy, between 0 and 1.

    Examples
    --------
    >>> X = [[0.0, 1.0], [0.0, -1.0], [2.0, 1.0], [-2.0, -1.0]]
    >>> y = [1, 0, 0, 1]
    >>> line_accuracy(X, y, slope=0.0, intercept=0.0)
    0.5
    >>> line_accuracy(X, y, slope=1.0, intercept=0.0)
    1.0
    """
    X, y = _check_points(X, y)
    return float(np.mean(predict_above_line(X, slope, intercept) == y))


def grid_accuracies(X, y, slopes, intercepts):
    """Return the accuracy of every line on a grid of slopes and intercepts.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row.
    y : array_like of shape (n_samples,)
        Their true classes, 0 or 1.
    slopes : array_like of shape (n_slopes,)
        The slopes to try.
    intercepts : array_like of shape (n_intercepts,)
        The intercepts to try.

    Returns
    -------
    ndarray of shape (n_slopes, n_intercepts)
        Entry ``[i, j]`` is ``line_accuracy(X, y, slopes[i], intercepts[j])``,
        computed with the same arithmetic, so the numbers are identical.

    Examples
    --------
    >>> X = [[0.0, 1.0], [0.0, -1.0], [2.0, 1.0], [-2.0, -1.0]]
    >>> grid_accuracies(X, [1, 0, 0, 1], [0.0, 1.0], [-2.0, 0.0]).tolist()
    [[0.5, 0.5], [0.5, 1.0]]
    """
    X, y = _check_points(X, y)
    slopes = as_float_array("slopes", slopes, ndim=1)
    intercepts = as_float_array("intercepts", intercepts, ndim=1)
    # One row of predictions per slope, one column per intercept, one point deep.
    heights = slopes[:, None, None] * X[:, 0] + intercepts[None, :, None]
    predictions = (X[:, 1] > heights).astype(np.int64)
    return np.mean(predictions == y, axis=-1)


def best_line_on_grid(X, y, slopes, intercepts):
    """Find the most accurate line on a grid by trying every slope and intercept.

    The search visits the slopes in the outer loop and the intercepts in the inner
    loop, and keeps a line only when it beats every line before it: among equally
    accurate lines the first one visited wins.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row.
    y : array_like of shape (n_samples,)
        Their true classes, 0 or 1.
    slopes : array_like of shape (n_slopes,)
        The slopes to try.
    intercepts : array_like of shape (n_intercepts,)
        The intercepts to try.

    Returns
    -------
    slope, intercept, accuracy : float
        The best line and its accuracy.

    Notes
    -----
    This is the nested loop "for each slope, for each intercept, keep the line if
    its accuracy is strictly higher than the best so far", computed for the whole
    grid at once: the first maximum in row order is the line the loop keeps. (A
    loop that starts from a best accuracy of 0 would keep no line at all if every
    line scored 0; here the first line of the grid is returned then.)

    Examples
    --------
    >>> X = [[0.0, 1.0], [0.0, -1.0], [2.0, 1.0], [-2.0, -1.0]]
    >>> best_line_on_grid(X, [1, 0, 0, 1], [0.0, 1.0, 2.0], [-2.0, 0.0, 0.5])
    (1.0, 0.0, 1.0)
    """
    accuracies = grid_accuracies(X, y, slopes, intercepts)
    row, column = np.unravel_index(np.argmax(accuracies), accuracies.shape)
    slope = float(np.asarray(slopes, dtype=float)[row])
    intercept = float(np.asarray(intercepts, dtype=float)[column])
    return slope, intercept, float(accuracies[row, column])


def random_line(rng, low=-2.0, high=2.0):
    """Draw a line whose slope and intercept are uniform in ``[low, high)``.

    Parameters
    ----------
    rng : numpy.random.RandomState or numpy.random.Generator
        The source of randomness. It draws the slope first, then the intercept.
    low, high : float, default -2 and 2
        The range of both numbers.

    Returns
    -------
    slope, intercept : float

    Examples
    --------
    >>> import numpy as np
    >>> slope, intercept = random_line(np.random.RandomState(0))
    >>> round(slope, 3), round(intercept, 3)
    (0.195, 0.861)
    """
    if not isinstance(rng, (np.random.RandomState, np.random.Generator)):
        raise TypeError(
            f"rng must be a numpy RandomState or Generator, got {type(rng).__name__}"
        )
    low = _check_number("low", low)
    high = _check_number("high", high)
    if not low < high:
        raise ValueError(f"low must be below high, got low={low} and high={high}")
    slope = float(rng.uniform(low, high))
    intercept = float(rng.uniform(low, high))
    return slope, intercept


def explorer_data(X, y, first_line, best_line, low=-2.0, high=2.0):
    """Collect what the lesson's in-page explorer draws, as plain Python values.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row.
    y : array_like of shape (n_samples,)
        Their true classes, 0 or 1.
    first_line : tuple of float
        ``(slope, intercept)`` of the line the explorer opens with.
    best_line : tuple of float
        ``(slope, intercept, accuracy)`` of the best line, as returned by
        :func:`best_line_on_grid`.
    low, high : float, default -2 and 2
        The range the explorer draws new slopes and intercepts from.

    Returns
    -------
    dict
        Keys ``points`` (a list of ``[x, y]``), ``labels``, ``first_line``,
        ``best_line`` (dicts with ``slope``, ``intercept``, ``accuracy``) and
        ``line_range``. Floats keep their full precision.

    Examples
    --------
    >>> data = explorer_data([[0.0, 1.0], [0.0, -1.0]], [1, 0], (0.5, 0.25),
    ...                      (1.0, 0.0, 1.0))
    >>> data["labels"], data["first_line"]
    ([1, 0], {'slope': 0.5, 'intercept': 0.25, 'accuracy': 1.0})
    """
    X, y = _check_points(X, y)
    first_slope, first_intercept = _check_numbers("first_line", first_line, 2)
    best_slope, best_intercept, best_accuracy = _check_numbers(
        "best_line", best_line, 3
    )
    return {
        "points": X.tolist(),
        "labels": y.tolist(),
        "first_line": {
            "slope": first_slope,
            "intercept": first_intercept,
            "accuracy": line_accuracy(X, y, first_slope, first_intercept),
        },
        "best_line": {
            "slope": best_slope,
            "intercept": best_intercept,
            "accuracy": best_accuracy,
        },
        "line_range": [_check_number("low", low), _check_number("high", high)],
    }


class Explorer:
    """The lesson's interactive explorer, shown in a notebook or a built page.

    Its HTML holds the data as a JSON block and the controls; the book's script
    ``lesson-one-explorer.js`` draws the plot from it and makes the controls work,
    in the browser, without a kernel.

    Parameters
    ----------
    data : dict
        What :func:`explorer_data` returns.

    Examples
    --------
    >>> data = explorer_data([[0.0, 1.0]], [1], (0.5, 0.25), (1.0, 0.0, 1.0))
    >>> page = Explorer(data)._repr_html_()
    >>> 'type="application/json"' in page, "<button" in page
    (True, True)
    >>> Explorer(data)
    <Explorer: 1 points, first line y = 0.5 x + 0.25>
    """

    def __init__(self, data):
        self.data = data

    def __repr__(self):
        # the same text in every build: no memory address
        first = self.data["first_line"]
        return (
            f"<Explorer: {len(self.data['points'])} points, first line "
            f"y = {first['slope']:g} x + {first['intercept']:g}>"
        )

    def _repr_html_(self):
        # "<" never reaches the page inside the JSON, so it cannot close the script.
        payload = json.dumps(self.data, separators=(",", ":")).replace("<", "\\u003c")
        low, high = (html.escape(f"{bound:g}") for bound in self.data["line_range"])
        return _EXPLORER_TEMPLATE.format(
            css_class=EXPLORER_CLASS, payload=payload, low=low, high=high
        )


_EXPLORER_TEMPLATE = """\
<div class="{css_class}">
<script type="application/json" class="{css_class}-data">{payload}</script>
<div class="{css_class}-controls">
<button type="button" class="{css_class}-new-line">Generate random line</button>
<label><input type="checkbox" class="{css_class}-show-best" checked>
Show best line</label>
</div>
<p class="{css_class}-readout" aria-live="polite"></p>
<p class="{css_class}-best-readout"></p>
<div class="{css_class}-plot"></div>
<noscript><p>The explorer needs JavaScript; the figure above shows the same
lines. New lines have a slope and an intercept drawn uniformly from
[{low}, {high}].</p></noscript>
</div>
"""


def explorer(X, y, first_line, best_line):
    """Return the lesson's interactive explorer for these points and lines.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The points, one per row.
    y : array_like of shape (n_samples,)
        Their true classes, 0 or 1.
    first_line : tuple of float
        ``(slope, intercept)`` of the line it opens with.
    best_line : tuple of float
        ``(slope, intercept, accuracy)`` from :func:`best_line_on_grid`.

    Returns
    -------
    Explorer
        Shown as HTML by Jupyter and by the book's pages.

    Examples
    --------
    >>> shown = explorer([[0.0, 1.0]], [1], (0.5, 0.25), (1.0, 0.0, 1.0))
    >>> shown.data["first_line"]["accuracy"]
    1.0
    """
    return Explorer(explorer_data(X, y, first_line, best_line))

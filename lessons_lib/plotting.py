"""The book's figure style and the plots the early lessons share.

Every figure in the book is drawn on its own white background, so it reads the
same on the light and the dark page themes. :data:`STYLE` holds the few
settings that differ from matplotlib's defaults; :func:`new_axes` makes a figure
in that style, and :func:`scatter_classes` draws a two-class data set in the
book's two class colours: blue for class 0, red for class 1.
"""

import contextlib

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from .checks import as_float_array, as_labels

#: Colours of class 0 and class 1, in every figure of the book.
CLASS_COLORS = ("tab:blue", "tab:red")

#: Colour of decision boundaries and fitted lines.
BOUNDARY_COLOR = "black"

#: The settings the book's figures change from matplotlib's defaults.
STYLE = {
    "figure.figsize": (4.0, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 9,
    "legend.fontsize": 8,
    "legend.framealpha": 0.9,
    "lines.linewidth": 2,
}


def style_context():
    """Return a context manager that applies :data:`STYLE` inside a ``with``.

    Returns
    -------
    contextlib.AbstractContextManager
        Matplotlib's ``rc_context`` holding the book's settings.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with style_context():
    ...     print(mpl.rcParams["figure.facecolor"])
    white
    """
    return _rc_context_keeping_interactive(STYLE)


@contextlib.contextmanager
def _rc_context_keeping_interactive(settings):
    """``rc_context``, except that interactive mode set inside it stays set.

    A kernel's first figure switches on Jupyter's inline backend, which turns on
    interactive mode; a plain ``rc_context`` would switch it off again on exit,
    and every later figure of the chapter would silently not be shown.
    """
    with plt.rc_context(settings):
        try:
            yield
        finally:
            interactive = mpl.is_interactive()
    mpl.interactive(interactive)


def use_book_style():
    """Apply :data:`STYLE` to every figure made after this call.

    Chapters call it once, at the top, so that their plain ``plt`` figures look
    like the ones the library draws.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> with mpl.rc_context():
    ...     use_book_style()
    ...     print(mpl.rcParams["axes.spines.top"])
    False
    """
    plt.rcParams.update(STYLE)


def new_axes(limits=None, figsize=None, dpi=None):
    """Make a one-axes figure in the book's style.

    Parameters
    ----------
    limits : tuple of float (low, high), optional
        If given, both axes run from `low` to `high` and the axes are square.
    figsize : tuple of float, optional
        Figure size in inches; :data:`STYLE`'s size by default.
    dpi : float, optional
        Dots per inch; :data:`STYLE`'s by default.

    Returns
    -------
    fig : matplotlib.figure.Figure
    ax : matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = new_axes(limits=(-5, 5))
    >>> [float(v) for v in ax.get_xlim()], ax.get_aspect()
    ([-5.0, 5.0], 1.0)
    >>> plt.close(fig)
    """
    with style_context():
        fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    fig.set_facecolor(STYLE["figure.facecolor"])
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    if limits is not None:
        low, high = limits
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    return fig, ax


def scatter_classes(ax, X, y, labels=("class 0", "class 1"), size=14, **kwargs):
    """Scatter a two-class data set, one colour per class.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    X : array_like of shape (n_samples, 2)
        The points, one row each: column 0 is x, column 1 is y.
    y : array_like of shape (n_samples,)
        Class labels, 0 or 1.
    labels : tuple of str, default ("class 0", "class 1")
        Legend entries of the two classes.
    size : float, default 14
        Marker area in points squared.
    **kwargs
        Passed on to ``ax.scatter`` (for instance ``alpha`` or ``zorder``).

    Returns
    -------
    list of matplotlib.collections.PathCollection
        The two scatters, class 0 first.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> dots = scatter_classes(ax, [[0, 0], [1, 1], [2, 0]], [0, 1, 1])
    >>> [len(d.get_offsets()) for d in dots]
    [1, 2]
    >>> plt.close(fig)
    """
    X = as_float_array("X", X, ndim=2, n_columns=2)
    y = as_labels("y", y, n_classes=2, n_samples=len(X))
    kwargs.setdefault("linewidths", 0)
    return [
        ax.scatter(X[y == label, 0], X[y == label, 1], s=size,
                   color=CLASS_COLORS[label], label=labels[label], **kwargs)
        for label in (0, 1)
    ]


def line_in_box(weights, limits):
    """Return two points of the line ``w0 + w1 x + w2 y = 0`` across a square.

    The line is drawn as ``y`` against ``x`` when it is closer to horizontal
    and as ``x`` against ``y`` when it is closer to vertical, so a steep line is
    not lost off the plot.

    Parameters
    ----------
    weights : array_like of shape (3,)
        The line's coefficients ``(w0, w1, w2)``: the bias, then the weights of
        x and of y.
    limits : tuple of float (low, high)
        The square's sides.

    Returns
    -------
    xs, ys : ndarray of shape (2,)
        The x and y coordinates of the two end points.

    Examples
    --------
    >>> xs, ys = line_in_box([0.0, -1.0, 1.0], (-5, 5))
    >>> xs.tolist(), ys.tolist()
    ([-5.0, 5.0], [-5.0, 5.0])
    >>> xs, ys = line_in_box([1.0, 2.0, 0.0], (-5, 5))
    >>> xs.tolist(), ys.tolist()
    ([-0.5, -0.5], [-5.0, 5.0])
    """
    w0, w1, w2 = as_float_array("weights", weights, ndim=1, n_columns=3)
    ends = np.array(limits, dtype=float)
    if abs(w2) >= abs(w1):
        if w2 == 0:
            raise ValueError("weights must not have both w1 and w2 zero")
        return ends, -(w0 + w1 * ends) / w2
    return -(w0 + w2 * ends) / w1, ends


def plot_curve(ax, values, label=None, xlabel="iteration", ylabel="loss", **kwargs):
    """Plot a training curve (a loss or an accuracy per iteration).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    values : array_like of shape (n_points,)
        One value per iteration, iteration 0 (before any step) first.
    label : str, optional
        Legend entry.
    xlabel, ylabel : str
        Axis labels, lower-case.
    **kwargs
        Passed on to ``ax.plot``.

    Returns
    -------
    matplotlib.lines.Line2D

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> line = plot_curve(ax, [0.7, 0.5, 0.4])
    >>> line.get_xdata().tolist()
    [0, 1, 2]
    >>> plt.close(fig)
    """
    values = as_float_array("values", values, ndim=1)
    (line,) = ax.plot(np.arange(len(values)), values, label=label, **kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return line

"""Input checks shared by the library's public functions.

Each check raises ``ValueError`` or ``TypeError`` with a message that names the
argument and says what was expected, so a reader who passes the wrong thing learns
what to fix instead of meeting a broadcasting error three calls deeper.
"""

import numbers

import numpy as np


def as_float_array(name, value, ndim=None, n_columns=None, allow_empty=False):
    """Return `value` as a finite float array, or raise naming `name`.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : array_like
        What the caller passed.
    ndim : int, optional
        The number of dimensions expected.
    n_columns : int, optional
        For 2-d input, the number of columns expected.
    allow_empty : bool, default False
        Whether an array with no elements is acceptable.

    Returns
    -------
    ndarray
        The input as a float array (no copy when it already is one).

    Examples
    --------
    >>> as_float_array("X", [[1, 2], [3, 4]], ndim=2, n_columns=2).dtype
    dtype('float64')
    >>> as_float_array("X", [[1, 2, 3]], ndim=2, n_columns=2)
    Traceback (most recent call last):
    ...
    ValueError: X must have 2 columns, got shape (1, 3)
    >>> as_float_array("X", [1.0, float("nan")])
    Traceback (most recent call last):
    ...
    ValueError: X contains NaN or infinite values
    """
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers: {error}") from None
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or array.dtype == bool
    ):
        raise TypeError(f"{name} must hold numbers, got dtype {array.dtype}")
    if not np.issubdtype(array.dtype, np.floating):
        array = array.astype(float)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(
            f"{name} must be {ndim}-dimensional, got shape {array.shape}"
        )
    if n_columns is not None and array.shape[-1] != n_columns:
        raise ValueError(
            f"{name} must have {n_columns} columns, got shape {array.shape}"
        )
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return array


def as_labels(name, value, n_classes, n_samples=None):
    """Return `value` as an integer label vector in ``0 .. n_classes - 1``.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : array_like of shape (n_samples,)
        Class labels; floats are accepted when they hold whole numbers.
    n_classes : int
        The number of classes; labels must lie in ``range(n_classes)``.
    n_samples : int, optional
        The number of labels expected (the number of rows of the features).

    Returns
    -------
    ndarray of int64

    Examples
    --------
    >>> as_labels("y", [0, 1, 1.0], n_classes=2)
    array([0, 1, 1])
    >>> as_labels("y", [0, 2], n_classes=2)
    Traceback (most recent call last):
    ...
    ValueError: y must hold labels 0 to 1, found 2
    >>> as_labels("y", [0, 1], n_classes=2, n_samples=3)
    Traceback (most recent call last):
    ...
    ValueError: y has 2 labels but the features have 3 rows
    """
    labels = as_float_array(name, value, ndim=1)
    if n_samples is not None and len(labels) != n_samples:
        raise ValueError(
            f"{name} has {len(labels)} labels but the features have "
            f"{n_samples} rows"
        )
    if np.any(labels != np.round(labels)):
        raise ValueError(f"{name} must hold whole-number class labels")
    outside = labels[(labels < 0) | (labels >= n_classes)]
    if outside.size:
        raise ValueError(
            f"{name} must hold labels 0 to {n_classes - 1}, "
            f"found {int(outside[0])}"
        )
    return labels.astype(np.int64)


def check_positive(name, value, integer=False):
    """Return `value` if it is a positive (integer) number, else raise.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : number
        What the caller passed.
    integer : bool, default False
        Whether the value must be a whole number (an iteration count, a size).

    Returns
    -------
    int or float

    Examples
    --------
    >>> check_positive("learning_rate", 0.1)
    0.1
    >>> check_positive("n_iterations", 0, integer=True)
    Traceback (most recent call last):
    ...
    ValueError: n_iterations must be positive, got 0
    """
    kind = numbers.Integral if integer else numbers.Real
    if isinstance(value, bool) or not isinstance(value, kind):
        expected = "an integer" if integer else "a number"
        raise TypeError(f"{name} must be {expected}, got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return value


class TrainingDiverged(FloatingPointError):
    """A training run's loss blew up: its learning rate is too large."""


#: How many times its starting value the loss may reach before a run counts as
#: diverged. Gradient descent with a workable learning rate may overshoot for a
#: few steps (the tanh network of lesson 4 briefly reaches ten times its starting
#: loss with a rate of 10, and still learns the rings); a run that reaches twenty
#: times has left the problem behind.
DIVERGENCE_FACTOR = 20


def check_not_diverged(loss, initial_loss, iteration, learning_rate):
    """Raise `TrainingDiverged` if a run's loss is no longer finite or has blown up.

    Parameters
    ----------
    loss : float
        The loss after `iteration` steps.
    initial_loss : float
        The loss before the first step.
    iteration : int
        How many steps were taken, for the message.
    learning_rate : float
        The run's learning rate, for the message.

    Examples
    --------
    >>> check_not_diverged(0.5, 0.69, iteration=10, learning_rate=0.1)
    >>> check_not_diverged(float("nan"), 0.69, iteration=7, learning_rate=100)
    Traceback (most recent call last):
    ...
    lessons_lib.checks.TrainingDiverged: training diverged at iteration 7: the loss \
is nan (it started at 0.69); the learning rate 100 is too large for this data
    """
    if np.isfinite(loss) and loss <= DIVERGENCE_FACTOR * initial_loss:
        return
    raise TrainingDiverged(
        f"training diverged at iteration {iteration}: the loss is {loss:.4g} "
        f"(it started at {initial_loss:.4g}); the learning rate {learning_rate} "
        "is too large for this data"
    )

"""Logistic regression trained by batch gradient descent.

The model turns a row of features ``phi(x)`` into the probability of class 1,
``p = sigmoid(phi(x) . theta)``, and learns ``theta`` by stepping against the
gradient of the average cross-entropy over the whole training set. Lesson 2
feeds it ``[1, x, y]`` and gets a straight boundary; lesson 3 feeds it the
degree-2 features ``[1, x, y, x^2, xy, y^2]`` and gets a conic.

Training returns a :class:`LogisticHistory`: the parameters, loss and accuracy
at every iteration, which the chapters animate.
"""

from typing import NamedTuple

import numpy as np

from .checks import as_float_array, as_labels, check_not_diverged, check_positive


class LogisticHistory(NamedTuple):
    """What :func:`train_logistic_regression` saw, iteration by iteration.

    Row ``k`` of each field belongs to the parameters after ``k`` gradient steps;
    row 0 is the starting point.
    """

    #: ndarray of shape (n_iterations + 1, n_features): the parameters.
    thetas: np.ndarray
    #: ndarray of shape (n_iterations + 1,): the average cross-entropy.
    losses: np.ndarray
    #: ndarray of shape (n_iterations + 1,): the fraction classified right.
    accuracies: np.ndarray


def sigmoid(z):
    """Return the logistic function ``1 / (1 + exp(-z))``, element-wise.

    It is computed from ``exp(-|z|)``, which never overflows, so it stays finite
    and silent for any finite `z`.

    Parameters
    ----------
    z : array_like
        Any real numbers.

    Returns
    -------
    ndarray
        Values in [0, 1], the shape of `z`.

    Examples
    --------
    >>> [round(float(p), 4) for p in sigmoid([-1000.0, -1.0, 0.0, 2.0, 1000.0])]
    [0.0, 0.2689, 0.5, 0.8808, 1.0]
    """
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))  # in (0, 1]: no overflow
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


def cross_entropy_from_logits(logits, y):
    """Return the average cross-entropy of labels `y` under ``sigmoid(logits)``.

    For one sample with logit ``z`` and label ``t`` the loss is
    ``-t log p - (1 - t) log(1 - p)`` with ``p = sigmoid(z)``, which equals
    ``log(1 + exp(z)) - t z``; that form is computed with ``np.logaddexp`` and
    stays finite where ``p`` rounds to 0 or 1.

    Parameters
    ----------
    logits : array_like of shape (n_samples,)
        The model's scores before the sigmoid.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.

    Returns
    -------
    float

    Examples
    --------
    >>> round(cross_entropy_from_logits([0.0, 0.0], [0, 1]), 4)  # log 2
    0.6931
    >>> round(cross_entropy_from_logits([1000.0], [0]), 1)
    1000.0
    """
    logits = np.asarray(logits, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.mean(np.logaddexp(0.0, logits) - y * logits))


def with_bias_column(X):
    """Prepend a column of ones to `X`: the features ``[1, x, y]`` of lesson 2.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_inputs)
        Samples as rows.

    Returns
    -------
    ndarray of shape (n_samples, n_inputs + 1)

    Examples
    --------
    >>> with_bias_column([[2.0, 3.0]]).tolist()
    [[1.0, 2.0, 3.0]]
    """
    X = as_float_array("X", X, ndim=2)
    return np.column_stack([np.ones(len(X)), X])


def polynomial_features(X):
    """Return the degree-2 features ``[1, x, y, x^2, x y, y^2]`` of 2-d points.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        Points as rows: column 0 is x, column 1 is y.

    Returns
    -------
    ndarray of shape (n_samples, 6)

    Examples
    --------
    >>> polynomial_features([[2.0, 3.0]]).tolist()
    [[1.0, 2.0, 3.0, 4.0, 6.0, 9.0]]
    """
    X = as_float_array("X", X, ndim=2, n_columns=2)
    x, y = X[:, 0], X[:, 1]
    return np.column_stack([np.ones(len(X)), x, y, x**2, x * y, y**2])


def predict_proba(features, theta):
    """Return the probability of class 1 for each row of `features`.

    Parameters
    ----------
    features : array_like of shape (n_samples, n_features)
        One row of features per sample (for instance from :func:`with_bias_column`).
    theta : array_like of shape (n_features,)
        The parameters.

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> predict_proba([[1.0, 2.0], [1.0, -2.0]], [0.0, 1.0]).round(3).tolist()
    [0.881, 0.119]
    """
    features = as_float_array("features", features, ndim=2)
    theta = as_float_array("theta", theta, ndim=1, n_columns=features.shape[1])
    return sigmoid(features @ theta)


def logistic_gradient(features, y, theta):
    """Return the gradient of the average cross-entropy with respect to `theta`.

    With ``p = sigmoid(features @ theta)`` it is ``features.T @ (p - y) / n``.

    Parameters
    ----------
    features : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Labels, 0 or 1.
    theta : ndarray of shape (n_features,)

    Returns
    -------
    ndarray of shape (n_features,)

    Examples
    --------
    >>> import numpy as np
    >>> features = np.array([[1.0, 2.0], [1.0, -1.0]])
    >>> logistic_gradient(features, np.array([1, 0]), np.zeros(2)).tolist()
    [0.0, -0.75]
    """
    features = as_float_array("features", features, ndim=2)
    y = as_labels("y", y, n_classes=2, n_samples=len(features))
    theta = as_float_array("theta", theta, ndim=1, n_columns=features.shape[1])
    proba = sigmoid(features @ theta)
    return features.T @ (proba - y) / len(y)


def train_logistic_regression(features, y, theta, learning_rate, n_iterations):
    """Fit logistic regression by batch gradient descent and keep its history.

    Each iteration computes the gradient of the average cross-entropy over all
    samples (:func:`logistic_gradient`) and takes one step
    ``theta <- theta - learning_rate * gradient``.

    Parameters
    ----------
    features : array_like of shape (n_samples, n_features)
        One row of features per sample.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    theta : array_like of shape (n_features,)
        The starting parameters (not modified).
    learning_rate : float
        The step size, positive.
    n_iterations : int
        How many gradient steps to take, positive.

    Returns
    -------
    LogisticHistory
        Parameters, losses and accuracies after 0, 1, ..., `n_iterations` steps.

    Raises
    ------
    lessons_lib.checks.TrainingDiverged
        A ``FloatingPointError``: the loss stopped being finite or grew past
        :data:`~lessons_lib.checks.DIVERGENCE_FACTOR` times its starting value
        (the step is too large for the data); the message names the iteration.

    Examples
    --------
    >>> import numpy as np
    >>> features = with_bias_column([[-2.0], [-1.0], [1.0], [2.0]])
    >>> history = train_logistic_regression(
    ...     features, [0, 0, 1, 1], np.zeros(2), learning_rate=0.5, n_iterations=20)
    >>> history.thetas.shape
    (21, 2)
    >>> round(float(history.losses[0]), 3), round(float(history.losses[-1]), 3)
    (0.693, 0.069)
    >>> float(history.accuracies[-1])
    1.0
    """
    features = as_float_array("features", features, ndim=2)
    y = as_labels("y", y, n_classes=2, n_samples=len(features))
    theta = as_float_array("theta", theta, ndim=1, n_columns=features.shape[1])
    check_positive("learning_rate", learning_rate)
    check_positive("n_iterations", n_iterations, integer=True)

    thetas = [theta.copy()]
    losses, accuracies = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(n_iterations + 1):
            # score the current parameters
            logits = features @ theta
            losses.append(cross_entropy_from_logits(logits, y))
            accuracies.append(float(np.mean((logits > 0) == y)))
            check_not_diverged(losses[-1], losses[0], iteration, learning_rate)
            if iteration == n_iterations:
                break
            # one step down the gradient
            theta = theta - learning_rate * logistic_gradient(features, y, theta)
            thetas.append(theta.copy())
    return LogisticHistory(
        np.array(thetas), np.array(losses), np.array(accuracies)
    )


def accuracy(features, y, theta):
    """Return the fraction of samples whose class ``p > 0.5`` predicts right.

    Parameters
    ----------
    features : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    theta : array_like of shape (n_features,)

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy([[1.0, 2.0], [1.0, -2.0]], [1, 1], [0.0, 1.0])
    0.5
    """
    proba = predict_proba(features, theta)
    y = as_labels("y", y, n_classes=2, n_samples=len(proba))
    return float(np.mean((proba > 0.5) == y))


def conic_equation(theta, digits=3):
    """Write the boundary ``theta . [1, x, y, x^2, xy, y^2] = 0`` as text.

    Parameters
    ----------
    theta : array_like of shape (6,)
        Parameters of a model on :func:`polynomial_features`.
    digits : int, default 3
        Decimals of each coefficient.

    Returns
    -------
    str
        The equation with proper signs, for instance
        ``0 = -1.508 - 0.069 x + ... + 0.672 y²``.

    Examples
    --------
    >>> conic_equation([-1.5, 0.0, -0.25, 0.5, 0.125, 1.0])
    '0 = -1.500 + 0.000 x - 0.250 y + 0.500 x² + 0.125 x·y + 1.000 y²'
    """
    theta = as_float_array("theta", theta, ndim=1, n_columns=6)
    terms = ["", " x", " y", " x²", " x·y", " y²"]
    text = f"0 = {theta[0]:.{digits}f}"
    for coefficient, term in zip(theta[1:], terms[1:]):
        sign = "-" if coefficient < 0 else "+"
        text += f" {sign} {abs(coefficient):.{digits}f}{term}"
    return text


def predict_on_grid(theta, xs, ys, featurize=polynomial_features):
    """Return the probability of class 1 at every point of a grid.

    Parameters
    ----------
    theta : array_like of shape (n_features,)
        The parameters.
    xs : array_like of shape (n_x,)
        The grid's x coordinates.
    ys : array_like of shape (n_y,)
        The grid's y coordinates.
    featurize : callable, default polynomial_features
        Turns points of shape (n_points, 2) into the model's features.

    Returns
    -------
    ndarray of shape (n_y, n_x)
        Row ``i``, column ``j`` holds the probability at ``(xs[j], ys[i])``.

    Examples
    --------
    >>> theta = [-1.0, 0.0, 0.0, 1.0, 0.0, 1.0]  # the unit circle
    >>> (predict_on_grid(theta, [0.0, 2.0], [0.0]) > 0.5).tolist()
    [[False, True]]
    """
    xs = as_float_array("xs", xs, ndim=1)
    ys = as_float_array("ys", ys, ndim=1)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return predict_proba(featurize(points), theta).reshape(grid_x.shape)

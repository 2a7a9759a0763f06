"""A small neural network: two tanh hidden layers and a sigmoid output.

Lesson 4's network maps a point ``(x, y)`` through 16 and then 8 tanh units to
one probability of class 1 (a 2-16-8-1 network)::

    A1 = tanh(X @ W1 + b1)          # (n_samples, 16)
    A2 = tanh(A1 @ W2 + b2)         # (n_samples, 8)
    p  = sigmoid(A2 @ W3 + b3)      # (n_samples,)

Samples are rows, so ``W1`` has shape (2, 16): one column per unit. It learns
by batch gradient descent on the average cross-entropy, with the gradients from
backpropagation (:func:`backward`). Training returns an :class:`MLPHistory`
with the parameters of every iteration, which the chapter animates.
"""

from typing import NamedTuple

import numpy as np

from .checks import as_float_array, as_labels, check_not_diverged, check_positive
from .logistic import cross_entropy_from_logits, sigmoid


class MLPParams(NamedTuple):
    """The network's weights and biases (or gradients of the same shapes)."""

    #: ndarray of shape (n_inputs, n_hidden1)
    W1: np.ndarray
    #: ndarray of shape (n_hidden1,)
    b1: np.ndarray
    #: ndarray of shape (n_hidden1, n_hidden2)
    W2: np.ndarray
    #: ndarray of shape (n_hidden2,)
    b2: np.ndarray
    #: ndarray of shape (n_hidden2, 1)
    W3: np.ndarray
    #: ndarray of shape (1,)
    b3: np.ndarray


class ForwardPass(NamedTuple):
    """What :func:`forward` computes, kept for :func:`backward`."""

    #: ndarray of shape (n_samples, n_hidden1): the first hidden layer.
    A1: np.ndarray
    #: ndarray of shape (n_samples, n_hidden2): the second hidden layer.
    A2: np.ndarray
    #: ndarray of shape (n_samples,): the output before the sigmoid.
    logits: np.ndarray
    #: ndarray of shape (n_samples,): the probability of class 1.
    proba: np.ndarray


class MLPHistory(NamedTuple):
    """What :func:`train_mlp` saw; entry ``k`` is after ``k`` gradient steps."""

    #: list of MLPParams, n_iterations + 1 of them, the starting point first.
    params: list
    #: ndarray of shape (n_iterations + 1,): the average cross-entropy.
    losses: np.ndarray
    #: ndarray of shape (n_iterations + 1,): the fraction classified right.
    accuracies: np.ndarray


def init_params(rng, layer_sizes=(2, 16, 8, 1), weight_scale=0.1):
    """Draw random weights and zero biases for a tanh-tanh-sigmoid network.

    Each weight matrix is drawn as ``rng.randn(n_out, n_in) * scale`` and then
    transposed to the (n_in, n_out) shape that rows-as-samples need; drawing in
    the (out, in) order reproduces the numbers of code that stores layers the
    other way round. Matrices are drawn in order, first layer first.

    Parameters
    ----------
    rng : numpy.random.RandomState
        The source of randomness.
    layer_sizes : tuple of 4 int, default (2, 16, 8, 1)
        Inputs, first hidden layer, second hidden layer, outputs (must be 1).
    weight_scale : float or "fan_in", default 0.1
        The standard deviation of every weight, or ``"fan_in"`` for
        ``1 / sqrt(n_in)``, which keeps the variance of each unit's input near
        that of the layer's inputs.

    Returns
    -------
    MLPParams

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> [p.shape for p in params]
    [(2, 16), (16,), (16, 8), (8,), (8, 1), (1,)]
    >>> round(float(params.W1[0, 0]), 4)  # 0.1 times the stream's first normal
    0.1624
    """
    sizes = [check_positive("layer_sizes", n, integer=True) for n in layer_sizes]
    if len(sizes) != 4 or sizes[-1] != 1:
        raise ValueError(
            "layer_sizes must be (n_inputs, n_hidden1, n_hidden2, 1), "
            f"got {layer_sizes}"
        )
    if weight_scale != "fan_in":
        check_positive("weight_scale", weight_scale)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        scale = 1 / np.sqrt(n_in) if weight_scale == "fan_in" else weight_scale
        params += [(rng.randn(n_out, n_in) * scale).T, np.zeros(n_out)]
    return MLPParams(*params)


def forward(params, X):
    """Run the network on a batch of points.

    Parameters
    ----------
    params : MLPParams
    X : array_like of shape (n_samples, n_inputs)
        Samples as rows.

    Returns
    -------
    ForwardPass
        The two hidden layers' activations, the logits and the probabilities.

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> forward(params, [[0.0, 0.0]]).proba.tolist()  # zero biases: exactly 1/2
    [0.5]
    """
    _check_params(params)
    X = as_float_array("X", X, ndim=2, n_columns=params.W1.shape[0])
    A1 = np.tanh(X @ params.W1 + params.b1)
    A2 = np.tanh(A1 @ params.W2 + params.b2)
    logits = (A2 @ params.W3 + params.b3)[:, 0]
    return ForwardPass(A1, A2, logits, sigmoid(logits))


def backward(params, X, y, forward_pass):
    """Return the gradient of the average cross-entropy by backpropagation.

    The error at the output is ``dZ3 = (p - y) / n``; each layer passes its
    error back through its weights and the tanh derivative ``1 - A**2``.

    Parameters
    ----------
    params : MLPParams
    X : array_like of shape (n_samples, n_inputs)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    forward_pass : ForwardPass
        The result of ``forward(params, X)``.

    Returns
    -------
    MLPParams
        The gradient with respect to each weight and bias, same shapes.

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> X, y = np.array([[1.0, 0.5]]), np.array([1])
    >>> gradient = backward(params, X, y, forward(params, X))
    >>> [g.shape for g in gradient] == [p.shape for p in params]
    True
    """
    A1, A2, _, proba = forward_pass
    n_samples = len(proba)
    # output layer: sigmoid and cross-entropy together give p - y
    dZ3 = ((proba - y) / n_samples)[:, None]
    dW3, db3 = A2.T @ dZ3, dZ3.sum(axis=0)
    # second hidden layer
    dZ2 = (dZ3 @ params.W3.T) * (1 - A2**2)
    dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
    # first hidden layer
    dZ1 = (dZ2 @ params.W2.T) * (1 - A1**2)
    dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
    return MLPParams(dW1, db1, dW2, db2, dW3, db3)


def loss(params, X, y):
    """Return the average cross-entropy of the network on `X`, `y`.

    Parameters
    ----------
    params : MLPParams
    X : array_like of shape (n_samples, n_inputs)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> round(loss(params, [[0.0, 0.0]], [1]), 4)  # log 2
    0.6931
    """
    forward_pass = forward(params, X)
    y = as_labels("y", y, n_classes=2, n_samples=len(forward_pass.logits))
    return cross_entropy_from_logits(forward_pass.logits, y)


def train_mlp(X, y, params, learning_rate, n_iterations):
    """Train the network by batch gradient descent and keep every iteration.

    Each iteration runs :func:`forward` on all samples, gets the gradient from
    :func:`backward` and moves every parameter a step against it.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_inputs)
        Samples as rows.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    params : MLPParams
        The starting parameters (not modified), for instance from
        :func:`init_params`.
    learning_rate : float
        The step size, positive.
    n_iterations : int
        How many gradient steps to take, positive.

    Returns
    -------
    MLPHistory
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
    >>> X = np.array([[-1.0, 0.0], [1.0, 0.0]])
    >>> params = init_params(np.random.RandomState(0), weight_scale="fan_in")
    >>> history = train_mlp(X, [0, 1], params, learning_rate=0.5, n_iterations=30)
    >>> len(history.params), float(history.accuracies[-1])
    (31, 1.0)
    >>> bool(history.losses[-1] < history.losses[0])
    True
    """
    _check_params(params)
    X = as_float_array("X", X, ndim=2, n_columns=params.W1.shape[0])
    y = as_labels("y", y, n_classes=2, n_samples=len(X))
    check_positive("learning_rate", learning_rate)
    check_positive("n_iterations", n_iterations, integer=True)

    history = [params]
    losses, accuracies = [], []
    with np.errstate(over="ignore", invalid="ignore"):
        for iteration in range(n_iterations + 1):
            forward_pass = forward(params, X)
            losses.append(cross_entropy_from_logits(forward_pass.logits, y))
            accuracies.append(float(np.mean((forward_pass.logits > 0) == y)))
            check_not_diverged(losses[-1], losses[0], iteration, learning_rate)
            if iteration == n_iterations:
                break
            gradient = backward(params, X, y, forward_pass)
            params = MLPParams(
                *(p - learning_rate * g for p, g in zip(params, gradient))
            )
            history.append(params)
    return MLPHistory(history, np.array(losses), np.array(accuracies))


def _check_params(params):
    """Raise unless `params` is an MLPParams of chained, finite shapes."""
    if not isinstance(params, MLPParams):
        raise TypeError(f"params must be an MLPParams, got {type(params).__name__}")
    for name, value in zip(MLPParams._fields, params):
        as_float_array(f"params.{name}", value)
    n_in = np.shape(params.W1)[0]
    for layer in (1, 2, 3):
        weights = np.asarray(getattr(params, f"W{layer}"))
        bias = np.asarray(getattr(params, f"b{layer}"))
        if weights.ndim != 2 or weights.shape[0] != n_in or bias.shape != (
            weights.shape[1],
        ):
            raise ValueError(
                f"params.W{layer} and params.b{layer} have shapes {weights.shape} "
                f"and {bias.shape}; W{layer} needs {n_in} rows (the units feeding "
                f"it) and b{layer} one entry per column of W{layer}"
            )
        n_in = weights.shape[1]
    if n_in != 1:
        raise ValueError(f"params.W3 must have 1 column, got {n_in}")


def predict_proba(params, X):
    """Return the network's probability of class 1 for each row of `X`.

    Parameters
    ----------
    params : MLPParams
    X : array_like of shape (n_samples, n_inputs)

    Returns
    -------
    ndarray of shape (n_samples,)

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> predict_proba(params, np.zeros((2, 2))).tolist()
    [0.5, 0.5]
    """
    return forward(params, X).proba


def predict_on_grid(params, xs, ys):
    """Return the probability of class 1 at every point of a grid.

    Parameters
    ----------
    params : MLPParams
    xs : array_like of shape (n_x,)
        The grid's x coordinates.
    ys : array_like of shape (n_y,)
        The grid's y coordinates.

    Returns
    -------
    ndarray of shape (n_y, n_x)
        Row ``i``, column ``j`` holds the probability at ``(xs[j], ys[i])``, the
        layout ``plt.contour(xs, ys, proba)`` expects.

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(np.random.RandomState(1))
    >>> predict_on_grid(params, [-1.0, 0.0, 1.0], [0.0, 1.0]).shape
    (2, 3)
    """
    xs = as_float_array("xs", xs, ndim=1)
    ys = as_float_array("ys", ys, ndim=1)
    grid_x, grid_y = np.meshgrid(xs, ys)
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return predict_proba(params, points).reshape(grid_x.shape)

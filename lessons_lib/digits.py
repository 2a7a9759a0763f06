"""The digit network of lessons 5 to 7: 784 pixels, 128 ReLU units, K outputs.

One hidden layer of rectified linear units sits between the pixels and the
outputs. With ``output="softmax"`` the K = 10 outputs are the probabilities of
the ten digits and the loss is the cross-entropy against one-hot targets
(:func:`one_hot`); with ``output="sigmoid"`` each of the K outputs is the
probability that one bit of a binary code is 1 and the loss is the binary
cross-entropy against the code's bits (:func:`to_bits`). Both losses give the
same error at the outputs, ``(A2 - Y) / m`` for a batch of ``m`` rows, so one
:func:`backward` serves both.

Every function works for any sizes (the tests check the gradients on a network
of 12 inputs and 7 hidden units). :func:`train_network` runs mini-batch
stochastic gradient descent the way the source lessons do, drawing from numpy's
legacy ``RandomState`` stream in the same order, so the same seed gives the same
weights, bit for bit. It keeps MNIST's pixels as bytes and scales one batch at a
time, and it reuses one set of arrays for every batch, so training costs no
float copy of the data set and no fresh memory per step.
"""

import numbers

import numpy as np
from threadpoolctl import threadpool_limits

from .cache import remembered_on_disk
from .checks import as_float_array, as_labels, check_not_diverged, check_positive

#: The output layers :func:`forward` knows, each with its loss.
OUTPUTS = ("softmax", "sigmoid")

#: How :func:`train_network` orders the samples in each epoch.
SHUFFLES = ("fresh", "cumulative")

#: Rows per chunk when a whole set is run through the network at once.
EVALUATION_CHUNK = 1000


def relu(Z, out=None):
    """Return the rectified linear unit ``max(Z, 0)``, element by element.

    Parameters
    ----------
    Z : ndarray
        Pre-activations.
    out : ndarray, optional
        Where to write the result (may be `Z` itself).

    Returns
    -------
    ndarray, same shape as `Z`

    Examples
    --------
    >>> import numpy as np
    >>> relu(np.array([-2.0, 0.0, 3.0])).tolist()
    [0.0, 0.0, 3.0]
    """
    return np.maximum(Z, 0, out=out)


def softmax(Z, out=None):
    """Return the row-wise softmax ``exp(Z) / sum(exp(Z))``.

    Each row's largest entry is subtracted before the exponential, which leaves
    the result unchanged but keeps ``exp`` from overflowing.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_classes)
        Scores, one row per sample.
    out : ndarray, optional
        Where to write the result (may be `Z` itself).

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Positive rows that sum to 1.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([[0.0, np.log(3.0)], [1000.0, 1000.0]])).round(3).tolist()
    [[0.25, 0.75], [0.5, 0.5]]
    """
    Z = np.asarray(Z, dtype=float)
    out = np.subtract(Z, Z.max(axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


def sigmoid(Z, out=None):
    """Return the logistic function ``1 / (1 + exp(-Z))``, element by element.

    Parameters
    ----------
    Z : ndarray
        Scores.
    out : ndarray, optional
        Where to write the result (may be `Z` itself).

    Returns
    -------
    ndarray, same shape as `Z`
        Values between 0 and 1.

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(np.array([0.0, np.log(3.0)])).round(3).tolist()
    [0.5, 0.75]
    >>> sigmoid(np.array([-1000.0, 1000.0])).tolist()
    [0.0, 1.0]
    """
    out = np.negative(np.asarray(Z, dtype=float), out=out)
    # exp overflows to inf for scores below about -710, and 1 / (1 + inf) is
    # the right limit, 0: the warning says nothing the result does not
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1
    return np.divide(1, out, out=out)


_ACTIVATIONS = {"softmax": softmax, "sigmoid": sigmoid}


def one_hot(labels, n_classes=10):
    """Encode class labels as one-hot rows: a 1 in the label's column.

    Parameters
    ----------
    labels : array_like of int, shape (n_samples,)
        Labels ``0 .. n_classes - 1``.
    n_classes : int, default 10
        The number of classes (columns).

    Returns
    -------
    ndarray of float64, shape (n_samples, n_classes)

    Examples
    --------
    >>> one_hot([2, 0], n_classes=3).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    check_positive("n_classes", n_classes, integer=True)
    labels = as_labels("labels", labels, n_classes)
    return np.eye(n_classes)[labels]


def to_bits(labels, n_bits=4):
    """Encode integer labels as binary codes, most significant bit first.

    Parameters
    ----------
    labels : array_like of int, shape (n_samples,)
        Labels ``0 .. 2**n_bits - 1``.
    n_bits : int, default 4
        The code's length.

    Returns
    -------
    ndarray of float64, shape (n_samples, n_bits)
        Column ``j`` holds the bit worth ``2**(n_bits - 1 - j)``.

    Examples
    --------
    >>> to_bits([0, 5, 9]).astype(int).tolist()
    [[0, 0, 0, 0], [0, 1, 0, 1], [1, 0, 0, 1]]
    """
    check_positive("n_bits", n_bits, integer=True)
    labels = as_labels("labels", labels, 2**n_bits)
    place_values = 2 ** np.arange(n_bits - 1, -1, -1)
    return ((labels[:, None] // place_values) % 2).astype(float)


def from_bits(bits):
    """Decode binary codes, most significant bit first, to integers.

    Parameters
    ----------
    bits : array_like of shape (n_samples, n_bits)
        Zeros and ones (or booleans), one code per row.

    Returns
    -------
    ndarray of int64, shape (n_samples,)
        The integers ``0 .. 2**n_bits - 1`` the codes name.

    Examples
    --------
    >>> from_bits([[0, 1, 0, 1], [1, 1, 1, 1]]).tolist()
    [5, 15]
    """
    bits = as_float_array("bits", bits, ndim=2)
    if np.any((bits != 0) & (bits != 1)):
        raise ValueError("bits must hold only zeros and ones")
    place_values = 2 ** np.arange(bits.shape[1] - 1, -1, -1)
    return bits.astype(np.int64) @ place_values


def init_params(n_inputs, n_hidden, n_outputs, rng):
    """Draw the starting weights: He-scaled normal weights, zero biases.

    Each weight matrix is drawn from a standard normal and scaled by
    ``sqrt(2 / fan_in)``, which keeps the spread of ReLU activations roughly the
    same from layer to layer. ``W1`` is drawn first, then ``W2``.

    Parameters
    ----------
    n_inputs, n_hidden, n_outputs : int
        The layer sizes.
    rng : numpy.random.RandomState or numpy.random.Generator
        The source of the random weights.

    Returns
    -------
    dict of ndarray
        ``W1`` (n_inputs, n_hidden), ``b1`` (n_hidden,), ``W2`` (n_hidden,
        n_outputs) and ``b2`` (n_outputs,).

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(3, 2, 1, np.random.RandomState(0))
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (3, 2), 'b1': (2,), 'W2': (2, 1), 'b2': (1,)}
    >>> round(float(params["W1"][0, 0]), 4)
    1.4403
    """
    for name, size in [("n_inputs", n_inputs), ("n_hidden", n_hidden),
                       ("n_outputs", n_outputs)]:
        check_positive(name, size, integer=True)
    W1 = rng.standard_normal((n_inputs, n_hidden)) * np.sqrt(2.0 / n_inputs)
    W2 = rng.standard_normal((n_hidden, n_outputs)) * np.sqrt(2.0 / n_hidden)
    return {"W1": W1, "b1": np.zeros(n_hidden), "W2": W2, "b2": np.zeros(n_outputs)}


def forward(X, params, output="softmax", work=None):
    """Run a batch forward: ``A1 = relu(X W1 + b1)``, ``A2 = f(A1 W2 + b2)``.

    Parameters
    ----------
    X : ndarray of shape (m, n_inputs)
        The batch, one sample per row.
    params : dict of ndarray
        ``W1``, ``b1``, ``W2``, ``b2`` as :func:`init_params` returns them.
    output : {"softmax", "sigmoid"}, default "softmax"
        The output layer's function ``f``.
    work : dict of ndarray, optional
        Arrays from :func:`allocate_work` to write ``A1`` and ``A2`` into (the
        training loop reuses them batch after batch); new arrays when None.

    Returns
    -------
    A1 : ndarray of shape (m, n_hidden)
        Hidden activations.
    A2 : ndarray of shape (m, n_outputs)
        Outputs: class probabilities (softmax) or bit probabilities (sigmoid).

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(3, 4, 2, np.random.RandomState(0))
    >>> A1, A2 = forward(np.ones((5, 3)), params)
    >>> A1.shape, A2.shape, A2.sum(axis=1).round(6).tolist()
    ((5, 4), (5, 2), [1.0, 1.0, 1.0, 1.0, 1.0])
    """
    _check_batch(X, params, output)
    m = len(X)
    # hidden layer: A1 = relu(X W1 + b1)
    A1 = np.matmul(X, params["W1"], out=_rows(work, "A1", m))
    A1 += params["b1"]
    relu(A1, out=A1)
    # output layer: A2 = f(A1 W2 + b2)
    A2 = np.matmul(A1, params["W2"], out=_rows(work, "A2", m))
    A2 += params["b2"]
    _ACTIVATIONS[output](A2, out=A2)
    return A1, A2


def backward(X, Y, A1, A2, params, work=None):
    """Return the gradients of the batch's mean loss with respect to the weights.

    For softmax outputs with cross-entropy, and for sigmoid outputs with binary
    cross-entropy, the loss's gradient at the output scores is the same,
    ``dZ2 = (A2 - Y) / m``. Back through ``W2`` and the ReLU (whose slope is 1
    where the unit was on and 0 where it was off) it becomes
    ``dZ1 = (dZ2 W2^T) * [A1 > 0]``; each layer's weight gradient is its input
    transposed times its error, and each bias gradient the error summed over the
    batch.

    Parameters
    ----------
    X : ndarray of shape (m, n_inputs)
        The batch.
    Y : ndarray of shape (m, n_outputs)
        Its targets: one-hot rows (softmax) or code bits (sigmoid).
    A1, A2 : ndarray
        The activations :func:`forward` returned for `X`.
    params : dict of ndarray
        The weights `A1` and `A2` were computed with.
    work : dict of ndarray, optional
        Arrays from :func:`allocate_work` to write the errors and the weight
        gradients into; new arrays when None.

    Returns
    -------
    dict of ndarray
        ``W1``, ``b1``, ``W2``, ``b2``: the gradients, shaped like `params`.

    Examples
    --------
    A network that already outputs its targets has nothing to learn:

    >>> import numpy as np
    >>> params = init_params(3, 4, 2, np.random.RandomState(0))
    >>> X = np.ones((5, 3))
    >>> A1, A2 = forward(X, params)
    >>> grads = backward(X, A2, A1, A2, params)
    >>> [float(abs(grad).max()) for grad in grads.values()]
    [0.0, 0.0, 0.0, 0.0]
    """
    if np.shape(Y) != A2.shape:
        raise ValueError(f"Y must have the shape of A2 {A2.shape}, got {np.shape(Y)}")
    m = len(X)
    # output error: dL/dZ2 = (A2 - Y) / m
    dZ2 = np.subtract(A2, Y, out=_rows(work, "dZ2", m))
    dZ2 /= m
    # hidden error: back through W2 and the ReLU's slope (0 or 1)
    dZ1 = np.matmul(dZ2, params["W2"].T, out=_rows(work, "dZ1", m))
    dZ1 *= A1 > 0
    # weight gradients: a layer's input transposed times its error
    return {
        "W1": np.matmul(X.T, dZ1, out=_whole(work, "dW1")),
        "b1": dZ1.sum(axis=0),
        "W2": np.matmul(A1.T, dZ2, out=_whole(work, "dW2")),
        "b2": dZ2.sum(axis=0),
    }


def sgd_step(params, grads, learning_rate):
    """Take one gradient-descent step in place: ``param -= learning_rate * grad``.

    Parameters
    ----------
    params : dict of ndarray
        The weights; updated in place.
    grads : dict of ndarray
        Their gradients, as :func:`backward` returns them; scaled by `learning_rate` in
        place (they are scratch arrays the next batch overwrites).
    learning_rate : float
        The learning rate.

    Examples
    --------
    >>> import numpy as np
    >>> params = {"w": np.array([1.0, 2.0])}
    >>> sgd_step(params, {"w": np.array([10.0, -10.0])}, learning_rate=0.1)
    >>> params["w"].tolist()
    [0.0, 3.0]
    """
    check_positive("learning_rate", learning_rate)
    for name, grad in grads.items():
        grad *= learning_rate
        params[name] -= grad


def loss(A2, Y, output="softmax"):
    """Return the batch's mean loss: cross-entropy, or binary cross-entropy.

    ``L = -(1/m) sum Y log A2`` for softmax outputs, and
    ``L = -(1/m) sum [Y log A2 + (1 - Y) log(1 - A2)]`` for sigmoid outputs,
    summed over the outputs and averaged over the ``m`` rows.

    Parameters
    ----------
    A2 : array_like of shape (m, n_outputs)
        The network's outputs, strictly between 0 and 1.
    Y : array_like of shape (m, n_outputs)
        The targets.
    output : {"softmax", "sigmoid"}, default "softmax"

    Returns
    -------
    float

    Examples
    --------
    >>> round(loss([[0.5, 0.5]], [[1.0, 0.0]]), 4)
    0.6931
    >>> round(loss([[0.5, 0.5]], [[1.0, 0.0]], output="sigmoid"), 4)
    1.3863

    An output of exactly 0 for the right answer (a score 1000 below the others,
    say) costs a large but finite loss:

    >>> round(loss([[0.0, 1.0]], [[1.0, 0.0]]), 1)
    708.4
    """
    _check_choice("output", output, OUTPUTS)
    A2 = as_float_array("A2", A2, ndim=2)
    Y = as_float_array("Y", Y, ndim=2)
    if Y.shape != A2.shape:
        raise ValueError(f"Y must have the shape of A2 {A2.shape}, got {Y.shape}")
    return _batch_loss(A2, Y, output)


def _batch_loss(A2, Y, output):
    """The mean loss of a batch, without checks (see :func:`loss`)."""
    # outputs that rounded to exactly 0 or 1 would make the log infinite
    A2 = np.clip(A2, np.finfo(float).tiny, 1 - np.finfo(float).epsneg)
    total = np.sum(Y * np.log(A2))
    if output == "sigmoid":
        total += np.sum((1 - Y) * np.log1p(-A2))
    return float(-total / len(A2))


def allocate_work(batch_size, n_inputs, n_hidden, n_outputs):
    """Allocate the arrays one training step writes into, sized for a full batch.

    Parameters
    ----------
    batch_size, n_inputs, n_hidden, n_outputs : int
        The largest batch and the layer sizes.

    Returns
    -------
    dict of ndarray
        ``pixels`` (uint8) and ``X`` for the batch, ``A1``, ``A2``, ``dZ1``,
        ``dZ2`` with one row per sample, and ``dW1``, ``dW2`` shaped like the
        weights. A smaller last batch uses the first rows.

    Examples
    --------
    >>> work = allocate_work(64, 784, 128, 10)
    >>> work["A1"].shape, work["dW1"].shape, work["pixels"].dtype.name
    ((64, 128), (784, 128), 'uint8')
    """
    return {
        "pixels": np.empty((batch_size, n_inputs), dtype=np.uint8),
        "X": np.empty((batch_size, n_inputs)),
        "A1": np.empty((batch_size, n_hidden)),
        "A2": np.empty((batch_size, n_outputs)),
        "dZ1": np.empty((batch_size, n_hidden)),
        "dZ2": np.empty((batch_size, n_outputs)),
        "dW1": np.empty((n_inputs, n_hidden)),
        "dW2": np.empty((n_hidden, n_outputs)),
    }


@remembered_on_disk
def train_network(X, Y, n_hidden=128, output="softmax", learning_rate=0.1,
                  batch_size=64, n_epochs=10, seed=1, shuffle="fresh",
                  blas_threads=None):
    """Train the one-hidden-layer network by mini-batch gradient descent.

    A ``RandomState(seed)`` draws the starting weights (:func:`init_params`) and
    then, at the start of each epoch, a permutation of the samples; the epoch
    walks through the samples in that order, `batch_size` at a time (the last
    batch is smaller when the size does not divide the set), and takes one
    :func:`sgd_step` per batch.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_inputs)
        The inputs, one sample per row: ``uint8`` pixels 0 to 255, which are
        divided by 255 one batch at a time, or floats, used as they are.
    Y : array_like of shape (n_samples, n_outputs)
        The targets: one-hot rows for softmax, code bits for sigmoid.
    n_hidden : int, default 128
        Hidden ReLU units.
    output : {"softmax", "sigmoid"}, default "softmax"
        The output layer (and with it the loss).
    learning_rate : float, default 0.1
        The learning rate.
    batch_size : int, default 64
        Samples per gradient step.
    n_epochs : int, default 10
        Passes through the training set.
    seed : int, default 1
        Seed of the legacy ``RandomState`` stream.
    shuffle : {"fresh", "cumulative"}, default "fresh"
        "fresh" visits the samples in the epoch's permutation of the original
        order; "cumulative" applies each epoch's permutation to the previous
        epoch's order, as a loop that shuffles its arrays in place does. Both
        give every epoch a uniformly random order; they differ in which one.
    blas_threads : int, optional
        Threads the matrix products may use (see the Notes); by default, as many
        as the BLAS library chooses. The results do not depend on it.

    Returns
    -------
    dict of ndarray
        The trained ``W1``, ``b1``, ``W2``, ``b2``.

    Notes
    -----
    The arithmetic is the source lesson's, operation for operation, in float64:
    dividing each batch of bytes by 255 gives the same numbers as dividing the
    whole set first, so with the same seed and order the weights agree bit for
    bit with a loop over a float copy of the data.

    On a 2-core machine, two BLAS threads trained up to a third faster than one
    while nothing else ran, but two to five times slower while other programs
    kept a core busy: a batch's products are small (64 rows), and each one waits
    for its second thread to get a core. On a busy machine, pass
    ``blas_threads=1``. ``scripts/benchmark_training.py`` times both.

    When the environment variable ``LESSONS_CACHE_DIR`` is set, as it is while
    the book builds, the trained weights are kept there (see
    :mod:`lessons_lib.cache`): a chapter that trains the same network on the
    same data again reads them back.

    Examples
    --------
    Two clusters of points, told apart after a few epochs:

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> labels = np.repeat([0, 1], 20)
    >>> X = rng.normal(size=(40, 2)) + 4 * labels[:, None]
    >>> params = train_network(X, one_hot(labels, 2), n_hidden=8, batch_size=8,
    ...                        n_epochs=20)
    >>> accuracy(predict_labels(X, params), labels)
    1.0
    """
    X, Y = _check_training_data(X, Y)
    check_positive("n_hidden", n_hidden, integer=True)
    _check_choice("output", output, OUTPUTS)
    check_positive("learning_rate", learning_rate)
    check_positive("batch_size", batch_size, integer=True)
    check_positive("n_epochs", n_epochs, integer=True)
    _check_choice("shuffle", shuffle, SHUFFLES)
    if blas_threads is not None:
        check_positive("blas_threads", blas_threads, integer=True)
    if not _is_integer(seed):
        raise TypeError(f"seed must be an integer, got {seed!r}")
    (n_samples, n_inputs), n_outputs = X.shape, Y.shape[1]

    rng = np.random.RandomState(seed)
    params = init_params(n_inputs, n_hidden, n_outputs, rng)
    work = allocate_work(batch_size, n_inputs, n_hidden, n_outputs)
    order = np.arange(n_samples)
    cumulative = shuffle == "cumulative"
    iteration = 0
    # a diverging run is stopped by check_not_diverged, with a clear message,
    # rather than by numpy's overflow warnings
    with threadpool_limits(limits=blas_threads, user_api="blas"), np.errstate(
        over="ignore", invalid="ignore"
    ):
        for _ in range(n_epochs):
            permutation = rng.permutation(n_samples)
            order = order[permutation] if cumulative else permutation
            for start in range(0, n_samples, batch_size):
                rows = order[start : start + batch_size]
                X_batch = _gather_rows(X, rows, work)
                A1, A2 = forward(X_batch, params, output, work)
                batch_loss = _batch_loss(A2, Y[rows], output)
                if iteration == 0:
                    first_loss = batch_loss
                check_not_diverged(batch_loss, first_loss, iteration, learning_rate)
                grads = backward(X_batch, Y[rows], A1, A2, params, work)
                sgd_step(params, grads, learning_rate)
                iteration += 1
    return params


def predict_outputs(X, params, output="softmax"):
    """Return the network's outputs for a whole set, computed in chunks.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_inputs)
        ``uint8`` pixels (divided by 255 chunk by chunk) or floats.
    params : dict of ndarray
        Trained weights.
    output : {"softmax", "sigmoid"}, default "softmax"

    Returns
    -------
    ndarray of shape (n_samples, n_outputs)

    Examples
    --------
    >>> import numpy as np
    >>> params = init_params(3, 4, 2, np.random.RandomState(0))
    >>> predict_outputs(np.zeros((5, 3), dtype=np.uint8), params).shape
    (5, 2)
    """
    _check_choice("output", output, OUTPUTS)
    _check_params(params)
    X = _check_inputs("X", X, n_columns=params["W1"].shape[0])
    chunks = []
    # one BLAS thread, as in training: a second one would also need its own
    # scratch memory (tens of MB)
    with threadpool_limits(limits=1, user_api="blas"):
        for start in range(0, len(X), EVALUATION_CHUNK):
            rows = X[start : start + EVALUATION_CHUNK]
            X_chunk = rows / 255.0 if rows.dtype == np.uint8 else rows
            chunks.append(forward(X_chunk, params, output)[1])
    return np.concatenate(chunks)


def predict_labels(X, params, output="softmax"):
    """Return the label the network names for each sample.

    Softmax outputs name the most probable class; sigmoid outputs are read as
    code bits, each 1 when its probability is at least 0.5, and decoded with
    :func:`from_bits` (so a 4-bit code can name 0 to 15).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_inputs)
        ``uint8`` pixels or floats.
    params : dict of ndarray
        Trained weights.
    output : {"softmax", "sigmoid"}, default "softmax"

    Returns
    -------
    ndarray of int64, shape (n_samples,)

    Examples
    --------
    >>> import numpy as np
    >>> params = {"W1": np.eye(2), "b1": np.zeros(2),
    ...           "W2": np.array([[1.0, -1.0], [-1.0, 1.0]]), "b2": np.zeros(2)}
    >>> predict_labels(np.array([[0.9, 0.1], [0.2, 0.7]]), params).tolist()
    [0, 1]
    >>> predict_labels(np.array([[0.9, 0.1], [0.2, 0.7]]), params, "sigmoid").tolist()
    [2, 1]
    """
    A2 = predict_outputs(X, params, output)
    if output == "softmax":
        return np.argmax(A2, axis=1)
    return from_bits(A2 >= 0.5)


def accuracy(predicted, labels):
    """Return the fraction of predictions equal to the labels.

    Parameters
    ----------
    predicted, labels : array_like of int, shape (n_samples,)

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy([1, 2, 3, 4], [1, 2, 0, 4])
    0.75
    """
    predicted = np.asarray(predicted)
    labels = np.asarray(labels)
    if predicted.ndim != 1 or predicted.shape != labels.shape:
        raise ValueError(
            f"predicted and labels must be 1-d and of one length, got shapes "
            f"{predicted.shape} and {labels.shape}"
        )
    if not len(labels):
        raise ValueError("labels is empty")
    return float(np.mean(predicted == labels))


def _rows(work, name, m):
    """Return the first `m` rows of a work array, or None (allocate) without one."""
    return None if work is None else work[name][:m]


def _whole(work, name):
    """Return a whole work array, or None (allocate) without one."""
    return None if work is None else work[name]


def _gather_rows(X, rows, work):
    """Copy the batch's rows into the work array ``X``, scaling bytes to [0, 1]."""
    X_batch = work["X"][: len(rows)]
    if X.dtype == np.uint8:
        pixels = np.take(X, rows, axis=0, out=work["pixels"][: len(rows)])
        return np.divide(pixels, 255.0, out=X_batch)
    return np.take(X, rows, axis=0, out=X_batch)


def _check_inputs(name, X, n_columns=None):
    """Return `X` checked: uint8 pixels stay bytes, anything else finite floats."""
    if isinstance(X, np.ndarray) and X.dtype == np.uint8:
        if X.ndim != 2:
            raise ValueError(f"{name} must be 2-dimensional, got shape {X.shape}")
        if n_columns is not None and X.shape[1] != n_columns:
            raise ValueError(
                f"{name} must have {n_columns} columns, got shape {X.shape}"
            )
        if not X.size:
            raise ValueError(f"{name} is empty, got shape {X.shape}")
        return X
    X = as_float_array(name, X, ndim=2, n_columns=n_columns)
    return X.astype(np.float64, copy=False)


def _check_training_data(X, Y):
    """Return `X` and `Y` checked: 2-d, finite, one target row per sample."""
    X = _check_inputs("X", X)
    Y = as_float_array("Y", Y, ndim=2)
    if len(Y) != len(X):
        raise ValueError(f"Y has {len(Y)} rows but X has {len(X)}")
    if np.any((Y < 0) | (Y > 1)):
        raise ValueError("Y must hold targets between 0 and 1")
    return X, Y


def _check_batch(X, params, output):
    """Cheap checks of one batch (no scan of its values: it runs every step)."""
    _check_choice("output", output, OUTPUTS)
    _check_params(params)
    n_inputs = params["W1"].shape[0]
    if np.ndim(X) != 2 or np.shape(X)[1] != n_inputs:
        raise ValueError(
            f"X must be 2-dimensional with {n_inputs} columns, got shape "
            f"{np.shape(X)}"
        )


def _check_params(params):
    """Raise unless `params` holds the network's four arrays."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of arrays, got {type(params).__name__}")
    missing = [name for name in ("W1", "b1", "W2", "b2") if name not in params]
    if missing:
        raise ValueError(
            f"params lacks {', '.join(missing)}; it must hold W1, b1, W2 and b2 "
            "as train_network returns them"
        )


def _check_choice(name, value, choices):
    """Raise unless `value` is one of `choices`, naming the argument."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")


def _is_integer(value):
    """Whether `value` is an integer and not a bool."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)

"""Tests of the digit network: gradients, encodings, training loop, input checks."""

import os
import warnings

import numpy as np
import pytest

from lessons_lib import digits

N_SAMPLES, N_INPUTS, N_HIDDEN = 5, 12, 7


def tiny_problem(output, seed=0):
    """A small random batch, targets and starting weights for a gradient check."""
    rng = np.random.default_rng(seed)
    n_outputs = 10 if output == "softmax" else 4
    X = rng.normal(size=(N_SAMPLES, N_INPUTS))
    labels = rng.integers(0, 10, size=N_SAMPLES)
    Y = digits.one_hot(labels) if output == "softmax" else digits.to_bits(labels)
    params = digits.init_params(N_INPUTS, N_HIDDEN, n_outputs, rng)
    # nonzero biases, so their gradients are checked away from the starting point
    params["b1"] = rng.normal(scale=0.1, size=N_HIDDEN)
    params["b2"] = rng.normal(scale=0.1, size=n_outputs)
    return X, Y, params


def mean_loss(X, Y, params, output):
    """The batch's mean loss for the given weights."""
    return digits.loss(digits.forward(X, params, output)[1], Y, output)


def numerical_gradient(X, Y, params, output, eps=1e-6):
    """Central differences of the mean loss, one weight at a time."""
    gradient = {}
    for name, value in params.items():
        gradient[name] = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            original = value[index]
            value[index] = original + eps
            loss_up = mean_loss(X, Y, params, output)
            value[index] = original - eps
            loss_down = mean_loss(X, Y, params, output)
            value[index] = original
            gradient[name][index] = (loss_up - loss_down) / (2 * eps)
    return gradient


@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_backward_matches_finite_differences(output):
    X, Y, params = tiny_problem(output)
    A1, A2 = digits.forward(X, params, output)
    analytic = digits.backward(X, Y, A1, A2, params)
    numeric = numerical_gradient(X, Y, params, output)
    for name in params:
        assert analytic[name].shape == params[name].shape
        scale = max(np.abs(numeric[name]).max(), 1e-8)
        assert np.abs(analytic[name] - numeric[name]).max() / scale < 1e-6, name


@pytest.mark.parametrize("output", ["softmax", "sigmoid"])
def test_backward_with_work_arrays_matches_fresh_arrays(output):
    X, Y, params = tiny_problem(output)
    n_outputs = Y.shape[1]
    work = digits.allocate_work(8, N_INPUTS, N_HIDDEN, n_outputs)
    A1, A2 = digits.forward(X, params, output)
    A1_work, A2_work = digits.forward(X, params, output, work)
    assert np.array_equal(A1, A1_work) and np.array_equal(A2, A2_work)
    fresh = digits.backward(X, Y, A1, A2, params)
    reused = digits.backward(X, Y, A1_work, A2_work, params, work)
    for name in params:
        assert np.array_equal(fresh[name], reused[name]), name


def test_sgd_step_moves_against_the_gradient():
    X, Y, params = tiny_problem("softmax")
    before = mean_loss(X, Y, params, "softmax")
    A1, A2 = digits.forward(X, params)
    digits.sgd_step(params, digits.backward(X, Y, A1, A2, params), learning_rate=0.01)
    assert mean_loss(X, Y, params, "softmax") < before


def test_softmax_rows_are_probabilities_and_shift_invariant():
    Z = np.random.default_rng(1).normal(size=(6, 10)) * 50
    P = digits.softmax(Z)
    assert np.allclose(P.sum(axis=1), 1) and (P > 0).all()
    assert np.allclose(digits.softmax(Z + 123.0), P)


def test_sigmoid_is_symmetric():
    z = np.linspace(-30, 30, 61)
    assert np.allclose(digits.sigmoid(z) + digits.sigmoid(-z), 1)


def test_bits_round_trip_every_code():
    codes = np.arange(16)
    bits = digits.to_bits(codes, n_bits=4)
    assert bits.shape == (16, 4)
    assert np.array_equal(digits.from_bits(bits), codes)
    # most significant bit first: 8 is 1000
    assert bits[8].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_one_hot_round_trip():
    labels = np.random.default_rng(2).integers(0, 10, size=50)
    encoded = digits.one_hot(labels)
    assert np.array_equal(encoded.argmax(axis=1), labels)
    assert np.array_equal(encoded.sum(axis=1), np.ones(50))


def small_data(n_samples=150, seed=3):
    """Random byte 'images' of 12 pixels whose label depends on their pixels."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(n_samples, N_INPUTS), dtype=np.uint8)
    labels = (images[:, :3].sum(axis=1) // 200).astype(np.int64)
    return images, labels


def test_same_seed_same_weights_and_other_seed_other_weights():
    images, labels = small_data()
    Y = digits.one_hot(labels, 4)
    kwargs = dict(n_hidden=N_HIDDEN, batch_size=16, n_epochs=3)
    first = digits.train_network(images, Y, seed=5, **kwargs)
    again = digits.train_network(images, Y, seed=5, **kwargs)
    other = digits.train_network(images, Y, seed=6, **kwargs)
    for name in first:
        assert np.array_equal(first[name], again[name])
    assert not np.array_equal(first["W1"], other["W1"])


def test_bytes_are_scaled_like_the_float_copy():
    images, labels = small_data()
    Y = digits.one_hot(labels, 4)
    kwargs = dict(n_hidden=N_HIDDEN, batch_size=16, n_epochs=2)
    from_bytes = digits.train_network(images, Y, **kwargs)
    from_floats = digits.train_network(images / 255.0, Y, **kwargs)
    for name in from_bytes:
        assert np.array_equal(from_bytes[name], from_floats[name])


def reference_loop(X, Y, n_hidden, learning_rate, batch_size, n_epochs, seed, in_place):
    """The source lessons' loop, written out plainly on a float copy of the data.

    With `in_place`, each epoch shuffles the arrays it shuffled last epoch (lesson
    5); otherwise it shuffles the original arrays (lessons 6 and 7).
    """
    rng = np.random.RandomState(seed)
    W1 = rng.randn(X.shape[1], n_hidden) * np.sqrt(2.0 / X.shape[1])
    b1 = np.zeros((1, n_hidden))
    W2 = rng.randn(n_hidden, Y.shape[1]) * np.sqrt(2.0 / n_hidden)
    b2 = np.zeros((1, Y.shape[1]))
    for _ in range(n_epochs):
        permutation = rng.permutation(len(X))
        if in_place:
            X, Y = X[permutation], Y[permutation]
            X_epoch, Y_epoch = X, Y
        else:
            X_epoch, Y_epoch = X[permutation], Y[permutation]
        for start in range(0, len(X), batch_size):
            X_batch = X_epoch[start : start + batch_size]
            Y_batch = Y_epoch[start : start + batch_size]
            Z1 = X_batch.dot(W1) + b1
            A1 = np.maximum(0, Z1)
            Z2 = A1.dot(W2) + b2
            E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
            A2 = E / E.sum(axis=1, keepdims=True)
            dZ2 = (A2 - Y_batch) / len(X_batch)
            dW2 = A1.T.dot(dZ2)
            db2 = dZ2.sum(axis=0, keepdims=True)
            dZ1 = dZ2.dot(W2.T) * (Z1 > 0).astype(float)
            dW1 = X_batch.T.dot(dZ1)
            db1 = dZ1.sum(axis=0, keepdims=True)
            W2 -= learning_rate * dW2
            b2 -= learning_rate * db2
            W1 -= learning_rate * dW1
            b1 -= learning_rate * db1
    return {"W1": W1, "b1": b1.ravel(), "W2": W2, "b2": b2.ravel()}


@pytest.mark.parametrize("shuffle", ["fresh", "cumulative"])
def test_training_matches_the_plain_loop_bit_for_bit(shuffle):
    # 150 samples in batches of 16: the last batch of each epoch has 6 rows
    images, labels = small_data()
    Y = digits.one_hot(labels, 4)
    settings = dict(
        n_hidden=N_HIDDEN, learning_rate=0.2, batch_size=16, n_epochs=3, seed=4
    )
    trained = digits.train_network(images, Y, shuffle=shuffle, **settings)
    expected = reference_loop(images / 255.0, Y, in_place=shuffle == "cumulative",
                              **settings)
    for name in trained:
        assert np.array_equal(trained[name], expected[name]), name


def test_the_two_shuffles_agree_for_one_epoch_only():
    images, labels = small_data()
    Y = digits.one_hot(labels, 4)
    kwargs = dict(n_hidden=N_HIDDEN, batch_size=16)
    one = [digits.train_network(images, Y, n_epochs=1, shuffle=shuffle, **kwargs)
           for shuffle in digits.SHUFFLES]
    two = [digits.train_network(images, Y, n_epochs=2, shuffle=shuffle, **kwargs)
           for shuffle in digits.SHUFFLES]
    assert np.array_equal(one[0]["W1"], one[1]["W1"])
    assert not np.array_equal(two[0]["W1"], two[1]["W1"])


def test_predictions_in_chunks_match_one_pass(monkeypatch):
    images, _ = small_data(n_samples=20)
    _, _, params = tiny_problem("sigmoid")
    whole = digits.forward(images / 255.0, params, "sigmoid")[1]
    monkeypatch.setattr(digits, "EVALUATION_CHUNK", 3)
    chunked = digits.predict_outputs(images, params, "sigmoid")
    assert np.allclose(chunked, whole, rtol=1e-12, atol=0)
    labels = digits.predict_labels(images, params, "sigmoid")
    assert np.array_equal(labels, digits.from_bits(whole >= 0.5))


def test_accuracy_counts_matches():
    assert digits.accuracy([0, 1, 2, 3], [0, 1, 0, 0]) == 0.5


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(learning_rate=0.0), ValueError, "learning_rate"),
        (dict(learning_rate=-0.1), ValueError, "learning_rate"),
        (dict(batch_size=0), ValueError, "batch_size"),
        (dict(batch_size=2.5), TypeError, "batch_size"),
        (dict(n_epochs=0), ValueError, "n_epochs"),
        (dict(n_hidden=-3), ValueError, "n_hidden"),
        (dict(output="tanh"), ValueError, "output"),
        (dict(shuffle="twice"), ValueError, "shuffle"),
        (dict(seed=1.5), TypeError, "seed"),
        (dict(blas_threads=0), ValueError, "blas_threads"),
    ],
)
def test_training_settings_are_checked(kwargs, error, name):
    images, labels = small_data(n_samples=10)
    with pytest.raises(error, match=name):
        digits.train_network(images, digits.one_hot(labels, 4), **kwargs)


def test_training_data_are_checked():
    images, labels = small_data(n_samples=10)
    Y = digits.one_hot(labels, 4)
    with pytest.raises(ValueError, match="X must be 2-dimensional"):
        digits.train_network(images.ravel(), Y)
    with pytest.raises(ValueError, match="Y has 9 rows but X has 10"):
        digits.train_network(images, Y[:9])
    with pytest.raises(ValueError, match="X contains NaN"):
        digits.train_network(np.full((10, 3), np.nan), Y)
    with pytest.raises(ValueError, match="Y must hold targets between 0 and 1"):
        digits.train_network(images, 2 * Y)


def test_labels_outside_the_classes_are_rejected():
    with pytest.raises(ValueError, match="labels must hold labels 0 to 9"):
        digits.one_hot([3, 10])
    with pytest.raises(ValueError, match="labels must hold labels 0 to 15"):
        digits.to_bits([16])
    with pytest.raises(ValueError, match="bits must hold only zeros and ones"):
        digits.from_bits([[0, 2, 1, 0]])


def test_batch_functions_check_shapes():
    X, Y, params = tiny_problem("softmax")
    with pytest.raises(ValueError, match="X must be 2-dimensional with 12 columns"):
        digits.forward(X[:, :5], params)
    with pytest.raises(ValueError, match="output"):
        digits.forward(X, params, output="relu")
    A1, A2 = digits.forward(X, params)
    with pytest.raises(ValueError, match="Y must have the shape of A2"):
        digits.backward(X, Y[:, :4], A1, A2, params)
    with pytest.raises(ValueError, match="X must have 12 columns"):
        digits.predict_outputs(np.zeros((3, 5), dtype=np.uint8), params)


# Reference accuracies the source lessons printed, in percent, and the tolerance.
REFERENCE = {"lesson 5": 97.28, "lesson 6": 97.22, "lesson 7": 94.49}
TOLERANCE = 0.10


@pytest.mark.mnist
@pytest.mark.skipif(
    not os.environ.get("LESSONS_MNIST_DIR") and os.environ.get("CI") != "true",
    reason="LESSONS_MNIST_DIR is not set",
)
def test_mnist_reproduces_the_source_accuracies():
    from lessons_lib import mnist

    if not os.environ.get("LESSONS_MNIST_DIR"):
        pytest.fail("CI=true but LESSONS_MNIST_DIR is not set")
    images, labels = mnist.load_mnist()
    train_images, test_images, train_labels, test_labels = mnist.split_mnist(
        images, labels
    )
    del images
    runs = {
        "lesson 5": ("softmax", "cumulative", digits.one_hot(train_labels)),
        "lesson 6": ("softmax", "fresh", digits.one_hot(train_labels)),
        "lesson 7": ("sigmoid", "fresh", digits.to_bits(train_labels)),
    }
    for lesson, (output, shuffle, Y) in runs.items():
        params = digits.train_network(train_images, Y, output=output,
                                      shuffle=shuffle)
        predicted = digits.predict_labels(test_images, params, output)
        percent = 100 * digits.accuracy(predicted, test_labels)
        assert abs(percent - REFERENCE[lesson]) <= TOLERANCE, (lesson, percent)


def test_float32_and_list_inputs_train_like_float64():
    images, labels = small_data(n_samples=40)
    Y = digits.one_hot(labels, 4)
    kwargs = dict(n_hidden=N_HIDDEN, batch_size=16, n_epochs=1)
    X = (images / 255.0).astype(np.float32)
    from_float32 = digits.train_network(X, Y, **kwargs)
    from_list = digits.train_network(X.tolist(), Y, **kwargs)
    from_float64 = digits.train_network(X.astype(np.float64), Y, **kwargs)
    for name in from_float64:
        assert np.array_equal(from_float32[name], from_float64[name])
        assert np.array_equal(from_list[name], from_float64[name])


def test_blas_threads_do_not_change_the_weights():
    # MNIST-sized layers, so the products are large enough to be split
    rng = np.random.default_rng(11)
    images = rng.integers(0, 256, size=(256, 784), dtype=np.uint8)
    Y = digits.one_hot(rng.integers(0, 10, size=256))
    kwargs = dict(batch_size=64, n_epochs=1)
    one = digits.train_network(images, Y, blas_threads=1, **kwargs)
    two = digits.train_network(images, Y, blas_threads=2, **kwargs)
    for name in one:
        assert np.array_equal(one[name], two[name]), name


def test_digit_figures_check_their_inputs():
    import matplotlib.pyplot as plt

    from lessons_lib import digit_plots

    images = np.zeros((3, 784), dtype=np.uint8)
    with pytest.raises(ValueError, match="images must have shape"):
        digit_plots.plot_digits(np.zeros((3, 100)), [1, 2, 3])
    with pytest.raises(ValueError, match="captions must have one entry per image"):
        digit_plots.plot_digits(images, [1, 2])
    with pytest.raises(ValueError, match=r"rows\[0\] must hold 3 images"):
        digit_plots.plot_digits(images, [1, 2, 3], rows=[images[:2]])
    fig = digit_plots.plot_digits(images, [1, 2, 3], rows=[images])
    assert len(fig.axes) == 6
    with pytest.raises(ValueError, match="names must have one entry per row"):
        digit_plots.label_rows(fig, ["only one"])
    plt.close(fig)
    with pytest.raises(ValueError, match="n_shown must be at most n_samples"):
        digit_plots.sample_indices(5, 6, np.random.default_rng(0))
    shown = digit_plots.sample_indices(50, 10, np.random.default_rng(1))
    assert len(set(shown.tolist())) == 10
    assert np.array_equal(shown, digit_plots.sample_indices(
        50, 10, np.random.default_rng(1)))


def test_outputs_and_losses_stay_finite_and_silent_for_scores_of_1000():
    scores = np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 1000.0]])
    targets = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for output, activation in (("softmax", digits.softmax),
                                   ("sigmoid", digits.sigmoid)):
            probabilities = activation(scores.copy())
            assert np.isfinite(probabilities).all()
            assert np.isfinite(digits.loss(probabilities, targets, output=output))


def test_a_diverging_run_stops_naming_the_iteration():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 40)
    X = rng.normal(size=(40, 5))
    # a step of 1e200 sends the weights past the largest float within a step
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(FloatingPointError, match=r"diverged at iteration \d+"):
            digits.train_network(X, digits.one_hot(labels, 3), n_hidden=4,
                                 batch_size=8, learning_rate=1e200, n_epochs=3)


def test_a_learning_rate_of_100_stops_as_diverged():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 200)
    X = (rng.random((200, 64)) * 255).astype(np.uint8)
    with pytest.raises(FloatingPointError, match=r"diverged at iteration \d+"):
        digits.train_network(X, digits.one_hot(labels), n_hidden=16,
                             learning_rate=100, n_epochs=2)


def test_prediction_names_params_that_lack_a_layer():
    params = digits.init_params(4, 3, 2, np.random.RandomState(0))
    del params["b1"]
    with pytest.raises(ValueError, match="params lacks b1"):
        digits.predict_labels(np.zeros((2, 4)), params)


def test_a_step_needs_a_positive_learning_rate():
    with pytest.raises(ValueError, match="learning_rate must be positive"):
        digits.sgd_step({"w": np.ones(2)}, {"w": np.ones(2)}, learning_rate=0)


def test_activations_take_plain_lists():
    assert digits.softmax([[0.0, 0.0]]).tolist() == [[0.5, 0.5]]
    assert digits.sigmoid([0.0]).tolist() == [0.5]

"""Tests of lessons_lib.mlp: the 2-16-8-1 network's backprop, training, checks."""

import warnings

import numpy as np
import pytest

from lessons_lib import checks, datasets, mlp


def small_problem(seed=0, n_points=10, weight_scale=0.5):
    """A few donut points and random parameters large enough to be non-linear."""
    X, y = datasets.donut_points(n_points, np.random.RandomState(seed))
    params = mlp.init_params(np.random.RandomState(seed + 1), weight_scale=weight_scale)
    # non-zero biases so their gradients are tested away from the symmetric start
    rng = np.random.RandomState(seed + 2)
    params = params._replace(
        b1=rng.randn(16) * 0.3, b2=rng.randn(8) * 0.3, b3=rng.randn(1) * 0.3
    )
    return X, y, params


def test_backprop_matches_finite_differences_for_every_parameter():
    X, y, params = small_problem()
    gradient = mlp.backward(params, X, y, mlp.forward(params, X))
    step = 1e-6
    for index, name in enumerate(mlp.MLPParams._fields):
        numeric = np.zeros_like(params[index])
        for position in np.ndindex(params[index].shape):
            values = []
            for sign in (1, -1):
                moved = params[index].copy()
                moved[position] += sign * step
                values.append(mlp.loss(params._replace(**{name: moved}), X, y))
            numeric[position] = (values[0] - values[1]) / (2 * step)
        assert np.allclose(gradient[index], numeric, rtol=1e-5, atol=1e-9), name


def test_init_draws_like_the_column_layout_code():
    rng = np.random.RandomState(1)
    expected = [rng.randn(16, 2) * 0.1, rng.randn(8, 16) * 0.1, rng.randn(1, 8) * 0.1]
    params = mlp.init_params(np.random.RandomState(1))
    for weights, drawn in zip((params.W1, params.W2, params.W3), expected):
        assert np.array_equal(weights, drawn.T)
    assert not any(np.any(b) for b in (params.b1, params.b2, params.b3))


def test_fan_in_scale_divides_by_the_square_root_of_the_inputs():
    plain = mlp.init_params(np.random.RandomState(4), weight_scale=1.0)
    scaled = mlp.init_params(np.random.RandomState(4), weight_scale="fan_in")
    for weights_plain, weights_scaled in zip(plain[::2], scaled[::2]):
        n_in = weights_plain.shape[0]
        assert np.allclose(weights_scaled, weights_plain / np.sqrt(n_in))


def column_layout_training(X, y, params, learning_rate, n_iterations):
    """The same network written with samples as columns, as an independent check."""
    W1, W2, W3 = params.W1.T, params.W2.T, params.W3.T
    b1, b2, b3 = params.b1[:, None], params.b2[:, None], params.b3[:, None]
    n = len(X)
    for _ in range(n_iterations):
        A1 = np.tanh(W1.dot(X.T) + b1)
        A2 = np.tanh(W2.dot(A1) + b2)
        A3 = 1 / (1 + np.exp(-(W3.dot(A2) + b3)))
        dZ3 = A3 - y[None, :]
        dZ2 = W3.T.dot(dZ3) * (1 - A2**2)
        dZ1 = W2.T.dot(dZ2) * (1 - A1**2)
        W3 = W3 - learning_rate * dZ3.dot(A2.T) / n
        W2 = W2 - learning_rate * dZ2.dot(A1.T) / n
        W1 = W1 - learning_rate * dZ1.dot(X) / n
        b3 = b3 - learning_rate * dZ3.mean(axis=1, keepdims=True)
        b2 = b2 - learning_rate * dZ2.mean(axis=1, keepdims=True)
        b1 = b1 - learning_rate * dZ1.mean(axis=1, keepdims=True)
    return W1.T, b1[:, 0], W2.T, b2[:, 0], W3.T, b3[:, 0]


def test_training_matches_an_independent_column_layout_loop():
    X, y, params = small_problem(n_points=40)
    history = mlp.train_mlp(X, y, params, learning_rate=0.3, n_iterations=15)
    expected = column_layout_training(X, y, params, 0.3, 15)
    for got, want in zip(history.params[-1], expected):
        assert np.allclose(got, want, rtol=1e-12, atol=1e-14)


def test_history_records_every_iteration_and_leaves_the_start_alone():
    X, y, params = small_problem()
    start = [p.copy() for p in params]
    history = mlp.train_mlp(X, y, params, learning_rate=0.1, n_iterations=4)
    assert len(history.params) == 5 and history.losses.shape == (5,)
    assert all(np.array_equal(a, b) for a, b in zip(history.params[0], start))
    assert all(np.array_equal(a, b) for a, b in zip(params, start))
    for k in (0, 4):
        assert history.losses[k] == mlp.loss(history.params[k], X, y)


def test_same_seed_gives_the_same_numbers():
    def run(seed):
        X, y = datasets.donut_points(400, np.random.RandomState(0))
        params = mlp.init_params(np.random.RandomState(seed))
        return mlp.train_mlp(X, y, params, learning_rate=0.1, n_iterations=20)

    first, again, other = run(1), run(1), run(2)
    assert np.array_equal(first.losses, again.losses)
    assert all(np.array_equal(a, b) for a, b in zip(first.params[-1], again.params[-1]))
    assert not np.array_equal(first.losses, other.losses)


def test_small_init_stalls_and_fan_in_init_learns_the_rings():
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    stalled = mlp.train_mlp(X, y, mlp.init_params(np.random.RandomState(1)), 0.1, 200)
    # the loss hardly moves from log 2, the loss of answering 1/2 everywhere
    assert abs(stalled.losses[-1] - np.log(2)) < 1e-3
    assert stalled.accuracies[-1] < 0.6
    params = mlp.init_params(np.random.RandomState(1), weight_scale="fan_in")
    learned = mlp.train_mlp(X, y, params, learning_rate=0.5, n_iterations=100)
    assert learned.accuracies[-1] >= 0.99


def test_predict_on_grid_lays_rows_along_y():
    _, _, params = small_problem()
    xs, ys = np.array([-1.0, 0.0, 2.0]), np.array([0.5, -1.5])
    grid = mlp.predict_on_grid(params, xs, ys)
    point = mlp.predict_proba(params, [[xs[2], ys[1]]])
    assert grid.shape == (2, 3) and grid[1, 2] == point[0]


@pytest.mark.parametrize(
    ("change", "error", "name"),
    [
        ({"X": np.ones((6, 3))}, ValueError, "X"),
        ({"X": np.full((6, 2), np.nan)}, ValueError, "X"),
        ({"y": [0, 1, 2, 0, 1, 0]}, ValueError, "y"),
        ({"y": [0, 1, 0, 1]}, ValueError, "y"),
        ({"learning_rate": 0}, ValueError, "learning_rate"),
        ({"learning_rate": -1.0}, ValueError, "learning_rate"),
        ({"n_iterations": -3}, ValueError, "n_iterations"),
        ({"n_iterations": 1.5}, TypeError, "n_iterations"),
        ({"params": (np.ones((2, 16)),)}, TypeError, "params"),
    ],
)
def test_bad_inputs_raise_naming_the_argument(change, error, name):
    arguments = {
        "X": np.zeros((6, 2)),
        "y": [0, 1, 0, 1, 0, 1],
        "params": mlp.init_params(np.random.RandomState(0)),
        "learning_rate": 0.1,
        "n_iterations": 2,
    }
    arguments.update(change)
    with pytest.raises(error, match=rf"^{name}\b"):
        mlp.train_mlp(**arguments)


def test_mismatched_layer_shapes_are_refused():
    params = mlp.init_params(np.random.RandomState(0))
    with pytest.raises(ValueError, match=r"^params\.W2"):
        mlp.train_mlp(np.zeros((2, 2)), [0, 1], params._replace(W2=np.ones((15, 8))),
                      0.1, 1)


def test_init_checks_its_arguments():
    with pytest.raises(ValueError, match="^weight_scale"):
        mlp.init_params(np.random.RandomState(0), weight_scale=-0.1)
    with pytest.raises(ValueError, match="^layer_sizes"):
        mlp.init_params(np.random.RandomState(0), layer_sizes=(2, 16, 8, 2))


def test_diverging_training_stops_naming_the_iteration():
    X, y = datasets.donut_points(40, np.random.RandomState(0))
    params = mlp.init_params(np.random.RandomState(1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # steps of 1e308 overflow the output weights to infinity within a few steps
        with pytest.raises(FloatingPointError, match=r"diverged at iteration \d+"):
            mlp.train_mlp(X, y, params, learning_rate=1e308, n_iterations=100)


def test_a_learning_rate_of_100_stops_as_diverged_naming_the_iteration():
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    start = mlp.init_params(np.random.RandomState(1), weight_scale="fan_in")
    with pytest.raises(checks.TrainingDiverged, match=r"at iteration \d+: the loss"):
        mlp.train_mlp(X, y, start, learning_rate=100, n_iterations=200)


def test_a_large_step_that_recovers_is_not_called_diverged():
    # with a rate of 10 the loss overshoots for a few steps, then the rings are
    # learned: that run must not be stopped
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    start = mlp.init_params(np.random.RandomState(1), weight_scale="fan_in")
    history = mlp.train_mlp(X, y, start, learning_rate=10, n_iterations=200)
    assert history.losses.max() > 5 * history.losses[0]
    assert history.accuracies[-1] == 1.0


def test_forward_names_params_that_are_not_a_network():
    with pytest.raises(TypeError, match="params must be an MLPParams"):
        mlp.forward((1, 2), np.zeros((3, 2)))

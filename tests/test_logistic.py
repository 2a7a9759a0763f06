"""Tests of lessons_lib.logistic: the sigmoid, the gradient, training, checks."""

import re
import warnings

import numpy as np
import pytest

from lessons_lib import datasets, logistic


def small_problem(seed=3, n_samples=12):
    """A few random points with the half-plane labels and random parameters."""
    rng = np.random.RandomState(seed)
    X, y = datasets.half_plane_points(n_samples, rng)
    return logistic.with_bias_column(X), y, rng.randn(3)


def test_sigmoid_is_finite_and_silent_far_from_zero():
    z = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        proba = logistic.sigmoid(z)
    assert np.all(np.isfinite(proba))
    assert proba[0] == 0.0 and proba[-1] == 1.0 and proba[2] == 0.5


def test_sigmoid_matches_the_textbook_formula_and_its_symmetry():
    z = np.linspace(-30, 30, 61)
    assert np.allclose(logistic.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12)
    assert np.allclose(logistic.sigmoid(-z), 1 - logistic.sigmoid(z), atol=1e-15)


def test_cross_entropy_matches_the_log_form():
    rng = np.random.RandomState(0)
    logits, y = rng.randn(50) * 3, rng.randint(0, 2, 50)
    proba = 1 / (1 + np.exp(-logits))
    direct = -np.mean(y * np.log(proba) + (1 - y) * np.log(1 - proba))
    assert logistic.cross_entropy_from_logits(logits, y) == pytest.approx(direct)


def test_gradient_matches_finite_differences():
    features, y, theta = small_problem()
    analytic = logistic.logistic_gradient(features, y, theta)
    step = 1e-6
    numeric = np.zeros_like(theta)
    for i in range(len(theta)):
        shift = np.zeros_like(theta)
        shift[i] = step
        plus = logistic.cross_entropy_from_logits(features @ (theta + shift), y)
        minus = logistic.cross_entropy_from_logits(features @ (theta - shift), y)
        numeric[i] = (plus - minus) / (2 * step)
    assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


def test_history_starts_at_theta_and_follows_the_update_rule():
    features, y, theta = small_problem()
    history = logistic.train_logistic_regression(features, y, theta, 0.3, 5)
    assert history.thetas.shape == (6, 3)
    assert np.array_equal(history.thetas[0], theta)
    for k in range(5):
        step = 0.3 * logistic.logistic_gradient(features, y, history.thetas[k])
        assert np.allclose(history.thetas[k + 1], history.thetas[k] - step)
        logits = features @ history.thetas[k]
        assert history.losses[k] == logistic.cross_entropy_from_logits(logits, y)
        assert history.accuracies[k] == np.mean((logits > 0) == y)


def test_same_seed_gives_the_same_numbers():
    runs = []
    for seed in (0, 0, 1):
        rng = np.random.RandomState(seed)
        X, y = datasets.half_plane_points(200, rng)
        theta = rng.randn(3) * 0.5
        features = logistic.with_bias_column(X)
        runs.append(logistic.train_logistic_regression(features, y, theta, 0.1, 100))
    assert np.array_equal(runs[0].thetas, runs[1].thetas)
    assert np.array_equal(runs[0].losses, runs[1].losses)
    assert not np.array_equal(runs[0].thetas, runs[2].thetas)


def test_lesson_two_draws_theta_after_the_points_from_one_stream():
    rng = np.random.RandomState(0)
    X, _ = datasets.half_plane_points(200, rng)
    theta = rng.randn(3) * 0.5
    replay = np.random.RandomState(0)
    assert np.array_equal(X, replay.uniform(-5, 5, (200, 2)))
    assert np.array_equal(theta, replay.randn(3) * 0.5)


def straightforward_conic_fit(X, y, learning_rate, n_iterations):
    """Lesson 3 written out again without the library: loops over the samples."""
    theta = [0.0] * 6
    for _ in range(n_iterations):
        gradient = [0.0] * 6
        for (u, v), label in zip(X.tolist(), y.tolist()):
            phi = [1.0, u, v, u * u, u * v, v * v]
            z = sum(t * f for t, f in zip(theta, phi))
            error = 1 / (1 + np.exp(-z)) - label
            gradient = [g + error * f / len(X) for g, f in zip(gradient, phi)]
        theta = [t - learning_rate * g for t, g in zip(theta, gradient)]
    return np.array(theta)


def test_polynomial_boundary_matches_a_straightforward_recomputation():
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    features = logistic.polynomial_features(X)
    history = logistic.train_logistic_regression(features, y, np.zeros(6), 0.1, 100)
    expected = straightforward_conic_fit(X, y, 0.1, 100)
    assert np.allclose(history.thetas[-1], expected, rtol=1e-10, atol=1e-12)
    # the printed equation carries those coefficients, rounded to 3 decimals
    text = logistic.conic_equation(history.thetas[-1])
    signs_and_values = re.findall(r"([-+]?) ?(\d+\.\d{3})", text.replace("0 = ", ""))
    printed = [float(f"{'-' if s == '-' else ''}{v}") for s, v in signs_and_values]
    assert printed == [round(float(t), 3) for t in expected]


def test_polynomial_features_are_the_monomials():
    X = np.array([[2.0, -3.0], [0.5, 4.0]])
    x, y = X[:, 0], X[:, 1]
    columns = [np.ones(2), x, y, x * x, x * y, y * y]
    assert np.array_equal(logistic.polynomial_features(X), np.column_stack(columns))


@pytest.mark.parametrize(
    ("change", "error", "name"),
    [
        ({"features": np.ones(5)}, ValueError, "features"),
        ({"features": [[1.0, np.nan, 0.0]] * 4}, ValueError, "features"),
        ({"y": [0, 1, 2, 1]}, ValueError, "y"),
        ({"y": [0, 1, 0.5, 1]}, ValueError, "y"),
        ({"y": [0, 1, 1]}, ValueError, "y"),
        ({"theta": np.zeros(2)}, ValueError, "theta"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate"),
        ({"n_iterations": 0}, ValueError, "n_iterations"),
        ({"n_iterations": 2.5}, TypeError, "n_iterations"),
    ],
)
def test_bad_inputs_raise_naming_the_argument(change, error, name):
    arguments = {
        "features": np.ones((4, 3)),
        "y": [0, 1, 0, 1],
        "theta": np.zeros(3),
        "learning_rate": 0.1,
        "n_iterations": 3,
    }
    arguments.update(change)
    with pytest.raises(error, match=rf"^{name}\b"):
        logistic.train_logistic_regression(**arguments)


def test_polynomial_features_need_two_columns():
    with pytest.raises(ValueError, match="^X"):
        logistic.polynomial_features(np.ones((3, 3)))


def test_diverging_training_stops_naming_the_iteration():
    # coordinates near 1e300: one step of size 100 sends the logits to infinity
    features = np.array([[1.0, 1e300], [1.0, -1e300]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(FloatingPointError, match=r"diverged at iteration 1\b"):
            logistic.train_logistic_regression(features, [0, 1], np.zeros(2), 100, 10)

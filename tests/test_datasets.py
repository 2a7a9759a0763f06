"""The synthetic data sets: the source's draws, and arguments named when wrong."""

import numpy as np
import pytest

from lessons_lib import datasets


def test_half_plane_points_are_the_source_draws():
    # the source drew np.random.uniform(-5, 5, (N, 2)) right after seeding
    X, y = datasets.half_plane_points(200, np.random.RandomState(42))
    np.testing.assert_array_equal(X, np.random.RandomState(42).uniform(-5, 5, (200, 2)))
    np.testing.assert_array_equal(y, X[:, 1] > X[:, 0])


def test_donut_rings_lie_around_their_radii():
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    radii = np.hypot(X[:, 0], X[:, 1])
    # radial noise of 0.2: the rings' means sit within a few standard errors
    assert abs(radii[y == 0].mean() - 1.0) < 0.05
    assert abs(radii[y == 1].mean() - 2.5) < 0.05


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(n_points=7), "n_points"),
        (dict(n_points=0), "n_points"),
        (dict(inner_radius=3.0), "inner_radius"),
        (dict(noise=-0.1), "noise"),
    ],
)
def test_donut_names_a_bad_argument(kwargs, name):
    arguments = dict(n_points=10, rng=np.random.RandomState(0)) | kwargs
    with pytest.raises(ValueError, match=name):
        datasets.donut_points(**arguments)

"""The two small synthetic data sets of the first lessons.

Both draw from a random generator passed in by the caller, in a fixed order, so
the same seed gives the same points as the book's figures.
"""

import numpy as np

from .checks import check_positive


def half_plane_points(n_points, rng, low=-5.0, high=5.0):
    """Draw points uniformly in a square and label those above ``y = x``.

    Parameters
    ----------
    n_points : int
        How many points to draw.
    rng : numpy.random.RandomState or numpy.random.Generator
        The source of randomness; it draws ``n_points * 2`` uniforms.
    low, high : float, default -5 and 5
        The square's sides run from `low` to `high`.

    Returns
    -------
    X : ndarray of shape (n_points, 2)
        The points, one row each: column 0 is x, column 1 is y.
    y : ndarray of shape (n_points,)
        Labels: 1 where the point lies above the line ``y = x``, else 0.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = half_plane_points(4, np.random.RandomState(0))
    >>> X.shape, y.tolist()
    ((4, 2), [1, 0, 1, 1])
    """
    check_positive("n_points", n_points, integer=True)
    X = rng.uniform(low, high, (n_points, 2))
    y = (X[:, 1] > X[:, 0]).astype(np.int64)
    return X, y


def donut_points(n_points, rng, inner_radius=1.0, outer_radius=2.5, noise=0.2):
    """Draw two noisy concentric rings: an inner class 0 and an outer class 1.

    Half the points go to each ring. A point's radius is the ring's radius plus
    Gaussian noise of standard deviation `noise`; its angle is uniform.

    Parameters
    ----------
    n_points : int
        How many points in all; must be even.
    rng : numpy.random.RandomState
        The source of randomness. It draws, in this order, the inner radii, the
        inner angles, the outer radii and the outer angles.
    inner_radius, outer_radius : float, default 1 and 2.5
        The rings' radii.
    noise : float, default 0.2
        The standard deviation of the radial noise.

    Returns
    -------
    X : ndarray of shape (n_points, 2)
        The inner ring's points first, then the outer ring's.
    y : ndarray of shape (n_points,)
        0 for the inner ring, 1 for the outer.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = donut_points(6, np.random.RandomState(0))
    >>> y.tolist()
    [0, 0, 0, 1, 1, 1]
    >>> radii = np.hypot(X[:, 0], X[:, 1])
    >>> bool(radii[:3].max() < radii[3:].min())
    True
    """
    check_positive("n_points", n_points, integer=True)
    if n_points % 2:
        raise ValueError(f"n_points must be even, got {n_points}")
    if not 0 < inner_radius < outer_radius:
        raise ValueError(
            "inner_radius and outer_radius must satisfy 0 < inner < outer, got "
            f"{inner_radius} and {outer_radius}"
        )
    if not noise >= 0:
        raise ValueError(f"noise must be zero or positive, got {noise}")
    n_ring = n_points // 2
    rings = []
    for radius in (inner_radius, outer_radius):
        radii = rng.randn(n_ring) * noise + radius
        angles = rng.rand(n_ring) * 2 * np.pi
        rings.append(np.column_stack([radii * np.cos(angles), radii * np.sin(angles)]))
    X = np.vstack(rings)
    y = np.repeat([0, 1], n_ring).astype(np.int64)
    return X, y

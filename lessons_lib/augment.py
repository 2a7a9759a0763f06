"""Pixel-shuffle augmentation (lesson 6): scramble a few pixels of each image.

For every image, a random tenth of its pixel positions is chosen and the values
at those positions are permuted among themselves. The image keeps exactly the
same pixel values (the same multiset: as much ink, the same histogram); only
where some of them sit changes. A person still reads the digit; the question
the lesson asks is whether a network trained on such images still does too.
"""

import numbers

import numpy as np

from .checks import as_float_array, check_positive

#: Images handled at once: bounds the scratch memory to a few MB.
CHUNK_SIZE = 512


def n_shuffled_pixels(n_pixels, fraction):
    """Return how many positions an image of `n_pixels` has shuffled.

    Parameters
    ----------
    n_pixels : int
        Pixels per image.
    fraction : float
        The share of positions to shuffle, between 0 and 1.

    Returns
    -------
    int
        ``int(fraction * n_pixels)``, rounded down as the source lesson does.

    Examples
    --------
    >>> n_shuffled_pixels(784, 0.1)
    78
    """
    check_positive("n_pixels", n_pixels, integer=True)
    return int(_check_fraction(fraction) * n_pixels)


def _check_fraction(fraction):
    """Return `fraction` if it is a number between 0 and 1, else raise."""
    if isinstance(fraction, bool) or not isinstance(fraction, numbers.Real):
        raise TypeError(f"fraction must be a number, got {fraction!r}")
    if not 0 <= fraction <= 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction!r}")
    return fraction


def shuffle_pixels(images, rng, fraction=0.1):
    """Return a copy of `images` with a `fraction` of each image's pixels shuffled.

    In each image (row), ``k = int(fraction * n_pixels)`` distinct positions are
    drawn uniformly at random, and the values found there are put back at the
    same positions in a uniformly random order. Every image gets its own
    positions and its own order.

    Parameters
    ----------
    images : ndarray of shape (n_images, n_pixels)
        One flattened image per row, any numeric dtype (MNIST's bytes stay bytes).
    rng : numpy.random.Generator
        The source of the random positions and orders.
    fraction : float, default 0.1
        The share of each image's positions that take part, between 0 and 1.

    Returns
    -------
    ndarray, shape and dtype of `images`
        The shuffled copy; `images` is left unchanged.

    Notes
    -----
    Each position gets a uniform random key and the ``k`` positions with the
    smallest keys are chosen (a uniformly random set of ``k``), for a chunk of
    rows at a time; ``rng.permuted`` then draws the new order of their values.
    A position may receive its own value back, and two equal values (two
    background zeros, say) may trade places, so fewer than ``k`` pixels usually
    change. The draws are made chunk by chunk (:data:`CHUNK_SIZE` images at a
    time), so the images a seed gives depend on the chunk size too.

    Examples
    --------
    >>> import numpy as np
    >>> images = np.arange(20).reshape(2, 10)
    >>> shuffled = shuffle_pixels(images, np.random.default_rng(0), fraction=0.5)
    >>> shuffled.tolist()
    [[0, 3, 1, 8, 4, 5, 6, 7, 2, 9], [10, 19, 12, 18, 14, 15, 16, 17, 13, 11]]
    >>> bool((np.sort(shuffled, axis=1) == images).all())
    True
    """
    images = _check_images(images)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    n_images, n_pixels = images.shape
    n_chosen = n_shuffled_pixels(n_pixels, fraction)
    shuffled = images.copy()
    if n_chosen == 0:
        return shuffled
    for start in range(0, n_images, CHUNK_SIZE):
        chunk = shuffled[start : start + CHUNK_SIZE]
        rows = np.arange(len(chunk))[:, None]
        # k distinct positions per image: those with the k smallest random keys
        keys = rng.random(chunk.shape)
        positions = np.argpartition(keys, n_chosen - 1, axis=1)[:, :n_chosen]
        # the values found there, put back in a random order
        values = chunk[rows, positions]
        chunk[rows, positions] = rng.permuted(values, axis=1)
    return shuffled


def count_changed(images, shuffled):
    """Count, for each image, the positions whose value the shuffle changed.

    Parameters
    ----------
    images, shuffled : ndarray of shape (n_images, n_pixels)
        The images before and after :func:`shuffle_pixels`.

    Returns
    -------
    ndarray of int64, shape (n_images,)

    Examples
    --------
    >>> import numpy as np
    >>> count_changed(np.array([[1, 2, 0, 0]]), np.array([[2, 1, 0, 0]])).tolist()
    [2]
    """
    images = _check_images(images)
    shuffled = _check_images(shuffled)
    if shuffled.shape != images.shape:
        raise ValueError(
            f"shuffled must have the shape of images {images.shape}, "
            f"got {shuffled.shape}"
        )
    counts = np.empty(len(images), dtype=np.int64)
    # chunk by chunk, so no comparison of the whole set is held at once
    for start in range(0, len(images), CHUNK_SIZE):
        stop = start + CHUNK_SIZE
        counts[start:stop] = np.count_nonzero(
            images[start:stop] != shuffled[start:stop], axis=1
        )
    return counts


def _check_images(images):
    """Return `images` as a 2-d numeric array without NaN, keeping its dtype."""
    array = np.asarray(images)
    if array.ndim != 2:
        raise ValueError(f"images must be 2-dimensional, got shape {array.shape}")
    if np.issubdtype(array.dtype, np.integer):
        if not array.size:
            raise ValueError(f"images is empty, got shape {array.shape}")
        return array
    return as_float_array("images", array, ndim=2)

"""Tests of the pixel-shuffle augmentation."""

import numpy as np
import pytest

from lessons_lib import augment

N_IMAGES, N_PIXELS = 300, 784


def random_images(seed=0):
    """Byte images with about a fifth of their pixels inked, like MNIST."""
    rng = np.random.default_rng(seed)
    images = rng.integers(1, 256, size=(N_IMAGES, N_PIXELS), dtype=np.uint8)
    images[rng.random(images.shape) < 0.8] = 0
    return images


def test_each_image_keeps_its_pixel_values():
    images = random_images()
    shuffled = augment.shuffle_pixels(images, np.random.default_rng(1))
    assert shuffled.dtype == images.dtype and shuffled.shape == images.shape
    assert np.array_equal(np.sort(shuffled, axis=1), np.sort(images, axis=1))


def test_at_most_a_tenth_of_the_positions_change():
    images = np.tile(np.arange(N_PIXELS, dtype=np.int64), (N_IMAGES, 1))
    shuffled = augment.shuffle_pixels(images, np.random.default_rng(2))
    n_changed = (shuffled != images).sum(axis=1)
    k = augment.n_shuffled_pixels(N_PIXELS, 0.1)
    assert k == int(0.1 * N_PIXELS)
    assert n_changed.max() <= k
    # with distinct values, a random order of k leaves on average one in place
    assert abs(n_changed.mean() - (k - 1)) < 0.5


def test_positions_are_spread_over_the_image():
    # every pixel is chosen with the same chance k / n_pixels
    images = np.tile(np.arange(N_PIXELS, dtype=np.int64), (3000, 1))
    shuffled = augment.shuffle_pixels(images, np.random.default_rng(3))
    changed_share = (shuffled != images).mean(axis=0)
    assert abs(changed_share.mean() - 77 / 784) < 0.01
    assert changed_share.min() > 0.05 and changed_share.max() < 0.15


def test_same_seed_same_images_other_seed_other_images():
    images = random_images()
    first = augment.shuffle_pixels(images, np.random.default_rng(4))
    again = augment.shuffle_pixels(images, np.random.default_rng(4))
    other = augment.shuffle_pixels(images, np.random.default_rng(5))
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_the_input_is_left_unchanged():
    images = random_images()
    before = images.copy()
    augment.shuffle_pixels(images, np.random.default_rng(6))
    assert np.array_equal(images, before)


def test_chunks_do_not_change_the_rule(monkeypatch):
    # rows in different chunks still keep their values and change at most k
    monkeypatch.setattr(augment, "CHUNK_SIZE", 7)
    images = random_images()
    shuffled = augment.shuffle_pixels(images, np.random.default_rng(7))
    assert np.array_equal(np.sort(shuffled, axis=1), np.sort(images, axis=1))
    assert (shuffled != images).sum(axis=1).max() <= 78


def test_zero_fraction_changes_nothing_and_full_fraction_keeps_values():
    images = random_images()
    rng = np.random.default_rng(8)
    assert np.array_equal(augment.shuffle_pixels(images, rng, fraction=0.0), images)
    everything = augment.shuffle_pixels(images, rng, fraction=1.0)
    assert np.array_equal(np.sort(everything, axis=1), np.sort(images, axis=1))


@pytest.mark.parametrize(
    "kwargs, error, name",
    [
        (dict(fraction=1.5), ValueError, "fraction"),
        (dict(fraction=-0.1), ValueError, "fraction"),
        (dict(fraction="a tenth"), TypeError, "fraction"),
        (dict(rng=0), TypeError, "rng"),
        (dict(images=np.zeros(784)), ValueError, "images"),
        (dict(images=np.full((2, 784), np.nan)), ValueError, "images"),
    ],
)
def test_inputs_are_checked(kwargs, error, name):
    arguments = dict(images=random_images(), rng=np.random.default_rng(9))
    arguments.update(kwargs)
    with pytest.raises(error, match=name):
        augment.shuffle_pixels(**arguments)


def test_count_changed_matches_a_direct_count(monkeypatch):
    monkeypatch.setattr(augment, "CHUNK_SIZE", 7)
    images = random_images()
    shuffled = augment.shuffle_pixels(images, np.random.default_rng(10))
    expected = (shuffled != images).sum(axis=1)
    assert np.array_equal(augment.count_changed(images, shuffled), expected)
    with pytest.raises(ValueError, match="shuffled must have the shape"):
        augment.count_changed(images, shuffled[:5])


@pytest.mark.parametrize(
    "n_pixels, fraction, error",
    [(784, 1.5, ValueError), (784, -0.1, ValueError), (784, "0.1", TypeError),
     (0, 0.1, ValueError), (78.4, 0.1, TypeError)],
)
def test_n_shuffled_pixels_names_a_bad_argument(n_pixels, fraction, error):
    name = "fraction" if isinstance(n_pixels, int) and n_pixels > 0 else "n_pixels"
    with pytest.raises(error, match=name):
        augment.n_shuffled_pixels(n_pixels, fraction)

"""Figures of MNIST digits: a row of samples, and images before and after a change.

Each digit is drawn as a 28 x 28 grey-level picture, ink dark on a white
ground, with its label (or any short text) written underneath. The figures use
the book's style (:mod:`lessons_lib.plotting`) and have no title: the caption
goes in the chapter.
"""

import matplotlib.pyplot as plt
import numpy as np

from .plotting import style_context

#: Side of an MNIST image, in pixels.
IMAGE_SIDE = 28

#: Width and height of one digit's panel, in inches.
PANEL_SIZE = 0.9


def sample_indices(n_samples, n_shown, rng):
    """Choose `n_shown` distinct sample numbers to show, at random.

    Parameters
    ----------
    n_samples : int
        How many samples there are to choose from.
    n_shown : int
        How many to choose; at most `n_samples`.
    rng : numpy.random.Generator
        The source of the choice.

    Returns
    -------
    ndarray of int64, shape (n_shown,)

    Examples
    --------
    >>> import numpy as np
    >>> sample_indices(100, 3, np.random.default_rng(0)).tolist()
    [63, 51, 83]
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    for name, value in [("n_samples", n_samples), ("n_shown", n_shown)]:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {value!r}")
        if value < 1:
            raise ValueError(f"{name} must be positive, got {value!r}")
    if n_shown > n_samples:
        raise ValueError(
            f"n_shown must be at most n_samples ({n_samples}), got {n_shown}"
        )
    return rng.choice(n_samples, size=n_shown, replace=False).astype(np.int64)


def plot_digits(images, captions, rows=None):
    """Draw digits side by side, each with a caption underneath.

    Parameters
    ----------
    images : array_like of shape (n_images, 784)
        Flattened 28 x 28 images, bytes 0 to 255 or floats 0 to 1.
    captions : sequence of str or int, length n_images
        What to write under each digit (its label, say).
    rows : sequence of array_like, optional
        Further rows of images under the first, each shaped like `images`
        (the same digits after some change); their panels have no caption.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib.pyplot as plt
    >>> fig = plot_digits(np.zeros((3, 784), dtype=np.uint8), [7, 2, 1])
    >>> len(fig.axes), fig.axes[0].get_xlabel()
    (3, '7')
    >>> plt.close(fig)
    """
    image_rows = [_as_images("images", images)]
    for number, row in enumerate(rows or ()):
        image_rows.append(_as_images(f"rows[{number}]", row))
        if len(image_rows[-1]) != len(image_rows[0]):
            raise ValueError(
                f"rows[{number}] must hold {len(image_rows[0])} images, "
                f"got {len(image_rows[-1])}"
            )
    captions = [str(caption) for caption in captions]
    if len(captions) != len(image_rows[0]):
        raise ValueError(
            f"captions must have one entry per image ({len(image_rows[0])}), "
            f"got {len(captions)}"
        )
    n_rows, n_columns = len(image_rows), len(captions)
    with style_context():
        fig, axes = plt.subplots(
            n_rows, n_columns, squeeze=False,
            figsize=(PANEL_SIZE * n_columns, (PANEL_SIZE + 0.2) * n_rows),
        )
    for row_number, (row, row_axes) in enumerate(zip(image_rows, axes)):
        for image, ax in zip(row, row_axes):
            _draw_digit(ax, image)
        if row_number == 0:
            for caption, ax in zip(captions, row_axes):
                ax.set_xlabel(caption)
    fig.tight_layout(pad=0.3)
    return fig


def label_rows(fig, names):
    """Write a name at the left of each row of a :func:`plot_digits` figure.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure from :func:`plot_digits`.
    names : sequence of str
        One name per row of digits, top row first.

    Examples
    --------
    >>> import numpy as np
    >>> import matplotlib.pyplot as plt
    >>> blank = np.zeros((2, 784))
    >>> fig = plot_digits(blank, [0, 1], rows=[blank])
    >>> label_rows(fig, ["original", "shuffled"])
    >>> fig.axes[2].get_ylabel()
    'shuffled'
    >>> plt.close(fig)
    """
    n_columns = _n_columns(fig)
    row_starts = fig.axes[::n_columns]
    if len(names) != len(row_starts):
        raise ValueError(
            f"names must have one entry per row ({len(row_starts)}), got {len(names)}"
        )
    for name, ax in zip(names, row_starts):
        ax.set_ylabel(name)
    fig.tight_layout(pad=0.3)


def _n_columns(fig):
    """Return the number of panels in each row of a grid figure."""
    return fig.axes[0].get_subplotspec().get_gridspec().ncols


def _draw_digit(ax, image):
    """Draw one flattened image as a 28 x 28 picture, without ticks or frame."""
    ax.imshow(image.reshape(IMAGE_SIDE, IMAGE_SIDE), cmap="gray_r",
              vmin=0, vmax=1)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _as_images(name, images):
    """Return `images` as floats 0 to 1, one flattened 28 x 28 image per row."""
    array = np.asarray(images)
    if array.ndim != 2 or array.shape[1] != IMAGE_SIDE * IMAGE_SIDE:
        raise ValueError(
            f"{name} must have shape (n_images, {IMAGE_SIDE * IMAGE_SIDE}), "
            f"got {array.shape}"
        )
    if array.dtype == np.uint8:
        return array / 255.0
    return array.astype(float)

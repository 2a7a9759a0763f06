"""MNIST handwritten digits: load them, scale them and split them as the book does.

The digit chapters learn from the 70,000 MNIST images of 28 x 28 grey-level
pixels. :func:`load_mnist` returns them as one ``uint8`` matrix, one image per
row, with the 60,000 training samples first and the 10,000 test samples after,
the order of OpenML's ``mnist_784``. The pixels stay bytes (0 to 255) so that
the whole set costs 55 MB; chapters turn a batch into floats with
:func:`scale_pixels` only when they need it. :func:`split_mnist` draws the same
train/test split as ``sklearn.model_selection.train_test_split`` with the same
seed, without ever making a float copy of the images.

The data come from a folder of the four standard IDX files when one is given
(the ``data_dir`` argument, or else the environment variable
``LESSONS_MNIST_DIR``), and otherwise from scikit-learn's ``fetch_openml``,
which downloads the set once and keeps a copy on disk.
"""

import gzip
import math
import numbers
import os
import struct
import zlib
from functools import partial
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from .checks import as_labels, check_positive

#: The environment variable naming a folder of IDX files.
ENV_VARIABLE = "LESSONS_MNIST_DIR"

#: The four standard files: training images and labels, then test ones.
IDX_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)

#: IDX magic numbers: unsigned bytes in 3 dimensions (images) or 1 (labels).
IMAGES_MAGIC = 2051
LABELS_MAGIC = 2049

N_CLASSES = 10

_CHUNK_SIZE = 1 << 20

# deflate never packs more than 1032 bytes into one
_MOST_DEFLATE_RATIO = 1032

_EXPECTED_FILES = (
    "it must hold the four MNIST IDX files "
    + ", ".join(IDX_FILES)
    + " (gzipped, or the same names without .gz)"
)


class MnistDataError(ValueError):
    """MNIST files that exist but do not hold a complete, valid data set."""


def load_mnist(data_dir=None):
    """Load the 70,000 MNIST digits: pixels as bytes, labels as integers.

    The data come from the folder `data_dir` if it is given, or else from the
    folder named by the environment variable ``LESSONS_MNIST_DIR``; that folder
    must hold the four standard IDX files (see ``IDX_FILES``; each may also be
    stored without its ``.gz``). With neither, scikit-learn's ``fetch_openml``
    supplies OpenML's ``mnist_784``: it downloads the set once and reads it from
    its on-disk cache after that.

    Parameters
    ----------
    data_dir : str or os.PathLike, optional
        A folder holding the four IDX files.

    Returns
    -------
    images : ndarray of uint8, shape (n_samples, 784)
        One image per row, its 28 x 28 pixels row by row, 0 (background) to
        255 (ink). The 60,000 training images come first, then the 10,000
        test images, as in OpenML's ``mnist_784``.
    labels : ndarray of int64, shape (n_samples,)
        The digit each image shows, 0 to 9.

    Raises
    ------
    FileNotFoundError
        If the folder, or one of its four files, does not exist.
    MnistDataError
        If a file is unreadable, truncated or inconsistent: a wrong magic
        number, a header whose sizes disagree with the bytes present, image and
        label counts that differ, or a label outside 0 to 9.
    OSError
        If no folder is given and scikit-learn can neither download the set
        nor find it in its cache; the message says how to provide the data.

    Notes
    -----
    Without pandas, scikit-learn's default ARFF parser is unavailable for
    dense data, so the download is then read with its ``"liac-arff"`` parser:
    slow (tens of seconds) and memory-hungry (near 1 GB at its peak, even from
    the cache). The IDX path reads straight into the returned array: about a
    third of a second and no memory beyond the 55 MB it returns.

    Examples
    --------
    A folder with two tiny 2 x 3 images in each half of the set:

    >>> import gzip, os, tempfile
    >>> import numpy as np
    >>> def write_idx(path, magic, items):
    ...     header = np.array([magic, *items.shape], dtype=">u4").tobytes()
    ...     with gzip.open(path, "wb") as file:
    ...         file.write(header + items.astype(np.uint8).tobytes())
    >>> folder = tempfile.TemporaryDirectory()
    >>> pixels = np.arange(2 * 2 * 3).reshape(2, 2, 3)
    >>> for part in ("train", "t10k"):
    ...     stem = os.path.join(folder.name, part)
    ...     write_idx(stem + "-images-idx3-ubyte.gz", 2051, pixels)
    ...     write_idx(stem + "-labels-idx1-ubyte.gz", 2049, np.array([7, 2]))
    >>> images, labels = load_mnist(folder.name)
    >>> images.shape, images.dtype.name, labels.dtype.name
    ((4, 6), 'uint8', 'int64')
    >>> images[1].tolist(), labels.tolist()
    ([6, 7, 8, 9, 10, 11], [7, 2, 7, 2])
    >>> folder.cleanup()
    """
    source = "the data_dir argument"
    if data_dir is None:
        data_dir = os.environ.get(ENV_VARIABLE) or None
        source = f"the environment variable {ENV_VARIABLE}"
    if data_dir is None:
        return _load_from_openml()
    if not isinstance(data_dir, (str, os.PathLike)):
        raise TypeError(f"data_dir must be a folder path, got {data_dir!r}")
    return _load_from_idx_folder(Path(data_dir), source)


def scale_pixels(images):
    """Scale pixel bytes 0 to 255 to floats 0 to 1.

    Parameters
    ----------
    images : array_like of shape (n_samples, n_pixels), or any shape
        Pixel values from 0 to 255: a batch, one image or the whole set.

    Returns
    -------
    ndarray of float64, same shape as `images`
        ``images / 255``.

    Examples
    --------
    >>> import numpy as np
    >>> scale_pixels(np.array([[0, 51, 255]], dtype=np.uint8)).tolist()
    [[0.0, 0.2, 1.0]]
    >>> scale_pixels([300])
    Traceback (most recent call last):
    ...
    ValueError: images must hold pixel values 0 to 255, found 300.0 to 300.0
    """
    pixels = np.asarray(images)
    if pixels.dtype == bool or not np.issubdtype(pixels.dtype, np.number):
        raise TypeError(f"images must hold numbers, got dtype {pixels.dtype}")
    scaled = np.divide(pixels, 255.0, dtype=np.float64)
    # a NaN fails both comparisons, so it is caught here too
    if scaled.size and not (scaled.min() >= 0 and scaled.max() <= 1):
        raise ValueError(
            "images must hold pixel values 0 to 255, found "
            f"{float(pixels.min())} to {float(pixels.max())}"
        )
    return scaled


def split_mnist(images, labels, test_size=10000, seed=42):
    """Split images and labels into a training and a test set, as sklearn does.

    The split is the one ``train_test_split(images, labels,
    test_size=test_size, random_state=seed)`` draws: a ``RandomState(seed)``
    permutation of the rows, whose first `test_size` rows are the test set and
    the rest the training set. It is computed on row numbers only, so the images
    keep their dtype, and without importing scikit-learn, which would cost a
    chapter's kernel about 70 MB and a second.

    Parameters
    ----------
    images : ndarray of shape (n_samples, n_pixels)
        One image per row, usually the bytes from :func:`load_mnist`.
    labels : array_like of shape (n_samples,)
        The digits 0 to 9.
    test_size : int, default 10000
        How many samples go to the test set.
    seed : int, default 42
        The seed of the shuffle.

    Returns
    -------
    train_images : ndarray of shape (n_samples - test_size, n_pixels)
    test_images : ndarray of shape (test_size, n_pixels)
        Rows of `images`, with its dtype.
    train_labels : ndarray of int64, shape (n_samples - test_size,)
    test_labels : ndarray of int64, shape (test_size,)

    Examples
    --------
    >>> import numpy as np
    >>> images = np.arange(6 * 2, dtype=np.uint8).reshape(6, 2)
    >>> labels = np.array([0, 1, 2, 3, 4, 5])
    >>> train_images, test_images, train_labels, test_labels = split_mnist(
    ...     images, labels, test_size=2, seed=0
    ... )
    >>> train_labels.tolist(), test_labels.tolist()
    ([1, 3, 0, 4], [5, 2])
    >>> test_images.tolist(), test_images.dtype.name
    ([[10, 11], [4, 5]], 'uint8')
    """
    pixels = np.asarray(images)
    if pixels.ndim != 2:
        raise ValueError(f"images must be 2-dimensional, got shape {pixels.shape}")
    digits = as_labels("labels", labels, N_CLASSES, n_samples=len(pixels))
    check_positive("test_size", test_size, integer=True)
    if test_size >= len(pixels):
        raise ValueError(
            f"test_size must be smaller than the number of images ({len(pixels)}), "
            f"got {test_size}"
        )
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer, got {seed!r}")
    shuffled_rows = np.random.RandomState(seed).permutation(len(pixels))
    test_rows, train_rows = shuffled_rows[:test_size], shuffled_rows[test_size:]
    return pixels[train_rows], pixels[test_rows], digits[train_rows], digits[test_rows]


def _load_from_idx_folder(folder, source):
    """Read the four IDX files of `folder` into one images and one labels array."""
    train_images, train_labels, test_images, test_labels = _find_idx_files(
        folder, source
    )
    image_paths, label_paths = [train_images, test_images], [train_labels, test_labels]

    # read every header first, so nothing big is allocated for a broken set
    image_shapes = [_read_header(path, IMAGES_MAGIC) for path in image_paths]
    label_shapes = [_read_header(path, LABELS_MAGIC) for path in label_paths]
    _check_shapes_agree(image_paths, image_shapes, label_paths, label_shapes)

    # fill preallocated arrays straight from the files: no second copy
    n_samples = sum(shape[0] for shape in label_shapes)
    _, n_rows, n_columns = image_shapes[0]
    images = np.empty((n_samples, n_rows * n_columns), dtype=np.uint8)
    labels = np.empty(n_samples, dtype=np.uint8)
    _read_bodies(image_paths, image_shapes, images)
    _read_bodies(label_paths, label_shapes, labels)
    return images, labels.astype(np.int64)


def _find_idx_files(folder, source):
    """Return the paths of the four IDX files in `folder`, or raise naming it."""
    if not folder.is_dir():
        raise FileNotFoundError(
            f"MNIST folder {folder} (from {source}) does not exist or is not a "
            f"folder; {_EXPECTED_FILES}"
        )
    paths, missing = [], []
    for name in IDX_FILES:
        candidates = [folder / name, folder / name.removesuffix(".gz")]
        found = [path for path in candidates if path.is_file()]
        if found:
            paths.append(found[0])
        else:
            missing.append(str(folder / name))
    if missing:
        raise FileNotFoundError(
            f"MNIST folder {folder} (from {source}) lacks {', '.join(missing)}; "
            f"{_EXPECTED_FILES}"
        )
    return paths


def _read_file(path, read):
    """Open `path`, gzipped or not, and return ``read(stream)``; name it in errors."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as stream:
            return read(stream)
    except (OSError, EOFError, zlib.error) as error:
        raise MnistDataError(
            f"cannot read {path} ({error}); the file is truncated or damaged, "
            "replace it with a fresh copy"
        ) from error


def _read_header(path, magic):
    """Return the sizes an IDX header announces: (count, rows, columns) or (count,)."""
    n_sizes = 3 if magic == IMAGES_MAGIC else 1
    header_size = 4 * (1 + n_sizes)
    header = _read_file(path, lambda stream: stream.read(header_size))
    if len(header) < header_size:
        raise MnistDataError(
            f"{path} holds {len(header)} bytes, too few for an IDX header "
            f"({header_size} bytes)"
        )
    found_magic, *sizes = struct.unpack(f">{1 + n_sizes}I", header)
    if found_magic != magic:
        kinds = {IMAGES_MAGIC: "an image file", LABELS_MAGIC: "a label file"}
        raise MnistDataError(
            f"{path} starts with the magic number {found_magic} "
            f"({kinds.get(found_magic, 'not an MNIST IDX file')}); expected {magic} "
            f"({kinds[magic]})"
        )
    if min(sizes) < 1:
        raise MnistDataError(f"{path} has a header announcing sizes {sizes}")
    # a damaged header must not make us allocate terabytes before reading
    most_bytes = path.stat().st_size
    if path.suffix == ".gz":
        most_bytes *= _MOST_DEFLATE_RATIO
    if math.prod(sizes) > most_bytes:
        raise MnistDataError(
            f"the header of {path} announces {_describe(sizes)}, more bytes than "
            "the file can hold"
        )
    return tuple(sizes)


def _check_shapes_agree(image_paths, image_shapes, label_paths, label_shapes):
    """Raise unless each part has one label per image and all images one size."""
    for image_path, image_shape, label_path, label_shape in zip(
        image_paths, image_shapes, label_paths, label_shapes
    ):
        if image_shape[0] != label_shape[0]:
            raise MnistDataError(
                f"{image_path} holds {image_shape[0]} images but {label_path} "
                f"holds {label_shape[0]} labels"
            )
    (_, *train_size), (_, *test_size) = image_shapes
    if train_size != test_size:
        raise MnistDataError(
            f"{image_paths[0]} holds images of {train_size[0]} x {train_size[1]} "
            f"pixels but {image_paths[1]} of {test_size[0]} x {test_size[1]}"
        )


def _describe(shape):
    """Say in words what an IDX header's sizes announce."""
    if len(shape) == 1:
        return f"{shape[0]} labels"
    return f"{shape[0]} images of {shape[1]} x {shape[2]} pixels"


def _read_bodies(paths, shapes, out):
    """Fill `out`, part after part, with the bytes after each file's header."""
    start = 0
    for path, shape in zip(paths, shapes):
        part = out[start : start + shape[0]]
        _read_file(path, partial(_read_body, path=path, shape=shape, part=part))
        if len(shape) == 1 and part.max() >= N_CLASSES:
            index = int(np.argmax(part >= N_CLASSES))
            raise MnistDataError(
                f"{path} holds the label {part[index]} at position {index}; "
                f"labels must be 0 to {N_CLASSES - 1}"
            )
        start += shape[0]


def _read_body(stream, path, shape, part):
    """Read the bytes after the header into `part`; raise unless they fit exactly."""
    stream.read(4 * (1 + len(shape)))
    view = memoryview(part).cast("B")
    # megabyte by megabyte: gzip would otherwise build the whole body as bytes
    n_read = 0
    while n_read < len(view):
        chunk_size = stream.readinto(view[n_read : n_read + _CHUNK_SIZE])
        if not chunk_size:
            break
        n_read += chunk_size
    n_extra = sum(len(chunk) for chunk in iter(lambda: stream.read(_CHUNK_SIZE), b""))
    if n_read < len(view) or n_extra:
        raise MnistDataError(
            f"the header of {path} announces {_describe(shape)}, "
            f"{len(view)} bytes, but {n_read + n_extra} bytes follow it"
        )


def _load_from_openml():
    """Fetch OpenML's mnist_784 through scikit-learn, as bytes and integers."""
    from sklearn.datasets import fetch_openml

    # scikit-learn's default parser needs pandas for dense data; its own does not
    parser = "auto" if find_spec("pandas") else "liac-arff"
    try:
        mnist = fetch_openml("mnist_784", version=1, as_frame=False, parser=parser)
    except OSError as error:
        raise OSError(
            "cannot load MNIST: no folder of IDX files was given (data_dir or the "
            f"environment variable {ENV_VARIABLE}) and scikit-learn could fetch "
            f"OpenML's mnist_784 neither online nor from its cache ({error}). "
            f"Either set {ENV_VARIABLE} to a folder holding the four IDX files "
            f"{', '.join(IDX_FILES)}, or call load_mnist() once while online so "
            "scikit-learn keeps a copy in its data folder (~/scikit_learn_data)."
        ) from error
    images = _pixels_as_bytes(mnist.pop("data"))
    labels = _targets_as_labels(mnist.pop("target"), n_samples=len(images))
    return images, labels


def _pixels_as_bytes(data):
    """Convert OpenML's pixel matrix (floats) to uint8, checking nothing is lost."""
    pixels = np.asarray(data)
    if pixels.ndim != 2 or not np.issubdtype(pixels.dtype, np.number):
        raise MnistDataError(
            f"OpenML's mnist_784 gave pixels of shape {pixels.shape} and dtype "
            f"{pixels.dtype}, expected a 2-d array of numbers"
        )
    with np.errstate(invalid="ignore"):
        images = pixels.astype(np.uint8)
    # values outside 0..255, fractions and NaN do not survive the round trip
    if np.any(images != pixels):
        raise MnistDataError(
            "OpenML's mnist_784 holds pixel values that are not whole numbers "
            "0 to 255"
        )
    return images


def _targets_as_labels(target, n_samples):
    """Convert OpenML's targets (strings '0' to '9') to int64 labels."""
    try:
        labels = np.asarray(target).astype(np.int64)
    except (TypeError, ValueError) as error:
        raise MnistDataError(
            f"OpenML's mnist_784 holds targets that are not digits ({error})"
        ) from error
    if labels.shape != (n_samples,):
        raise MnistDataError(
            f"OpenML's mnist_784 gave {n_samples} images but targets of shape "
            f"{labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= N_CLASSES):
        raise MnistDataError(
            f"OpenML's mnist_784 holds labels outside 0 to {N_CLASSES - 1}"
        )
    return labels

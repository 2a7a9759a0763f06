"""Tests of the MNIST loader, on tiny IDX files written here and on the real set."""

import gzip
import hashlib
import json
import os
import struct
from urllib.error import URLError

import numpy as np
import pytest
import sklearn.datasets
import sklearn.datasets._openml
from sklearn.model_selection import train_test_split
from sklearn.utils import Bunch

from lessons_lib.mnist import (
    ENV_VARIABLE,
    IDX_FILES,
    MnistDataError,
    load_mnist,
    scale_pixels,
    split_mnist,
)

IMAGES_MAGIC, LABELS_MAGIC = 2051, 2049


def write_idx(path, magic, sizes, body, compress=True):
    """Write an IDX file: big-endian magic and sizes, then the raw bytes."""
    content = struct.pack(f">{1 + len(sizes)}I", magic, *sizes) + bytes(body)
    if compress:
        content = gzip.compress(content)
    path.write_bytes(content)


def write_set(folder, parts, compress=True):
    """Write the four files of `parts`: {prefix: (images (n, rows, cols), labels)}."""
    suffix = ".gz" if compress else ""
    for prefix, (images, labels) in parts.items():
        stem = f"{prefix}-images-idx3-ubyte"
        write_idx(folder / (stem + suffix), IMAGES_MAGIC, images.shape,
                  images.astype(np.uint8).tobytes(), compress)
        stem = f"{prefix}-labels-idx1-ubyte"
        write_idx(folder / (stem + suffix), LABELS_MAGIC, labels.shape,
                  labels.astype(np.uint8).tobytes(), compress)


@pytest.fixture
def parts():
    """Five 4 x 3 training images and three test images, with digit labels."""
    rng = np.random.RandomState(0)
    return {
        "train": (rng.randint(0, 256, (5, 4, 3)), rng.randint(0, 10, 5)),
        "t10k": (rng.randint(0, 256, (3, 4, 3)), rng.randint(0, 10, 3)),
    }


@pytest.fixture
def folder(tmp_path, parts):
    write_set(tmp_path, parts)
    return tmp_path


def expected_arrays(parts):
    """What the loader should return: train then test, images flattened."""
    images = np.concatenate([parts[p][0].reshape(len(parts[p][0]), -1)
                             for p in ("train", "t10k")])
    labels = np.concatenate([parts[p][1] for p in ("train", "t10k")])
    return images, labels


# ---------------------------------------------------------------- round trips

@pytest.mark.parametrize("compress", [True, False])
def test_load_round_trips_the_files(tmp_path, parts, compress):
    write_set(tmp_path, parts, compress=compress)
    images, labels = load_mnist(tmp_path)
    expected_images, expected_labels = expected_arrays(parts)
    assert images.dtype == np.uint8 and labels.dtype == np.int64
    np.testing.assert_array_equal(images, expected_images)
    np.testing.assert_array_equal(labels, expected_labels)


def test_environment_variable_names_the_folder(folder, parts, monkeypatch):
    monkeypatch.setenv(ENV_VARIABLE, str(folder))
    images, labels = load_mnist()
    np.testing.assert_array_equal(labels, expected_arrays(parts)[1])


def test_data_dir_argument_wins_over_environment(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VARIABLE, str(tmp_path / "nowhere"))
    images, labels = load_mnist(str(folder))
    assert images.shape == (8, 12)


# ---------------------------------------------------------- missing files

def test_missing_folder_is_named(tmp_path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(FileNotFoundError, match="does not exist") as error:
        load_mnist(missing)
    message = str(error.value)
    assert str(missing) in message
    assert all(name in message for name in IDX_FILES)


def test_missing_file_is_named(folder):
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError, match="t10k-labels-idx1-ubyte.gz") as error:
        load_mnist(folder)
    assert str(folder / "t10k-labels-idx1-ubyte.gz") in str(error.value)
    assert all(name in str(error.value) for name in IDX_FILES)


# -------------------------------------------------------- damaged content

def test_truncated_gzip_is_reported(folder):
    path = folder / "train-images-idx3-ubyte.gz"
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(MnistDataError, match="train-images-idx3-ubyte.gz"):
        load_mnist(folder)


def test_file_that_is_not_gzip_is_reported(folder):
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(b"this is not gzip data")
    with pytest.raises(MnistDataError, match="t10k-labels-idx1-ubyte.gz"):
        load_mnist(folder)


@pytest.mark.parametrize(
    "name, right_magic",
    [
        ("train-images-idx3-ubyte", IMAGES_MAGIC),
        ("t10k-labels-idx1-ubyte", LABELS_MAGIC),
    ],
)
def test_wrong_magic_number_is_reported(folder, name, right_magic):
    # swap in the other kind's magic number, keeping the rest of the file
    path = folder / (name + ".gz")
    content = bytearray(gzip.decompress(path.read_bytes()))
    wrong_magic = IMAGES_MAGIC + LABELS_MAGIC - right_magic
    content[:4] = struct.pack(">I", wrong_magic)
    path.write_bytes(gzip.compress(bytes(content)))
    with pytest.raises(MnistDataError, match=f"{name}.*{wrong_magic}.*{right_magic}"):
        load_mnist(folder)


@pytest.mark.parametrize(
    "header",
    [b"\x00\x00\x08", struct.pack(">2I", LABELS_MAGIC, 0)],
    ids=["cut short", "zero labels"],
)
def test_label_file_without_a_whole_header_is_reported(folder, header):
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(header))
    with pytest.raises(MnistDataError, match="train-labels-idx1-ubyte.gz.*header"):
        load_mnist(folder)


@pytest.mark.parametrize(
    "header_change", [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, 0, -1)]
)
def test_header_disagreeing_with_bytes_is_reported(folder, parts, header_change):
    # every image header off by one, label counts following the image counts
    for prefix, (images, labels) in parts.items():
        sizes = np.add(images.shape, header_change)
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", IMAGES_MAGIC, sizes,
                  images.astype(np.uint8).tobytes())
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", LABELS_MAGIC,
                  sizes[:1], np.resize(labels, sizes[0]).astype(np.uint8).tobytes())
    with pytest.raises(MnistDataError, match="train-images-idx3-ubyte.gz.*bytes"):
        load_mnist(folder)


@pytest.mark.parametrize("compress", [True, False])
def test_header_announcing_more_than_any_file_holds_is_reported(
    tmp_path, parts, compress
):
    # a count near 2**32 must be caught before the loader allocates for it
    write_set(tmp_path, parts, compress=compress)
    images, labels = parts["train"]
    sizes = (2**32 - 1, *images.shape[1:])
    suffix = ".gz" if compress else ""
    write_idx(tmp_path / ("train-images-idx3-ubyte" + suffix), IMAGES_MAGIC, sizes,
              images.astype(np.uint8).tobytes(), compress)
    write_idx(tmp_path / ("train-labels-idx1-ubyte" + suffix), LABELS_MAGIC,
              sizes[:1], labels.astype(np.uint8).tobytes(), compress)
    with pytest.raises(MnistDataError, match="train-images-idx3-ubyte.*can hold"):
        load_mnist(tmp_path)


def test_extra_label_bytes_are_reported(folder, parts):
    labels = parts["t10k"][1]
    write_idx(folder / "t10k-labels-idx1-ubyte.gz", LABELS_MAGIC, labels.shape,
              labels.astype(np.uint8).tobytes() + b"\x01")
    with pytest.raises(MnistDataError, match="t10k-labels-idx1-ubyte.gz"):
        load_mnist(folder)


def test_image_and_label_counts_must_match(tmp_path, parts):
    images, labels = parts["train"]
    parts["train"] = (images, labels[:-1])
    write_set(tmp_path, parts)
    with pytest.raises(MnistDataError, match="5 images.*4 labels"):
        load_mnist(tmp_path)


def test_train_and_test_images_must_have_one_size(tmp_path, parts):
    images, labels = parts["t10k"]
    parts["t10k"] = (images.reshape(3, 3, 4), labels)
    write_set(tmp_path, parts)
    with pytest.raises(MnistDataError, match="4 x 3.*3 x 4"):
        load_mnist(tmp_path)


def test_label_out_of_range_is_reported(tmp_path, parts):
    images, labels = parts["t10k"]
    labels = labels.copy()
    labels[2] = 10
    parts["t10k"] = (images, labels)
    write_set(tmp_path, parts)
    with pytest.raises(MnistDataError, match="t10k-labels-idx1-ubyte.gz.*10"):
        load_mnist(tmp_path)


# ------------------------------------------------------- the OpenML path

def fake_openml(images, targets, calls):
    """A stand-in for fetch_openml that returns data the way OpenML does."""

    def fetch_openml(name, **options):
        calls.append((name, options))
        # float64 pixels and string targets, as scikit-learn returns them
        return Bunch(data=images.astype(np.float64), target=targets.astype(str))

    return fetch_openml


def test_openml_path_converts_to_bytes_and_integers(monkeypatch, parts):
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    expected_images, expected_labels = expected_arrays(parts)
    calls = []
    fake = fake_openml(expected_images, expected_labels.astype(object), calls)
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", fake)
    images, labels = load_mnist()
    assert calls[0][0] == "mnist_784"
    assert calls[0][1]["version"] == 1 and calls[0][1]["as_frame"] is False
    assert images.dtype == np.uint8 and labels.dtype == np.int64
    np.testing.assert_array_equal(images, expected_images)
    np.testing.assert_array_equal(labels, expected_labels)


@pytest.mark.parametrize("pixel, target", [(255.5, "3"), (256.0, "3"), (9.0, "x")])
def test_openml_path_rejects_values_it_cannot_convert(monkeypatch, pixel, target):
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    images = np.array([[0.0, pixel]])
    fake = fake_openml(images, np.array([target]), [])
    monkeypatch.setattr(sklearn.datasets, "fetch_openml", fake)
    with pytest.raises(MnistDataError, match="mnist_784"):
        load_mnist()


def write_openml_cache(data_home, images, labels):
    """Store in `data_home` what scikit-learn caches when it fetches mnist_784.

    Each file is the gzipped answer of OpenML's API to one URL, kept under the
    URL's path; the data themselves are an ARFF file of numeric pixels and a
    nominal class.
    """
    root = data_home / "openml" / "openml.org"

    def store(url_path, text):
        path = root / (url_path + ".gz")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(text.encode()))

    pixel_names = [f"pixel{column + 1}" for column in range(images.shape[1])]
    arff = "\n".join(
        ["@relation mnist_784"]
        + [f"@attribute {name} numeric" for name in pixel_names]
        + ["@attribute class {0,1,2,3,4,5,6,7,8,9}", "@data"]
        + [",".join(map(str, [*row, label])) for row, label in zip(images, labels)]
    )
    store("data/v1/download/52667/mnist_784.arff", arff)
    listing = {"did": 554, "name": "mnist_784", "version": 1, "status": "active"}
    store(
        "api/v1/json/data/list/data_name/mnist_784/limit/2/data_version/1",
        json.dumps({"data": {"dataset": [listing]}}),
    )
    description = {
        "id": "554", "name": "mnist_784", "version": "1", "description": "",
        "format": "ARFF", "status": "active", "file_id": "52667",
        "url": "https://api.openml.org/data/v1/download/52667/mnist_784.arff",
        "default_target_attribute": "class",
        "md5_checksum": hashlib.md5(arff.encode()).hexdigest(),
    }
    store("api/v1/json/data/554", json.dumps({"data_set_description": description}))
    plain = {"is_ignore": "false", "is_row_identifier": "false",
             "number_of_missing_values": "0"}
    features = [
        {"index": str(index), "name": name, "data_type": "numeric",
         "is_target": "false", **plain}
        for index, name in enumerate(pixel_names)
    ]
    features.append(
        {"index": str(len(pixel_names)), "name": "class", "data_type": "nominal",
         "nominal_values": json.dumps([str(digit) for digit in range(10)]),
         "is_target": "true", **plain}
    )
    store("api/v1/json/data/features/554",
          json.dumps({"data_features": {"feature": features}}))
    qualities = [{"name": "NumberOfInstances", "value": f"{len(labels)}.0"}]
    store("api/v1/json/data/qualities/554",
          json.dumps({"data_qualities": {"quality": qualities}}))


def test_openml_path_reads_scikit_learns_cache(tmp_path, monkeypatch, parts):
    # the real fetch_openml, offline, from a cache: this runs scikit-learn's
    # parser too, which without pandas must be its own ARFF parser
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    monkeypatch.setenv("SCIKIT_LEARN_DATA", str(tmp_path))

    def no_network(*args, **kwargs):
        raise AssertionError("the test tried to download")

    monkeypatch.setattr(sklearn.datasets._openml, "urlopen", no_network)
    expected_images, expected_labels = expected_arrays(parts)
    write_openml_cache(tmp_path, expected_images, expected_labels)
    images, labels = load_mnist()
    assert images.dtype == np.uint8 and labels.dtype == np.int64
    np.testing.assert_array_equal(images, expected_images)
    np.testing.assert_array_equal(labels, expected_labels)


def test_offline_without_cache_says_how_to_get_the_data(monkeypatch):
    monkeypatch.delenv(ENV_VARIABLE, raising=False)

    def offline_fetch_openml(*args, **kwargs):
        raise URLError("name resolution failed")

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", offline_fetch_openml)
    with pytest.raises(OSError) as error:
        load_mnist()
    message = str(error.value)
    assert ENV_VARIABLE in message and "online" in message
    assert all(name in message for name in IDX_FILES)
    assert isinstance(error.value.__cause__, URLError)


# ----------------------------------------------------- scaling and splitting

def test_scale_pixels_maps_bytes_to_unit_interval():
    pixels = np.arange(256, dtype=np.uint8).reshape(16, 16)
    scaled = scale_pixels(pixels)
    assert scaled.dtype == np.float64 and scaled.shape == pixels.shape
    assert scaled.min() == 0.0 and scaled.max() == 1.0
    np.testing.assert_allclose(scaled * 255, pixels)


@pytest.mark.parametrize("bad, error", [([-1, 3], ValueError), ([np.nan], ValueError),
                                        ([True, False], TypeError)])
def test_scale_pixels_rejects_non_pixels(bad, error):
    with pytest.raises(error, match="images"):
        scale_pixels(bad)


@pytest.mark.parametrize("seed", [0, 42, 7])
def test_split_matches_sklearn_train_test_split(seed):
    rng = np.random.RandomState(seed)
    images = rng.randint(0, 256, (40, 5)).astype(np.uint8)
    labels = rng.randint(0, 10, 40)
    got = split_mnist(images, labels, test_size=7, seed=seed)
    expected = train_test_split(
        images.astype(float), labels, test_size=7, random_state=seed
    )
    assert got[0].dtype == np.uint8 and got[1].dtype == np.uint8
    for got_part, expected_part in zip(got, expected):
        np.testing.assert_array_equal(got_part, expected_part)


def test_split_checks_its_arguments():
    images, labels = np.zeros((5, 2), dtype=np.uint8), np.arange(5)
    with pytest.raises(ValueError, match="test_size"):
        split_mnist(images, labels, test_size=5)
    with pytest.raises(ValueError, match="labels"):
        split_mnist(images, labels[:4], test_size=2)
    with pytest.raises(TypeError, match="seed"):
        split_mnist(images, labels, test_size=2, seed=None)


# ------------------------------------------------------------ the real set

@pytest.mark.skipif(
    not os.environ.get(ENV_VARIABLE) and os.environ.get("CI") != "true",
    reason=f"set {ENV_VARIABLE} to a folder holding the MNIST IDX files",
)
def test_real_mnist_files():
    if not os.environ.get(ENV_VARIABLE):
        pytest.fail(f"CI=true but {ENV_VARIABLE} is not set")
    images, labels = load_mnist()
    assert images.shape == (70000, 784) and images.dtype == np.uint8
    assert labels.shape == (70000,) and labels.dtype == np.int64
    assert images.min() == 0 and images.max() == 255
    # the first labels of each half, as documented with the data
    assert labels[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert labels[60000:60010].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    # the book's split, compared on a few pixel columns to keep the floats small
    columns = slice(400, 404)
    expected = train_test_split(
        images[:, columns].astype(float), labels, test_size=10000, random_state=42
    )
    train_images, test_images, train_labels, test_labels = split_mnist(images, labels)
    np.testing.assert_array_equal(train_images[:, columns], expected[0])
    np.testing.assert_array_equal(test_images[:, columns], expected[1])
    np.testing.assert_array_equal(train_labels, expected[2])
    np.testing.assert_array_equal(test_labels, expected[3])

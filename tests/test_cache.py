"""Results remembered on disk come back only for equal inputs and library code."""

import numpy as np
import pytest

from lessons_lib import cache, digits


@pytest.fixture
def counted(tmp_path, monkeypatch):
    """A remembered function that records its real calls, with a cache folder."""
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(tmp_path))
    calls = []

    @cache.remembered_on_disk
    def total(values, scale=1):
        calls.append(1)
        return np.asarray(values).sum() * scale

    return total, calls


def test_equal_arguments_are_computed_once(counted):
    total, calls = counted
    assert total(np.arange(4)) == total(np.arange(4)) == 6
    assert len(calls) == 1


def test_different_arrays_or_settings_are_computed_again(counted):
    total, calls = counted
    total(np.arange(4))
    total(np.arange(5))
    total(np.arange(4), scale=2)
    assert len(calls) == 3


def test_an_edit_to_the_library_is_computed_again(counted, monkeypatch):
    total, calls = counted
    total(np.arange(4))
    monkeypatch.setattr(cache, "library_digest", lambda: "an edited library")
    total(np.arange(4))
    assert len(calls) == 2


def test_without_the_variable_nothing_is_kept(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.CACHE_VARIABLE, raising=False)
    calls = []
    remembered = cache.remembered_on_disk(lambda x: calls.append(x) or x)
    remembered(1), remembered(1)
    assert calls == [1, 1]
    assert list(tmp_path.iterdir()) == []


def test_trained_weights_read_back_equal_a_fresh_training(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1], 20)
    X = rng.normal(size=(40, 3)) + 3 * labels[:, None]
    Y = digits.one_hot(labels, 2)
    settings = dict(n_hidden=5, batch_size=8, n_epochs=3)
    monkeypatch.delenv(cache.CACHE_VARIABLE, raising=False)
    fresh = digits.train_network(X, Y, **settings)
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(tmp_path))
    stored = digits.train_network(X, Y, **settings)
    read_back = digits.train_network(X, Y, **settings)
    for name in fresh:
        np.testing.assert_array_equal(stored[name], fresh[name])
        np.testing.assert_array_equal(read_back[name], fresh[name])

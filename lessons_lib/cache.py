"""Remember the results of long computations on disk, across chapters.

Two chapters of the book train the very same MNIST network (lesson 7 compares its
bit code with lesson 6's one-hot network). When the environment variable
``LESSONS_CACHE_DIR`` names a folder, a function wrapped by
:func:`remembered_on_disk` keeps its results there, keyed by its arguments and by
the library's source code, so the second chapter reads the trained weights back
instead of training again, and any edit to the library starts afresh. Without the
variable the function simply runs.

The book's build sets the variable to a folder inside its own output
(``_build/.lessons_cache``), so a build from an empty output folder computes
everything once, and deleting the output deletes the cache with it.
"""

import functools
import hashlib
import os
from pathlib import Path

import joblib

CACHE_VARIABLE = "LESSONS_CACHE_DIR"
_PACKAGE_DIR = Path(__file__).resolve().parent


def library_digest():
    """Return a digest of the library's source files, to key cached results.

    Examples
    --------
    >>> len(library_digest())
    16
    """
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE_DIR.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def remembered_on_disk(function):
    """Wrap `function` so its results are kept in ``$LESSONS_CACHE_DIR``, if set.

    Parameters
    ----------
    function : callable
        A function whose result depends only on its arguments and the library's
        code (a training run with its seed passed in, say).

    Returns
    -------
    callable
        `function`, remembered: called again with equal arguments (arrays are
        compared by content) and an unchanged library, it returns the stored
        result without running.

    Examples
    --------
    >>> import os, tempfile
    >>> calls = []
    >>> @remembered_on_disk
    ... def square(x):
    ...     calls.append(x)
    ...     return x * x
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     os.environ[CACHE_VARIABLE] = folder
    ...     results = [square(3), square(3), square(4)]
    ...     del os.environ[CACHE_VARIABLE]
    >>> results, calls
    ([9, 9, 16], [3, 4])
    """
    key = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def remembered(*args, **kwargs):
        folder = os.environ.get(CACHE_VARIABLE)
        if not folder:
            return function(*args, **kwargs)
        memory = joblib.Memory(folder, verbose=0)
        call = memory.cache(_call, ignore=["function"])
        return call(function, key, library_digest(), args, kwargs)

    return remembered


def _call(function, key, code_digest, args, kwargs):
    """Run ``function(*args, **kwargs)``; `key` and `code_digest` key the cache."""
    return function(*args, **kwargs)

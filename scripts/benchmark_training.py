"""Time the lesson-5 network's training: lessons_lib against other ways to train it.

Every contender trains the same 784-128-10 network (ReLU hidden layer, softmax
output, cross-entropy, plain mini-batch SGD with batch 64 and learning rate 0.1,
10 epochs) on the same 60,000 MNIST training images and is scored on the same
10,000 test images:

- ``lessons_lib``: :func:`lessons_lib.digits.train_network`, as lesson 5 runs it,
  on one BLAS thread and again with ``blas_threads=2``;
- ``source loop``: the source lesson's loop as written (float64 copy of the data
  set, ``X_train[perm]`` copied every epoch), reimplemented below;
- ``scikit-learn``: ``MLPClassifier`` with the same settings (its own
  initialisation and shuffling);
- ``PyTorch``: ``torch.nn`` with autograd and ``torch.optim.SGD`` on the CPU, in
  float64 (the precision the others use) and in float32 (PyTorch's default),
  when PyTorch is importable.

Each contender runs in its own subprocess, so its peak memory (``ru_maxrss``)
is its own. The clock covers training only, not loading the data or scoring.
The script also measures this machine's float64 matrix-multiply peak on a large
product and reports which share of it the lessons_lib loop's matrix products
reach.

Run it from the repository root with the MNIST files reachable (the variable
``LESSONS_MNIST_DIR``)::

    .venv/bin/python scripts/benchmark_training.py --repeats 3

Timings vary with whatever else runs on the machine. With ``--repeats N`` the
contenders run in N interleaved rounds and each one's fastest run is reported,
which makes the ratios steadier; everything printed comes from one invocation.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
import warnings

import numpy as np

# the network and its training settings (those of lesson 5)
N_INPUTS, N_HIDDEN, N_CLASSES = 784, 128, 10
LEARNING_RATE, BATCH_SIZE, N_EPOCHS, SEED = 0.1, 64, 10, 1

CONTENDERS = ("lessons_lib", "lessons_lib 2 threads", "source loop", "scikit-learn",
              "PyTorch float64", "PyTorch float32")


def load_split():
    """Return the lesson's training and test images (bytes) and labels."""
    from lessons_lib import mnist

    images, labels = mnist.load_mnist()
    return mnist.split_mnist(images, labels)


def train_lessons_lib(train_images, train_labels, test_images, test_labels,
                      blas_threads=1):
    """Train with the library, as lesson 5 does; return (seconds, accuracy)."""
    from lessons_lib import digits

    targets = digits.one_hot(train_labels, N_CLASSES)
    start = time.perf_counter()
    params = digits.train_network(train_images, targets, shuffle="cumulative",
                                  blas_threads=blas_threads)
    seconds = time.perf_counter() - start
    predicted = digits.predict_labels(test_images, params)
    return seconds, digits.accuracy(predicted, test_labels)


def train_source_loop(train_images, train_labels, test_images, test_labels):
    """Train with the source lesson's loop as written; return (seconds, accuracy)."""
    X_train, X_test = train_images / 255.0, test_images / 255.0
    Y_train = np.eye(N_CLASSES)[train_labels]
    start = time.perf_counter()
    rng = np.random.RandomState(SEED)
    W1 = rng.randn(N_INPUTS, N_HIDDEN) * np.sqrt(2.0 / N_INPUTS)
    b1 = np.zeros((1, N_HIDDEN))
    W2 = rng.randn(N_HIDDEN, N_CLASSES) * np.sqrt(2.0 / N_HIDDEN)
    b2 = np.zeros((1, N_CLASSES))
    n_train = len(X_train)
    for _ in range(N_EPOCHS):
        permutation = rng.permutation(n_train)
        X_train, Y_train = X_train[permutation], Y_train[permutation]
        for i in range(0, n_train, BATCH_SIZE):
            X_batch = X_train[i : i + BATCH_SIZE]
            Y_batch = Y_train[i : i + BATCH_SIZE]
            Z1 = X_batch.dot(W1) + b1
            A1 = np.maximum(0, Z1)
            Z2 = A1.dot(W2) + b2
            exp_Z2 = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
            A2 = exp_Z2 / exp_Z2.sum(axis=1, keepdims=True)
            m = X_batch.shape[0]
            dZ2 = (A2 - Y_batch) / m
            dW2 = A1.T.dot(dZ2)
            db2 = dZ2.sum(axis=0, keepdims=True)
            dA1 = dZ2.dot(W2.T)
            dZ1 = dA1 * (Z1 > 0).astype(float)
            dW1 = X_batch.T.dot(dZ1)
            db1 = dZ1.sum(axis=0, keepdims=True)
            W2 -= LEARNING_RATE * dW2
            b2 -= LEARNING_RATE * db2
            W1 -= LEARNING_RATE * dW1
            b1 -= LEARNING_RATE * db1
    seconds = time.perf_counter() - start
    scores = np.maximum(0, X_test.dot(W1) + b1).dot(W2) + b2
    return seconds, float(np.mean(scores.argmax(axis=1) == test_labels))


def train_scikit_learn(train_images, train_labels, test_images, test_labels):
    """Train scikit-learn's MLPClassifier; return (seconds, accuracy)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=(N_HIDDEN,), activation="relu", solver="sgd",
        learning_rate="constant", learning_rate_init=LEARNING_RATE,
        batch_size=BATCH_SIZE, max_iter=N_EPOCHS, momentum=0.0, alpha=0.0,
        shuffle=True, random_state=SEED,
    )
    X_train, X_test = train_images / 255.0, test_images / 255.0
    start = time.perf_counter()
    with warnings.catch_warnings():
        # ten epochs are the lesson's budget, not convergence
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X_train, train_labels)
    seconds = time.perf_counter() - start
    return seconds, float(model.score(X_test, test_labels))


def train_pytorch(train_images, train_labels, test_images, test_labels, dtype):
    """Train the network with torch.nn on the CPU; return (seconds, accuracy)."""
    import torch

    dtype = getattr(torch, dtype)
    torch.manual_seed(SEED)
    model = torch.nn.Sequential(
        torch.nn.Linear(N_INPUTS, N_HIDDEN), torch.nn.ReLU(),
        torch.nn.Linear(N_HIDDEN, N_CLASSES),
    ).to(dtype)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    loss_function = torch.nn.CrossEntropyLoss()
    pixels = torch.from_numpy(train_images)
    labels = torch.from_numpy(train_labels)
    generator = torch.Generator().manual_seed(SEED)
    start = time.perf_counter()
    for _ in range(N_EPOCHS):
        order = torch.randperm(len(pixels), generator=generator)
        for i in range(0, len(pixels), BATCH_SIZE):
            rows = order[i : i + BATCH_SIZE]
            X_batch = pixels[rows].to(dtype) / 255.0
            optimizer.zero_grad()
            loss = loss_function(model(X_batch), labels[rows])
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        scores = model(torch.from_numpy(test_images).to(dtype) / 255.0)
    predicted = scores.argmax(dim=1).numpy()
    return seconds, float(np.mean(predicted == test_labels))


def measure_matmul_peak(size=2000, repeats=5):
    """Return the best float64 GFLOP/s of a size x size matrix product."""
    rng = np.random.default_rng(0)
    A, B = rng.random((size, size)), rng.random((size, size))
    out = np.empty((size, size))
    np.matmul(A, B, out=out)
    best = min(_timed(lambda: np.matmul(A, B, out=out)) for _ in range(repeats))
    return 2 * size**3 / best / 1e9


def training_flops(n_train):
    """Floating-point operations of the training's matrix products.

    Per sample: the forward products X W1 and A1 W2, and the backward products
    A1^T dZ2, dZ2 W2^T and X^T dZ1, each 2 operations per multiply-add.
    """
    per_sample = 2 * (2 * N_INPUTS * N_HIDDEN + 3 * N_HIDDEN * N_CLASSES)
    return per_sample * n_train * N_EPOCHS


def _timed(function):
    """Run `function` once; return the seconds it took."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def run_one(name):
    """Run one contender in this process and print its result as JSON."""
    result = {}
    if name == "matmul peak":
        result["gflops"] = measure_matmul_peak()
    else:
        train_images, test_images, train_labels, test_labels = load_split()
        data = (train_images, train_labels, test_images, test_labels)
        if name == "lessons_lib":
            seconds, accuracy = train_lessons_lib(*data)
        elif name == "lessons_lib 2 threads":
            seconds, accuracy = train_lessons_lib(*data, blas_threads=2)
        elif name == "source loop":
            seconds, accuracy = train_source_loop(*data)
        elif name == "scikit-learn":
            seconds, accuracy = train_scikit_learn(*data)
        else:
            seconds, accuracy = train_pytorch(*data, dtype=name.split()[-1])
        result.update(seconds=seconds, accuracy=accuracy, n_train=len(train_images))
    # ru_maxrss is in kilobytes on Linux
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def run_in_subprocess(name):
    """Run one contender in a fresh Python; return its result, or None."""
    command = [sys.executable, __file__, "--run", name]
    # every run trains: no weights read back from the book's training cache
    environment = {k: v for k, v in os.environ.items() if k != "LESSONS_CACHE_DIR"}
    finished = subprocess.run(command, capture_output=True, text=True, env=environment)
    if finished.returncode != 0:
        print(f"{name}: failed\n{finished.stderr.strip()}", file=sys.stderr)
        return None
    return json.loads(finished.stdout.strip().splitlines()[-1])


def torch_available():
    """Whether PyTorch can be imported here."""
    from importlib.util import find_spec

    return find_spec("torch") is not None


def main(repeats=1):
    """Run every contender `repeats` times and print the comparison table."""
    names = [name for name in CONTENDERS
             if torch_available() or not name.startswith("PyTorch")]
    if not torch_available():
        print("PyTorch is not importable here: skipping it "
              "(pip install torch to include it).")
    # interleaved rounds, each contender's fastest run kept: the least disturbed
    results = {}
    for _ in range(repeats):
        for name in names:
            result = run_in_subprocess(name)
            best = results.get(name)
            if result is None:
                continue
            if best is None or result["seconds"] < best["seconds"]:
                results[name] = result
    peak = run_in_subprocess("matmul peak")
    if "lessons_lib" not in results:
        sys.exit("lessons_lib's run failed: nothing to compare with")
    reference = results["lessons_lib"]
    print(f"Training the 784-{N_HIDDEN}-{N_CLASSES} network, {N_EPOCHS} epochs, "
          f"batch {BATCH_SIZE}, lr {LEARNING_RATE} (best of {repeats} run(s) each):")
    print(f"{'contender':<22}{'seconds':>9}{'x lessons_lib':>15}"
          f"{'test accuracy':>15}{'peak MB':>9}")
    for name, result in results.items():
        if result is None:
            continue
        ratio = result["seconds"] / reference["seconds"]
        print(f"{name:<22}{result['seconds']:9.2f}{ratio:15.2f}"
              f"{100 * result['accuracy']:14.2f}%{result['peak_mb']:9.0f}")
    if peak is not None:
        achieved = training_flops(reference["n_train"]) / reference["seconds"] / 1e9
        print(f"lessons_lib matrix products: {achieved:.1f} GFLOP/s, "
              f"{100 * achieved / peak['gflops']:.0f}% of this machine's float64 "
              f"matmul peak ({peak['gflops']:.1f} GFLOP/s on 2000 x 2000)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1,
                        help="rounds of runs; each contender's fastest is reported")
    parser.add_argument("--run", choices=CONTENDERS + ("matmul peak",),
                        help="run one contender in this process (used internally)")
    arguments = parser.parse_args()
    if arguments.run:
        run_one(arguments.run)
    else:
        main(max(1, arguments.repeats))

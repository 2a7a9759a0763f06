"""Measure what readers and instructors feel: build time, page weight, memory.

Run it from the repository root with the project's virtual environment:

    .venv/bin/python scripts/benchmark.py [--skip-training]

It prints, from one run on this machine:

- the time of a cold build of the whole book (empty output folder) and of a warm
  rebuild with nothing changed;
- each built page's weight (HTML plus its images);
- each chapter's peak memory, executing it in a fresh kernel;
- then the MNIST training comparison of ``scripts/benchmark_training.py``.

Nothing here asserts: the numbers are for reading, and for comparing as ratios
within one run, since the machine's speed varies from run to run.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from page_weights import page_weights, shared_weight  # noqa: E402

KERNEL_PEAK = """
import resource, sys
from nbclient import execute
from myst_nb.core.read import read_myst_markdown_notebook

path = sys.argv[1]
with open(path, encoding="utf-8") as handle:
    notebook = read_myst_markdown_notebook(handle.read(), path=path)
execute(notebook, cwd=sys.argv[2], timeout=600)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed_build(output):
    """Build the book into `output`; return the seconds it took."""
    command = [str(BIN / "jupyter-book"), "build", str(ROOT), "--path-output",
               str(output), "-W", "--keep-going", "-q"]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def kernel_peak_megabytes(chapter):
    """Execute a chapter in a fresh kernel; return the kernel's peak memory in MB."""
    result = subprocess.run(
        [sys.executable, "-c", KERNEL_PEAK, str(chapter), str(chapter.parent)],
        check=True, capture_output=True, text=True,
    )
    return int(result.stdout.split()[-1]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-training", action="store_true",
                        help="leave out the MNIST training comparison")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as output:
        cold = timed_build(output)
        warm = timed_build(output)
        html = Path(output) / "_build" / "html"
        pages = sorted(str(p.relative_to(html)) for p in html.glob("book/*.html"))
        weights = page_weights(html, pages)
        shared = shared_weight(html)

    print(f"cold build of the whole book: {cold:6.1f} s")
    print(f"warm rebuild, nothing changed: {warm:6.1f} s ({cold / warm:.1f}x faster)")
    print("\npage weights (HTML and its images):")
    for page, size in sorted(weights.items(), key=lambda item: -item[1]):
        print(f"  {page:40s} {size / 1e3:8,.0f} kB")
    lessons = sum(size for page, size in weights.items() if "/0" in page)
    print(f"  {'all lesson pages':40s} {lessons / 1e3:8,.0f} kB")
    print(f"  {'theme folder _static, loaded once':40s} {shared / 1e3:8,.0f} kB")

    print("\npeak memory of each chapter's kernel:")
    for chapter in sorted((ROOT / "book").glob("0*.md")):
        print(f"  {chapter.name:40s} {kernel_peak_megabytes(chapter):8,.0f} MB")

    training = ROOT / "scripts" / "benchmark_training.py"
    if not args.skip_training and training.is_file():
        print("\nMNIST training, one run:", flush=True)
        subprocess.run([sys.executable, str(training)], check=True)


if __name__ == "__main__":
    main()

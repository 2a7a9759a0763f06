"""Tests of lessons_lib.animation: frame count, what is embedded, and its size."""

import base64
import io
import re

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from lessons_lib import animation, datasets


FRAME = re.compile(r'frames\[(\d+)\] = "data:image/png;base64,((?:[^"\\]|\\\n)*)"')
BACKDROP = re.compile(r'url\("data:image/png;base64,([^"]+)"\)')


def frames_of(html):
    """The embedded frames as RGBA arrays, in order."""
    found = FRAME.findall(html)
    assert [int(index) for index, _ in found] == list(range(len(found)))
    return [decode(data.replace("\\\n", "")) for _, data in found]


def decode(data):
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGBA"))


def circle_scene(n_frames):
    """A donut figure whose boundary circle grows, like lesson 3's player."""
    X, y = datasets.donut_points(400, np.random.RandomState(0))
    xs = np.linspace(-3, 3, 61)
    grid_x, grid_y = np.meshgrid(xs, xs)
    radii = np.linspace(1.0, 1.8, n_frames)
    grids = [1 / (1 + np.exp(-(np.hypot(grid_x, grid_y) - r) * 5)) for r in radii]
    return X, y, xs, np.array(grids), np.linspace(0.5, 1.0, n_frames)


@pytest.fixture(scope="module")
def contour_player():
    X, y, xs, grids, accuracies = circle_scene(6)
    iterations = np.array([0, 1, 2, 10, 20, 50])
    return animation.animate_contour_boundary(X, y, xs, xs, grids, accuracies,
                                              iterations=iterations)


def test_the_player_holds_exactly_the_requested_frames(contour_player):
    assert len(frames_of(contour_player.html)) == 6
    assert "new Array(6)" in contour_player.html
    assert contour_player.n_frames == 6


def test_line_player_holds_one_frame_per_row_of_thetas():
    X, y = datasets.half_plane_points(50, np.random.RandomState(0))
    thetas = np.array([[0.1, -1.0, 1.0], [0.0, -1.0, 2.0], [1.0, 3.0, 0.0]])
    player = animation.animate_line_boundary(X, y, thetas, [0.5, 0.7, 0.9])
    assert len(frames_of(player.html)) == 3


def test_no_external_address(contour_player):
    # embedded images are data: addresses; base64 text may contain "//".
    # matplotlib's template links its icon font from a CDN: the player drops it
    # and uses the theme's own Font Awesome.
    html = re.sub(r"data:image/png;base64,[^\"]*", "data:", contour_player.html)
    assert re.findall(r"[a-z]+://[^\s\"'()<>]+", html) == []
    assert not re.search(r"""(?:src|href)=["'](?!data:|#)""", html)
    assert not re.search(r"""["'(]//""", html)
    # nor a link to an anchor the page lacks (the template's form had "#n")
    assert not re.search(r"""(?:href|action)=["']#""", html)


def test_backdrop_plus_frame_is_the_figure_as_drawn():
    X, y, xs, grids, accuracies = circle_scene(3)
    player = animation.animate_contour_boundary(X, y, xs, xs, grids, accuracies)
    backdrop = decode(BACKDROP.search(player.html).group(1))
    last = frames_of(player.html)[-1]
    # draw the last frame directly, as plain matplotlib would
    fig, ax, _, caption = animation._scene(X, y, (xs[0], xs[-1]))
    ax.contour(xs, xs, grids[-1], levels=[0.5], colors="black", linewidths=2)
    caption.set_text(animation.frame_caption(2, 2, accuracies[-1]))
    saved = io.BytesIO()
    fig.savefig(saved, format="png", dpi=fig.dpi)
    direct = np.asarray(Image.open(saved).convert("RGB")).astype(int)
    plt.close(fig)
    alpha = last[..., 3:] > 0
    composite = np.where(alpha, last[..., :3], backdrop[..., :3]).astype(int)
    difference = np.abs(composite - direct)
    # the palette merges anti-aliasing shades only: small errors on few pixels
    assert difference.mean() < 1.0
    assert np.mean(difference.max(axis=-1) > 48) < 0.002
    # and the frame itself holds only what changed: caption and boundary
    assert 0 < alpha.mean() < 0.1


def test_frames_are_a_few_kilobytes(contour_player):
    # A page may carry at most 1 MB; with about 100 to 150 frames per player a
    # frame must stay near 6 kB of base64 text (4.5 kB of PNG). A full frame of
    # this figure is about 30 kB, so this fails if the backdrop split breaks.
    sizes = [len(data) for _, data in FRAME.findall(contour_player.html)]
    assert max(sizes) < 6000
    backdrop = BACKDROP.search(contour_player.html).group(1)
    assert len(backdrop) < 20000


def test_the_figure_is_closed_and_settings_restored():
    before = mpl.rcParams["animation.embed_limit"]
    fig, ax = plt.subplots(figsize=(1, 1), dpi=40)
    (dot,) = ax.plot([], [], "o")
    animation.to_jshtml(fig, lambda i: dot.set_data([i], [i]), n_frames=2)
    assert not plt.fignum_exists(fig.number)
    assert mpl.rcParams["animation.embed_limit"] == before


def test_frames_over_the_limit_raise_instead_of_being_dropped(monkeypatch):
    monkeypatch.setattr(animation, "EMBED_LIMIT_MB", 1e-4)  # about 100 bytes
    fig, ax = plt.subplots(figsize=(2, 2), dpi=40)
    (line,) = ax.plot([], [])
    with pytest.raises(RuntimeError, match="exceed"):
        animation.to_jshtml(fig, lambda i: line.set_data([0, i], [0, 1]), n_frames=3)
    assert not plt.fignum_exists(fig.number)


def test_iterations_must_match_the_frames():
    X, y = datasets.half_plane_points(10, np.random.RandomState(0))
    with pytest.raises(ValueError, match="^iterations"):
        animation.animate_line_boundary(X, y, np.ones((3, 3)), np.ones(3),
                                        iterations=[0, 1])
    with pytest.raises(ValueError, match="^thetas"):
        animation.animate_line_boundary(X, y, np.ones((3, 2)), np.ones(3))


def test_player_is_displayed_as_html(contour_player):
    assert contour_player._repr_html_() is contour_player.html
    assert "6 frames" in repr(contour_player)

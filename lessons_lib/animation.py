"""Light JavaScript animations of a boundary being learned.

The chapters show training frame by frame with matplotlib's jshtml player: an
HTML page fragment that holds every frame as an embedded PNG image and a few
buttons to play, pause and step. Left to its defaults such a player weighs
several megabytes, because each frame is a full-colour PNG. Here each frame is
split in two (:class:`BackdropHTMLWriter`): what never changes (the axes, the data,
the legend) is embedded once as the player's backdrop, and each frame keeps only
the pixels that differ from it (the boundary and the caption), in a palette of
a few colours. Such a frame weighs about 3 kB instead of 30 kB.

The figures follow the matplotlib gallery's way of animating: the artists are
made once and each frame only updates them (the boundary line, the contour and
the caption), and the figure is closed afterwards so that no stray static copy
of it appears under the player.

:func:`animate_line_boundary` and :func:`animate_contour_boundary` are what the
chapters call; :func:`to_jshtml` does the rendering for any figure and update
function.
"""

import base64
import io
import re
import tempfile
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation, HTMLWriter
from PIL import Image

from .checks import as_float_array, check_positive
from .offline import strip_external_stylesheets
from .plotting import BOUNDARY_COLOR, line_in_box, new_axes, scatter_classes

#: Megabytes of embedded frames allowed before rendering stops with an error.
EMBED_LIMIT_MB = 20

#: Figure size (inches) and resolution of the animations: 380 x 420 pixels, which
#: fits a phone's 375-pixel-wide screen after its margins at nearly full scale.
FIGSIZE = (3.8, 4.2)
DPI = 100


class AnimationHTML:
    """A rendered jshtml player that notebooks display as HTML.

    Attributes
    ----------
    html : str
        The player: buttons, script and the embedded frames.
    n_frames : int
        How many frames it holds.
    """

    def __init__(self, html, n_frames):
        self.html = html
        self.n_frames = n_frames

    def _repr_html_(self):
        return self.html

    def __repr__(self):
        return (
            f"<AnimationHTML: {self.n_frames} frames, "
            f"{len(self.html.encode()):,} bytes>"
        )


class BackdropHTMLWriter(HTMLWriter):
    """matplotlib's HTML writer, embedding only what changes from frame to frame.

    The player shows a fixed *backdrop* image (the axes, the data, the legend)
    behind its frames, and each embedded frame keeps only the pixels that differ
    from the backdrop; all others are transparent. Laid over the backdrop, a
    frame shows exactly the figure as it was drawn, up to the palette: frames
    and backdrop are reduced to at most `n_colors` colours each (see
    :func:`encode_png`). Unlike the base class, running over the embedding limit
    raises an error instead of silently dropping the remaining frames.

    Parameters
    ----------
    fps : float
        Frames per second of the player.
    backdrop : ndarray of shape (height, width, 3), uint8
        The unchanging picture, rendered at the frames' size and resolution.
    n_colors : int, default 16
        The largest palette of the backdrop and of each frame.
    default_mode : {"once", "loop", "reflect"}, default "once"
        What the player does at the last frame.
    unchanged : ndarray like `backdrop`, optional
        What the canvas shows where a frame has nothing new; the backdrop itself
        by default, or the bare figure when the still artists are hidden while
        the frames are drawn.
    """

    def __init__(self, fps, backdrop, n_colors=16, default_mode="once",
                 unchanged=None):
        super().__init__(fps=fps, embed_frames=True, default_mode=default_mode)
        self.backdrop = backdrop
        self.unchanged = backdrop if unchanged is None else unchanged
        self.n_colors = check_positive("n_colors", n_colors, integer=True)

    def grab_frame(self, **savefig_kwargs):
        """Keep what differs from the backdrop in the frame just drawn, embed it."""
        # FuncAnimation has drawn the frame on the canvas already: read it there
        # rather than drawing it a second time through savefig.
        pixels = canvas_rgb(self.fig)
        if pixels.shape != self.backdrop.shape:
            raise ValueError(
                f"frame {len(self._saved_frames)} is {pixels.shape[:2]} pixels but "
                f"the backdrop is {self.backdrop.shape[:2]}; keep the figure's size"
            )
        changed = np.any(pixels != self.unchanged, axis=-1)
        frame = base64.b64encode(encode_png(pixels, self.n_colors, changed))
        self._total_bytes += len(frame)
        if self._total_bytes >= self._bytes_limit:
            raise RuntimeError(
                f"the animation's frames exceed {self._bytes_limit:,} bytes "
                f"at frame {len(self._saved_frames)}; use fewer or smaller frames"
            )
        self._saved_frames.append(frame.decode("ascii"))

    def finish(self):
        """Write the player, then give its image the backdrop and a fluid width."""
        super().finish()
        html = Path(self.outfile).read_text(encoding="utf-8")
        player_id = re.search(r'<img id="_anim_img(\w+)">', html).group(1)
        backdrop = base64.b64encode(encode_png(self.backdrop, self.n_colors))
        style = _PLAYER_STYLE.format(id=player_id, backdrop=backdrop.decode("ascii"))
        # the template's form of radio buttons points at an anchor no page has;
        # it is never submitted, so it needs no action at all
        html = html.replace(' action="#n"', "")
        Path(self.outfile).write_text(style + html, encoding="utf-8")


#: The player's extra style: the backdrop behind the frames, scaled with them,
#: and an image and slider that shrink to fit a narrow screen.
_PLAYER_STYLE = """<style>
#_anim_img{id} {{
    max-width: 100%;
    height: auto;
    background: white url("data:image/png;base64,{backdrop}") 0 0 / 100% 100%
        no-repeat;
}}
.animation {{
    max-width: 100%;
}}
.animation input[type=range].anim-slider {{
    max-width: 100%;
}}
.animation .anim-buttons {{
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 2px;
}}
</style>
"""


def _quantize(pixels, n_colors):
    """Reduce an RGB array to a palette image of at most `n_colors` colours."""
    image = Image.fromarray(np.ascontiguousarray(pixels), "RGB")
    return image.quantize(
        colors=n_colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )


def render_rgb(fig):
    """Draw the figure and return its pixels: an (height, width, 3) uint8 array.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1), dpi=50)
    >>> render_rgb(fig).shape
    (50, 100, 3)
    >>> plt.close(fig)
    """
    fig.canvas.draw()
    return canvas_rgb(fig)


def canvas_rgb(fig):
    """Return the pixels of the figure as last drawn on its canvas, as RGB."""
    return np.array(fig.canvas.buffer_rgba())[..., :3]


def encode_png(pixels, n_colors=16, keep=None):
    """Encode an RGB image as a palette PNG, optionally transparent outside `keep`.

    The colours are reduced to at most `n_colors` by median cut, without
    dithering, which suits plots drawn in a few flat colours: only the shades
    of anti-aliased edges are merged.

    Parameters
    ----------
    pixels : ndarray of shape (height, width, 3), uint8
        The image.
    n_colors : int, default 16
        The largest palette allowed, 2 to 256 (one entry is spent on
        transparency when `keep` is given).
    keep : ndarray of bool, shape (height, width), optional
        The pixels to keep; all others become fully transparent.

    Returns
    -------
    bytes
        The PNG file's contents.

    Examples
    --------
    >>> import io
    >>> import numpy as np
    >>> from PIL import Image
    >>> pixels = np.full((30, 40, 3), 255, dtype=np.uint8)
    >>> keep = np.zeros((30, 40), dtype=bool)
    >>> keep[10:20, 5:15] = True
    >>> image = Image.open(io.BytesIO(encode_png(pixels, 8, keep)))
    >>> image.mode, image.size, image.convert("RGBA").getpixel((0, 0))
    ('P', (40, 30), (0, 0, 0, 0))
    """
    check_positive("n_colors", n_colors, integer=True)
    if not 2 <= n_colors <= 256:
        raise ValueError(f"n_colors must be between 2 and 256, got {n_colors}")
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    options = {"optimize": True}
    if keep is None:
        palette_image = _quantize(pixels, n_colors)
    else:
        # quantize only the box around the kept pixels, with one palette entry
        # left over for the transparent rest
        rows, columns = np.nonzero(keep)
        if rows.size == 0:
            rows, columns = np.array([0]), np.array([0])
        box = np.s_[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
        boxed = _quantize(pixels[box], n_colors - 1)
        transparent = len(boxed.getpalette()) // 3
        indices = np.full(keep.shape, transparent, dtype=np.uint8)
        indices[box] = np.where(keep[box], np.asarray(boxed), transparent)
        palette_image = Image.fromarray(indices, "P")
        palette_image.putpalette(boxed.getpalette() + [0, 0, 0])
        options["transparency"] = transparent
    buffer = io.BytesIO()
    palette_image.save(buffer, format="png", **options)
    return buffer.getvalue()


def to_jshtml(fig, update, n_frames, interval=150, n_colors=16, moving=None):
    """Render ``update(0) ... update(n_frames - 1)`` on `fig` as a jshtml player.

    The figure as it is when passed in, before any update, is the player's
    backdrop: draw everything that does not change (data, axes, legend) before
    calling, and leave what changes (a boundary, a caption) empty.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure whose artists `update` changes; it is closed afterwards.
    update : callable
        ``update(frame_index)`` changes the figure to show that frame.
    n_frames : int
        How many frames to render.
    interval : float, default 150
        Milliseconds between frames when playing.
    n_colors : int, default 16
        The palette size of each frame and of the backdrop (see :func:`encode_png`).
    moving : sequence of matplotlib artists, optional
        The artists `update` changes. When given, every other artist is drawn
        once, into the backdrop, and hidden while the frames are drawn, which
        makes them several times faster to render; artists that `update`
        creates are drawn in the frames.

    Returns
    -------
    AnimationHTML

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(1, 1), dpi=50)
    >>> dot, = ax.plot([], [], "o")
    >>> player = to_jshtml(fig, lambda i: dot.set_data([i], [i]), n_frames=3)
    >>> player.n_frames, player.html.count('] = "data:image/png;base64,')
    (3, 3)
    """
    check_positive("n_frames", n_frames, integer=True)
    check_positive("interval", interval)
    try:
        backdrop = unchanged = render_rgb(fig)
        if moving is not None:
            _hide_all_but(fig, moving)
            unchanged = render_rgb(fig)
        movie = FuncAnimation(
            fig, update, frames=n_frames, interval=interval, blit=False, repeat=False
        )
        with tempfile.TemporaryDirectory() as folder, mpl.rc_context(
            {"animation.embed_limit": EMBED_LIMIT_MB}
        ):
            writer = BackdropHTMLWriter(
                1000 / interval, backdrop, n_colors=n_colors, unchanged=unchanged
            )
            path = Path(folder, "animation.html")
            movie.save(path, writer=writer, dpi=fig.dpi)
            html = strip_external_stylesheets(path.read_text(encoding="utf-8"))
    finally:
        plt.close(fig)
    return AnimationHTML(html, n_frames)


def _hide_all_but(fig, moving):
    """Hide every artist of the figure but `moving` and the white backgrounds."""
    still = [*fig.legends, *fig.texts, *fig.images, *fig.lines, *fig.patches]
    for ax in fig.axes:
        still += [child for child in ax.get_children() if child is not ax.patch]
    for artist in still:
        if not any(artist is kept for kept in moving):
            artist.set_visible(False)


def frame_caption(iteration, n_iterations, accuracy):
    """Return the label drawn on a frame: its iteration and training accuracy.

    Examples
    --------
    >>> frame_caption(7, 100, 0.935)
    'iteration 7/100   accuracy 93.5%'
    """
    return f"iteration {iteration}/{n_iterations}   accuracy {accuracy:.1%}"


def _scene(X, y, limits):
    """Make the animation's figure: the data, a caption and a legend row."""
    fig, ax = new_axes(limits=limits, figsize=FIGSIZE, dpi=DPI)
    fig.subplots_adjust(left=0.13, right=0.97, bottom=0.1, top=0.84)
    scatter_classes(ax, X, y, size=9)
    (boundary,) = ax.plot([], [], color=BOUNDARY_COLOR, lw=2, label="boundary")
    caption = fig.text(0.55, 0.965, "", ha="center", va="top", fontsize=10)
    fig.legend(loc="upper center", bbox_to_anchor=(0.55, 0.925), ncols=3,
               frameon=False, handlelength=1.2, columnspacing=1.0, markerscale=1.5)
    return fig, ax, boundary, caption


def _frame_iterations(n_frames, iterations):
    """Return the iteration numbers of the frames (0, 1, 2, ... by default)."""
    if iterations is None:
        return np.arange(n_frames)
    iterations = np.asarray(iterations)
    if iterations.shape != (n_frames,):
        raise ValueError(
            f"iterations must hold one number per frame ({n_frames}), "
            f"got shape {iterations.shape}"
        )
    return iterations


def animate_line_boundary(X, y, thetas, accuracies, iterations=None, limits=(-5, 5),
                          n_iterations=None):
    """Animate a straight decision boundary ``theta . [1, x, y] = 0`` as it learns.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The training points.
    y : array_like of shape (n_samples,)
        Their labels, 0 or 1.
    thetas : array_like of shape (n_frames, 3)
        The parameters to show, one row per frame.
    accuracies : array_like of shape (n_frames,)
        The training accuracy of each row of `thetas`, for the caption.
    iterations : array_like of int, shape (n_frames,), optional
        The iteration each frame shows, for the caption; ``0, 1, 2, ...`` by
        default.
    limits : tuple of float, default (-5, 5)
        The plot's square.
    n_iterations : int, optional
        The iteration count after the slash in the caption; the last of
        `iterations` by default.

    Returns
    -------
    AnimationHTML
    """
    thetas = as_float_array("thetas", thetas, ndim=2, n_columns=3)
    accuracies = as_float_array("accuracies", accuracies, ndim=1)
    if len(accuracies) != len(thetas):
        raise ValueError("accuracies must hold one number per row of thetas")
    iterations = _frame_iterations(len(thetas), iterations)
    n_iterations = iterations[-1] if n_iterations is None else n_iterations
    fig, ax, boundary, caption = _scene(X, y, limits)

    def update(frame):
        boundary.set_data(*line_in_box(thetas[frame], limits))
        caption.set_text(
            frame_caption(iterations[frame], n_iterations, accuracies[frame])
        )

    return to_jshtml(fig, update, len(thetas), moving=(boundary, caption))


def animate_contour_boundary(X, y, xs, ys, proba_grids, accuracies, iterations=None,
                             n_iterations=None):
    """Animate the curve where a model's probability of class 1 crosses 1/2.

    Parameters
    ----------
    X : array_like of shape (n_samples, 2)
        The training points.
    y : array_like of shape (n_samples,)
        Their labels, 0 or 1.
    xs, ys : array_like of shape (n_x,) and (n_y,)
        The grid on which the probabilities were computed; its extent is the
        plot's.
    proba_grids : array_like of shape (n_frames, n_y, n_x)
        The probability of class 1 on the grid, one grid per frame (row ``i``,
        column ``j`` at ``(xs[j], ys[i])``).
    accuracies : array_like of shape (n_frames,)
        The training accuracy at each frame, for the caption.
    iterations : array_like of int, shape (n_frames,), optional
        The iteration each frame shows; ``0, 1, 2, ...`` by default.
    n_iterations : int, optional
        The iteration count after the slash in the caption; the last of
        `iterations` by default.

    Returns
    -------
    AnimationHTML
    """
    xs = as_float_array("xs", xs, ndim=1)
    ys = as_float_array("ys", ys, ndim=1)
    proba_grids = as_float_array("proba_grids", proba_grids, ndim=3)
    if proba_grids.shape[1:] != (len(ys), len(xs)):
        raise ValueError(
            f"proba_grids must have shape (n_frames, {len(ys)}, {len(xs)}), "
            f"got {proba_grids.shape}"
        )
    accuracies = as_float_array("accuracies", accuracies, ndim=1)
    if len(accuracies) != len(proba_grids):
        raise ValueError("accuracies must hold one number per grid of proba_grids")
    iterations = _frame_iterations(len(proba_grids), iterations)
    n_iterations = iterations[-1] if n_iterations is None else n_iterations
    fig, ax, _, caption = _scene(X, y, (xs[0], xs[-1]))
    contour = None

    def update(frame):
        nonlocal contour
        if contour is not None:
            contour.remove()
            contour = None
        proba = proba_grids[frame]
        # a model that is on one side of 1/2 everywhere has no boundary to draw
        if proba.min() < 0.5 < proba.max():
            contour = ax.contour(xs, ys, proba, levels=[0.5],
                                 colors=BOUNDARY_COLOR, linewidths=2)
        caption.set_text(
            frame_caption(iterations[frame], n_iterations, accuracies[frame])
        )

    # the contours `update` draws are new artists, shown in the frames
    return to_jshtml(fig, update, len(proba_grids), moving=(caption,))

"""Tests for lessons_lib.offline: pages link no stylesheet from another host."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.animation as animation  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lessons_lib.offline import (  # noqa: E402
    is_external_url,
    strip_external_stylesheets,
)


@pytest.fixture
def player_html():
    """A two-frame matplotlib jshtml player, as the animated chapters make."""
    fig, ax = plt.subplots()
    (line,) = ax.plot([0, 1], [0, 1])
    player = animation.FuncAnimation(fig, lambda frame: (line,), frames=2)
    html = player.to_jshtml()
    plt.close(fig)
    return html


def test_the_player_loses_its_cdn_stylesheet_and_keeps_everything_else(player_html):
    assert player_html.count("<link") == 1, "matplotlib's player changed: check"
    start = player_html.index("<link")
    end = player_html.index(">", start) + 1
    assert is_external_url(player_html[start:end].split("href=")[1].strip("\"'>"))
    # The tag goes, and nothing else: the icons and the controls stay.
    stripped = strip_external_stylesheets(player_html)
    assert stripped == player_html[:start] + player_html[end:]


@pytest.mark.parametrize(
    "tag",
    [
        "<LINK REL='stylesheet' HREF='//cdn.example.org/a.css'>",
        '<link href="http://cdn.example.org/a.css" rel="alternate stylesheet">',
        "<link rel=stylesheet href=https://cdn.example.org/a.css />",
    ],
)
def test_any_spelling_of_an_external_stylesheet_is_removed(tag):
    assert strip_external_stylesheets(f"a{tag}b") == "ab"


@pytest.mark.parametrize(
    "tag",
    [
        '<link rel="stylesheet" href="../_static/a.css">',
        '<link rel="icon" href="https://example.org/favicon.ico">',
        '<link rel="stylesheet" href="data:text/css,a{}">',
    ],
)
def test_local_stylesheets_and_other_links_stay(tag):
    assert strip_external_stylesheets(tag) == tag


def test_non_strings_are_refused():
    with pytest.raises(TypeError, match="html"):
        strip_external_stylesheets(b"<link>")
    with pytest.raises(TypeError, match="url"):
        is_external_url(None)

"""The book's figure style must not hide a chapter's later figures."""

import matplotlib as mpl

from lessons_lib import plotting


def test_interactive_mode_switched_on_inside_the_style_stays_on():
    # In a kernel, the first figure made inside the style switches on Jupyter's
    # inline backend and with it interactive mode; leaving the style must keep
    # it on, or the inline backend stops showing the chapter's later figures.
    was_interactive = mpl.is_interactive()
    try:
        mpl.interactive(False)
        with plotting.style_context():
            mpl.interactive(True)
        assert mpl.is_interactive()
    finally:
        mpl.interactive(was_interactive)


def test_the_style_is_undone_on_leaving():
    before = mpl.rcParams["font.size"]
    with plotting.style_context():
        assert mpl.rcParams["font.size"] == plotting.STYLE["font.size"]
    assert mpl.rcParams["font.size"] == before

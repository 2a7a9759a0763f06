"""Printed text reaches the page exactly as printed, however the kernel cut it."""

import sys

import nbformat
from myst_nb.core import render

from conftest import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import exact_streams  # noqa: E402


def stream(text, name="stdout"):
    return nbformat.v4.new_output("stream", name=name, text=text)


def test_chunks_cut_anywhere_join_into_the_printed_text():
    printed = "size of the gradient: 0.0023\naverage size: 0.5172\n"
    for cut in range(1, len(printed)):
        chunks = [stream(printed[:cut]), stream(printed[cut:])]
        (joined,) = exact_streams.join_stream_chunks(chunks)
        assert joined["text"] == printed


def test_other_outputs_and_streams_keep_their_order():
    figure = nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"})
    outputs = [stream("a"), stream("b"), figure, stream("c"), stream("!", "stderr")]
    joined = exact_streams.join_stream_chunks(outputs)
    assert [o.get("text") for o in joined] == ["ab", None, "c", "!"]
    assert outputs[0]["text"] == "a"  # the notebook's own outputs are not changed


def test_myst_nb_merges_the_chunks_without_adding_lines():
    # myst-nb alone would render "0.0023\n" + "\naverage..." with a blank line
    exact_streams.setup(app=None)
    chunks = [stream("gradient: 0.0023"), stream("\naverage: 0.5172\n")]
    (merged,) = render.coalesce_streams(chunks)
    assert merged["text"] == "gradient: 0.0023\naverage: 0.5172\n"

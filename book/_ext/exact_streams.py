"""Show what a cell printed exactly as it was printed.

The kernel sends a cell's printed text in chunks, cut wherever its output buffer
happened to be flushed: one ``print`` can arrive as its text and then its newline,
or cut in the middle of a line. myst-nb's merging of those chunks
(``nb_merge_streams``) strips each chunk's trailing whitespace and adds a newline,
so a cut before a newline adds a blank line to the page and a cut inside a line
breaks it in two, differently from one build to the next. This extension joins
consecutive chunks of the same stream, exactly, before myst-nb's merge sees them.
"""

import copy

from myst_nb.core import render


def join_stream_chunks(outputs):
    """Return `outputs` with consecutive chunks of one stream joined exactly."""
    joined = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] += output["text"]
        else:
            joined.append(copy.deepcopy(output))
    return joined


def _joining_first(coalesce):
    def coalesce_exact_chunks(outputs):
        return coalesce(join_stream_chunks(outputs))

    coalesce_exact_chunks.joins_chunks = True
    return coalesce_exact_chunks


def setup(app):
    if not getattr(render.coalesce_streams, "joins_chunks", False):
        render.coalesce_streams = _joining_first(render.coalesce_streams)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Keep the book's pages self-contained: nothing a page needs comes from elsewhere.

Matplotlib's HTML animation player links a Font Awesome stylesheet from a public
CDN. The book's theme already serves Font Awesome from the site itself and draws
the player's ``<i class="fa ...">`` icons with it, so the link only costs a
failed request (and a console error) when the book is read offline.
"""

import re

_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_EXTERNAL_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def is_external_url(url):
    """Return whether `url` points to another host rather than into the site.

    Parameters
    ----------
    url : str
        An ``href`` or ``src`` value.

    Returns
    -------
    bool
        True for absolute URLs with a host (``https://...``) and protocol-relative
        ones (``//host/...``); False for relative paths, ``#anchors`` and
        ``data:`` URLs.

    Examples
    --------
    >>> is_external_url("https://cdn.example.org/x.css"), is_external_url("//x.org/a")
    (True, True)
    >>> is_external_url("_static/x.css"), is_external_url("data:text/css,a{}")
    (False, False)
    """
    if not isinstance(url, str):
        raise TypeError(f"url must be a string, got {type(url).__name__}")
    return bool(_EXTERNAL_URL.match(url))


def _attributes(tag):
    """Return a tag's attributes as a dict with lower-case names."""
    return {
        match.group(1).lower(): next(v for v in match.groups()[1:] if v is not None)
        for match in _ATTRIBUTE.finditer(tag)
    }


def strip_external_stylesheets(html):
    """Remove the ``<link rel="stylesheet">`` tags that load CSS from other hosts.

    Parameters
    ----------
    html : str
        An HTML fragment, such as ``FuncAnimation.to_jshtml()`` returns.

    Returns
    -------
    str
        The same text without those tags; everything else, including stylesheets
        linked by relative paths, is left as it was.

    Examples
    --------
    >>> page = '''<link rel="stylesheet"
    ... href="https://cdn.example.org/font-awesome.min.css">
    ... <link rel="stylesheet" href="_static/local.css"><i class="fa fa-play"></i>'''
    >>> print(strip_external_stylesheets(page))
    <BLANKLINE>
    <link rel="stylesheet" href="_static/local.css"><i class="fa fa-play"></i>
    """
    if not isinstance(html, str):
        raise TypeError(f"html must be a string, got {type(html).__name__}")

    def keep_or_drop(match):
        attributes = _attributes(match.group(0))
        is_stylesheet = "stylesheet" in attributes.get("rel", "").lower().split()
        if is_stylesheet and is_external_url(attributes.get("href", "")):
            return ""
        return match.group(0)

    return _LINK_TAG.sub(keep_or_drop, html)

"""Write each script of a page once.

An extension that adds an inline script (one with a body and no file) after the
HTML builder has started gets it twice on every page: Sphinx 7 keeps it once with
no file name and once with an empty one, and the two copies do not compare equal.
For sphinx-thebe's ``const THEBE_JS_URL = ...`` the second copy is a JavaScript
error ("Identifier has already been declared") on every page of the book. This
extension drops the repeated copies from each page's list of scripts.
"""


def script_key(script):
    """Return what makes two of a page's scripts the same script."""
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {})
    return (str(filename), tuple(sorted(attributes.items())))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    """Keep the first of each page script that appears more than once."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

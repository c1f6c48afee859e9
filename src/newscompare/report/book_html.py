"""Sphinx extension for every book (this report's and each ``new-report`` book, named in
their ``_config.yml`` under ``sphinx: extra_extensions``): two faults of the pinned theme
stack that a reader's browser reports on every page, removed at their cause.

1. **Inline scripts written twice.** Sphinx 7.4 hands an inline script registered after
   the builder started (``app.add_js_file(None, body=...)``, as sphinx-thebe does for its
   configuration and sphinx-togglebutton for its selector) to the builder at once, with
   the file name ``None``, and again when it prepares writing, as ``''``; the two are not
   equal, so each page carries both and the second ``const THEBE_JS_URL`` is a script
   error ("Identifier 'THEBE_JS_URL' has already been declared"). Once every page is read,
   the early copies of scripts the registry holds are dropped, and the registry's copy is
   the one written.
2. **A request that fails.** The books have no icon, so every browser asks the server for
   ``/favicon.ico`` and gets a 404. Each page declares an empty icon (``data:,``) instead.
"""

from __future__ import annotations

from typing import Any

#: The icon every page declares: empty, so the browser asks for none.
NO_ICON = '<link rel="icon" href="data:,">'


def drop_early_inline_scripts(app, env) -> None:
    """Remove from the HTML builder the inline scripts (no file name) that were handed to it
    before it prepared writing and that the registry also holds: it adds them again then."""
    scripts = getattr(app.builder, "_js_files", None)
    if scripts is None:  # not an HTML builder
        return
    registered = [attributes for filename, attributes in app.registry.js_files if filename is None]

    def early_copy(script) -> bool:
        return script.filename is None and any(
            {**script.attributes, "priority": script.priority} == attributes for attributes in registered)

    scripts[:] = [script for script in scripts if not early_copy(script)]


def declare_no_icon(app, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Add :data:`NO_ICON` to the page's head, unless the book names an icon of its own."""
    if not context.get("favicon_url"):
        context["metatags"] = context.get("metatags", "") + NO_ICON + "\n"


def setup(app) -> dict[str, Any]:
    app.connect("env-updated", drop_early_inline_scripts)
    app.connect("html-page-context", declare_no_icon)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""The Sphinx extension that removes the theme stack's page faults (``report.book_html``)."""

from __future__ import annotations

from types import SimpleNamespace

from sphinx.builders.html._assets import _JavaScript

from newscompare.report.book_html import (
    NO_ICON,
    declare_no_icon,
    drop_early_inline_scripts,
)

THEBE = "const THEBE_JS_URL = 'x'"


def app_with(scripts: list, registered: list) -> SimpleNamespace:
    return SimpleNamespace(builder=SimpleNamespace(_js_files=scripts),
                           registry=SimpleNamespace(js_files=registered))


def test_an_inline_script_handed_over_early_is_dropped_once_the_registry_holds_it():
    # Sphinx 7.4 adds it again, as '', when it prepares writing: kept, it would be written twice.
    early = _JavaScript(None, priority=500, body=THEBE)
    kept = [_JavaScript("_static/doctools.js", priority=200), _JavaScript("", priority=500, body="var a = 1")]
    app = app_with(kept[:1] + [early] + kept[1:], [(None, {"priority": 500, "body": THEBE})])
    drop_early_inline_scripts(app, env=None)
    assert app.builder._js_files == kept


def test_an_inline_script_the_registry_does_not_hold_is_kept():
    page_only = _JavaScript(None, priority=500, body=THEBE)
    app = app_with([page_only], [(None, {"priority": 500, "body": "other"})])
    drop_early_inline_scripts(app, env=None)
    assert app.builder._js_files == [page_only]


def test_a_builder_without_scripts_is_left_alone():
    drop_early_inline_scripts(SimpleNamespace(builder=SimpleNamespace(), registry=None), env=None)


def test_a_page_without_an_icon_declares_an_empty_one_and_a_named_icon_is_kept():
    context = {"metatags": "<meta name='a'>"}
    declare_no_icon(None, "intro", "page.html", context, None)
    assert context["metatags"] == "<meta name='a'>" + NO_ICON + "\n"
    named = {"favicon_url": "_static/icon.png", "metatags": ""}
    declare_no_icon(None, "intro", "page.html", named, None)
    assert named["metatags"] == ""

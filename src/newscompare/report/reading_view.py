"""Side-by-side reading view of a source and its copy, as escaped HTML.

Shared words are plain; words the copy removed are in ``<del>``, words it added in
``<ins>``; sentences without a counterpart are marked as omitted or added. Every piece of
article text passes through :func:`html.escape`, so markup in an article is shown, never
run. The CSS stacks the two columns under 600px and wraps long words, so the view stays
readable on a 375px phone screen.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

import pandas as pd

from newscompare.analysis.edits import _aligned_groups
from newscompare.ingest.text import words

ROOT_CLASS = "nc-reading-view"
_TOKEN = re.compile(r"\S+")
CSS = f"""
.{ROOT_CLASS} {{ font-size: 0.95em; line-height: 1.45; max-width: 100%; }}
.{ROOT_CLASS} .nc-row {{ display: flex; flex-wrap: wrap; gap: 0.75em; border-top: 1px solid #ddd; padding: 0.4em 0; }}
.{ROOT_CLASS} .nc-cell {{ flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; word-break: break-word; }}
.{ROOT_CLASS} .nc-head {{ font-weight: bold; }}
.{ROOT_CLASS} .nc-missing {{ color: #777; font-style: italic; }}
.{ROOT_CLASS} del {{ background: #fbe3e4; text-decoration: line-through; }}
.{ROOT_CLASS} ins {{ background: #e3f4e1; text-decoration: none; }}
.{ROOT_CLASS} .nc-tag {{ font-size: 0.8em; color: #555; }}
@media (max-width: 600px) {{ .{ROOT_CLASS} .nc-row {{ flex-direction: column; }} }}
"""


def _comparison_key(token: str) -> str:
    """A raw token's comparison form: its words, so quotes and hyphens do not count."""
    return " ".join(words(token))


def highlight_pair(source: str, copy: str) -> tuple[str, str]:
    """(source HTML, copy HTML): escaped tokens, removed ones in <del>, added in <ins>."""
    old, new = _TOKEN.findall(source), _TOKEN.findall(copy)
    matcher = SequenceMatcher(
        None, [_comparison_key(t) for t in old], [_comparison_key(t) for t in new], autojunk=False
    )
    left, right = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before = html.escape(" ".join(old[i1:i2]))
        after = html.escape(" ".join(new[j1:j2]))
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return " ".join(left), " ".join(right)


def _row(left: str, right: str, css_class: str = "nc-row") -> str:
    return f'<div class="{css_class}"><div class="nc-cell">{left}</div><div class="nc-cell">{right}</div></div>'


def reading_view_html(
    sentences: pd.DataFrame, alignments: pd.DataFrame, source: str, copy: str,
    labels: dict[str, str] | None = None, directed: bool = True,
) -> str:
    """HTML of the side-by-side view of ``source`` and ``copy`` (article ids).

    One row per aligned group (merges and splits together, in source order; any relation
    but ``none``), then the copy's sentences with no counterpart in the source. The root
    element has the class ``nc-reading-view``; all text is escaped. Without a stated
    direction (``directed`` False: two reprints of a common source, or an undetermined
    pair), a sentence one text lacks is "not in" that text, not "omitted" or "added" by a copy.
    """
    labels = labels or {}
    if directed:
        omitted, added = "(omitted in the copy)", "(added by the copy)"
    else:
        omitted = f"(not in {labels.get(copy, copy)})"
        added = f"(not in {labels.get(source, source)})"
    texts = {
        (str(a), int(i)): str(t)
        for a, i, t in zip(sentences["article"], sentences["sentence_index"], sentences["sentence"], strict=True)
    }
    groups = _aligned_groups(alignments, source, copy, ("verbatim", "edited", "paraphrase"))
    by_first_source = {s[0]: (s, c) for s, c in groups if s}
    used_copy = {k for _, c in groups for k in c}
    parts = [
        f'<div class="{ROOT_CLASS}"><style>{CSS}</style>',
        _row(html.escape(labels.get(source, source)), html.escape(labels.get(copy, copy)), "nc-row nc-head"),
    ]
    covered_source = {k for s, _ in groups for k in s}
    source_indices = sorted(k for a, k in texts if a == source)
    for k in source_indices:
        if k in by_first_source:
            s_idx, c_idx = by_first_source[k]
            old = " ".join(texts[(source, i)] for i in s_idx)
            new = " ".join(texts[(copy, i)] for i in c_idx)
            left, right = highlight_pair(old, new)
            # Sentence numbers as readers count them, from 1.
            where = (f'sentence {", ".join(str(i + 1) for i in s_idx)} → '
                     f'{", ".join(str(i + 1) for i in c_idx)}')
            tag = f'<span class="nc-tag">{html.escape(where)}</span> '
            parts.append(_row(tag + left, right))
        elif k not in covered_source:
            parts.append(_row(
                f"<del>{html.escape(texts[(source, k)])}</del>",
                f'<span class="nc-missing">{html.escape(omitted)}</span>',
            ))
    for k in sorted(k for a, k in texts if a == copy and k not in used_copy):
        parts.append(_row(
            f'<span class="nc-missing">{html.escape(added)}</span>',
            f"<ins>{html.escape(texts[(copy, k)])}</ins>",
        ))
    parts.append("</div>")
    return "\n".join(parts)


def reading_view(sentences, alignments, source, copy, labels=None):
    """The view as an ``IPython.display.HTML`` object for a notebook cell."""
    from IPython.display import HTML

    return HTML(reading_view_html(sentences, alignments, source, copy, labels))

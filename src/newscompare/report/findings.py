"""Sentences of the book that name facts, generated from the tables they summarise."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis.claims import Claim, claims_in_all
from newscompare.report.presentation import join_words


def softening_sentence(losses: pd.DataFrame, gains: pd.DataFrame, sources: dict[str, str],
                       labels: dict[str, str], kinds: dict[str, str] | None = None,
                       siblings: set[str] | frozenset[str] = frozenset()) -> str:
    """One sentence per copy, from :func:`newscompare.analysis.framing.term_losses` and
    :func:`~newscompare.analysis.framing.term_gains`: how many of
    its source's names of the war and sharpening words the copy does not carry over
    (which ones), and how many it adds. ``kinds`` names each copy's relation ("copy",
    "rewrite") for the reader; a copy in ``siblings`` is read against another reprint of
    the same outside text (:func:`newscompare.analysis.framing.siblings_from_pairs`), and
    the sentence says so rather than calling that reprint its source."""
    kinds = kinds or {}
    parts = []
    for copy, source in sorted(sources.items()):
        lost = losses[losses["copy_article"] == copy]
        gained = gains[gains["copy_article"] == copy]
        counted = lost["term"].value_counts(sort=False)
        terms = join_words(f'"{t}"' + (f" ({n}x)" if n > 1 else "") for t, n in counted.items())
        kind = kinds.get(copy, "copy")
        if copy in siblings:
            sentence = (f"{labels.get(copy, copy)}, which reprints the same outside text as "
                        f"{labels.get(source, source)}, lacks {len(lost)} of that reprint's names "
                        "of the war and sharpening words" + (f" ({terms})" if terms else ""))
        else:
            sentence = (f"{labels.get(copy, copy)}, a {kind} of {labels.get(source, source)}, drops "
                        f"{len(lost)} of its source's names of the war and sharpening words"
                        + (f" ({terms})" if terms else ""))
        gained_terms = join_words(f'"{t}"' for t in dict.fromkeys(gained["term"]))
        sentence += f" and adds {len(gained)}" + (f" ({gained_terms})" if gained_terms else "")
        parts.append(sentence)
    # Not capitalised: a sentence may begin with an outlet written in lower case ("kokani.me").
    return "; ".join(parts) + "." if parts else ""


def shared_facts_sentence(table: pd.DataFrame, claims: list[Claim]) -> str:
    """A sentence naming the facts every article reports, generated from the claim table
    (so it cannot name a fact one article lacks): e.g. "the one catalogued claim all 5
    articles carry, "India has been buying (more) Russian oil"". It speaks of the
    catalogue's claims, not of every fact: all the articles may also report what the
    catalogue does not list (the event itself)."""
    shared = claims_in_all(table, claims)
    articles = table["article"].nunique()
    statements = [c.statement.rstrip(".") for c in shared]
    if not shared:
        return f"no claim of the catalogue is carried by all {articles} articles"
    quoted = "; ".join(f'"{statement}"' for statement in statements)
    if len(shared) == 1:
        return f"the one catalogued claim all {articles} articles carry, {quoted}"
    return f"the {len(shared)} catalogued claims all {articles} articles carry, {quoted}"

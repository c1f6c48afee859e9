"""Sentences of the book that name facts, generated from the tables they summarise."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis.claims import Claim, claims_in_all
from newscompare.analysis.framing import WAR_CATEGORY
from newscompare.report.presentation import join_words


def _how_lost(lost: pd.DataFrame) -> str:
    """"3 with sentences it leaves out, 4 from sentences it keeps", from ``how``."""
    with_sentence = int((lost["how"] == "sentence dropped").sum())
    parts = []
    if with_sentence:
        parts.append(f"{with_sentence} with {'a sentence' if with_sentence == 1 else 'sentences'} it leaves out")
    if len(lost) - with_sentence:
        parts.append(f"{len(lost) - with_sentence} from sentences it keeps")
    return join_words(parts)


def softening_sentence(losses: pd.DataFrame, gains: pd.DataFrame, sources: dict[str, str],
                       labels: dict[str, str], kinds: dict[str, str] | None = None,
                       siblings: set[str] | frozenset[str] = frozenset()) -> str:
    """One clause per copy, from :func:`newscompare.analysis.framing.term_losses` and
    :func:`~newscompare.analysis.framing.term_gains`: how many of its source's names of
    the war and sharpening words the copy does not carry over (how many of them went with
    a whole sentence it leaves out), and how many it adds; counts, not lists (the table
    of losses lists them). ``kinds`` names each copy's relation ("copy", "rewrite") for
    the reader; a copy in ``siblings`` is read against another reprint of the same outside
    text (:func:`newscompare.analysis.framing.siblings_from_pairs`), and the clause says so
    rather than calling that reprint its source."""
    kinds = kinds or {}
    parts = []
    for copy, source in sorted(sources.items()):
        lost = losses[losses["copy_article"] == copy]
        gained = gains[gains["copy_article"] == copy]
        # The names of the war apart from the other sharpening words ("narrowly",
        # "lavish"), which may be about anything: a fact-check read the sum as a measure of
        # how the war is named.
        war = lost[lost["category"] == WAR_CATEGORY] if "category" in lost.columns else lost.iloc[:0]
        other = lost.drop(war.index)
        counted = [f"{len(war)} of {'that reprint' if copy in siblings else 'its source'}'s names of the war"
                   + (f" ({_how_lost(war)})" if "how" in war.columns and len(war) else "")]
        if len(other):
            counted.append(f"{len(other)} other sharpening word{'' if len(other) == 1 else 's'}"
                           + (f" ({_how_lost(other)})" if "how" in other.columns else ""))
        what = join_words(counted)
        kind = kinds.get(copy, "copy")
        if copy in siblings:
            sentence = (f"{labels.get(copy, copy)}, which reprints the same outside text as "
                        f"{labels.get(source, source)}, lacks {what}")
        else:
            sentence = (f"{labels.get(copy, copy)}, a {kind} of {labels.get(source, source)}, does not "
                        f"carry over {what}")
        sentence += f", and adds {len(gained)} such word{'' if len(gained) == 1 else 's'}"
        parts.append(sentence)
    # Not capitalised: a sentence may begin with an outlet written in lower case ("kokani.me").
    return "; ".join(parts) + "." if parts else ""


def shared_facts_sentence(table: pd.DataFrame, claims: list[Claim]) -> str:
    """The catalogued claims every article carries, quoted, generated from the claim table
    (so it cannot name a fact one article lacks): e.g. ""India has been buying (more)
    Russian oil"", to follow "1 claim is in every article". It speaks of the catalogue's
    claims, not of every fact: all the articles may also report what the catalogue does not
    list (the event itself)."""
    shared = claims_in_all(table, claims)
    if not shared:
        return f"none of the catalogue's claims is in all {table['article'].nunique()} articles"
    return "; ".join(f'"{c.statement.rstrip(".")}"' for c in shared)


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                 9: "nine", 10: "ten"}


def shared_wording_phrase(pair: pd.Series, labels: dict[str, str], ngram_size: int) -> str:
    """The share of a related pair's wording that the book states, with its direction:
    the larger of the two containments, i.e. how much of the more fully copied text
    reappears in the other ("72% of The Moscow Times (AFP)'s five-word sequences
    reappear in kokani.me"). One phrase for every page, so that no page gives the other
    direction's share as if it were the same quantity (issue 20 item 7)."""
    a, b = str(pair["article_a"]), str(pair["article_b"])
    a_in_b, b_in_a = float(pair["containment_a_in_b"]), float(pair["containment_b_in_a"])
    copied, other, share = (a, b, a_in_b) if a_in_b >= b_in_a else (b, a, b_in_a)
    size = _NUMBER_WORDS.get(ngram_size, f"{ngram_size}")
    return (f"{share * 100:.0f}% of {labels.get(copied, copied)}'s {size}-word sequences "
            f"reappear in {labels.get(other, other)}")


def framing_edits_and_renamings(edits: pd.DataFrame, renamings: pd.DataFrame) -> dict[str, int]:
    """How the word edits of the framing class (``edits.sentence_edits``) and the
    renamings of the war (``framing.war_renamings``) overlap, so that a page naming both
    says they are two counts (issue 20 item 8): ``n_framing_edits``, ``n_renamings`` and
    ``n_both``, the copied sentences where both are found. Word edits exist only for
    sentences compared word by word and include quoted names of the war; renamings also
    come from reworded sentences and leave quotations out."""
    framing_edits = edits[edits["edit_class"] == "framing"]

    def places(table: pd.DataFrame) -> set[tuple[str, str]]:
        return {(str(a), str(i).split(";")[0]) for a, i in zip(table["copy_article"], table["copy_sentence_index"],
                                                               strict=True)}

    return {"n_framing_edits": len(framing_edits), "n_renamings": len(renamings),
            "n_both": len(places(framing_edits) & places(renamings))}

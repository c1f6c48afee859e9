"""Where quotations are in a text: spans between quotation marks, found without a parser.

Used by :mod:`newscompare.analysis.quotes` (which quotations there are, and who said them) and by
:mod:`newscompare.analysis.reuse` (which words of a sentence are someone else's, so that two
outlets quoting the same official are not taken for one copying the other).

Double marks and guillemets: a curly opening mark opens and a curly closing mark closes; a
straight mark opens when no quotation is open and closes otherwise; a closing mark with
nothing open, or a straight mark followed by a space when nothing is open, is a stray mark
and is skipped; a quotation still open at the end of the paragraph runs to that end (news
style leaves the closing mark off when a quotation continues into the next paragraph).
Single marks: see :func:`_single_mark_spans`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

OPENING_MARKS = "“„«"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
QUOTE_MARK_CHARACTERS = frozenset('"“”„«»‘’\'')
SINGLE_OPENING_MARKS = "‘'"
SINGLE_CLOSING_MARKS = "’'"


@dataclass(frozen=True)
class QuoteSpan:
    """Character offsets of one quotation inside a paragraph text (marks excluded)."""

    start: int
    end: int
    opening_mark: int  # offset of the opening mark
    closed: bool


class CharRanges:
    """A union of half-open character ranges ``[start, end)``, asked whether an offset lies
    in one of them by bisection. Testing each token against every quotation of its
    paragraph instead made a paragraph of nested quotations cubic in its length (issue 23:
    1,000 nested marks took minutes)."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(ranges):
            if start >= end:
                continue  # an empty range holds no offset
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def quotation_ranges(spans: Iterable[QuoteSpan]) -> CharRanges:
    """The characters of ``spans`` with their marks (opening mark to closing mark)."""
    return CharRanges((span.opening_mark, span.end + 1) for span in spans)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations in one paragraph, in order: double marks and guillemets first (see the
    module docstring for the rules), then single marks outside them
    (:func:`_single_mark_spans`). Never raises on unbalanced or stray marks; returns only
    non-empty quotations."""
    spans = _double_mark_spans(text)
    spans += _single_mark_spans(text, quotation_ranges(spans))
    spans.sort(key=lambda span: span.opening_mark)
    return [span for span in spans if text[span.start:span.end].strip()]


def _double_mark_spans(text: str) -> list[QuoteSpan]:
    r"""Double-mark quotations. Besides the marks of the module docstring, two typewriter
    conventions and one common slip of web pages are read: two backticks open and ``''``
    closes (TeX-style quotes of old wire feeds), and a closing curly mark standing where an
    opening one should (nothing open, at the start or after a space, before a letter, or
    after a colon: 'further said: ” Julian is free!!!!”') opens."""
    spans: list[QuoteSpan] = []
    opening: int | None = None
    start = 0
    position = 0
    while position < len(text):
        char = text[position]
        pair = text[position:position + 2]
        width = 2 if pair in ("``", "''") else 1
        at_word_start = position == 0 or text[position - 1].isspace()
        followed_by_space = position + width >= len(text) or text[position + width].isspace()
        opens = (char in OPENING_MARKS or pair == "``"
                 or (char == STRAIGHT_MARK and opening is None)
                 or (char in CLOSING_MARKS and opening is None and at_word_start
                     and (not followed_by_space or text[:position].rstrip().endswith(":"))))
        closes = char in CLOSING_MARKS or char == STRAIGHT_MARK or pair == "''"
        if opens:
            if char == STRAIGHT_MARK and followed_by_space:
                position += 1
                continue  # a stray straight mark (e.g. inches), not an opening
            if opening is not None:  # a new opening before a close: the old one stays open
                spans.append(QuoteSpan(start, position, opening, closed=False))
            opening, start = position, position + width
        elif closes and opening is not None:
            spans.append(QuoteSpan(start, position, opening, closed=True))
            opening = None
        # otherwise: a stray closing mark, or an apostrophe that is not a pair
        position += width
    if opening is not None:
        spans.append(QuoteSpan(start, len(text), opening, closed=False))
    return spans


def _single_mark_spans(text: str, inside_double: CharRanges) -> list[QuoteSpan]:
    """Quotations in single marks (‘ ’ or straight '), which share their character with
    the apostrophe, so only a mark that cannot be an apostrophe counts: an opening mark at
    the start of a word (after a space, a bracket or a dash, or at the start), and the next
    closing mark not followed by a letter ("It’s", "Olsen's" are apostrophes). A single
    mark left open at the end of the paragraph is not a quotation (unlike a double one: it
    is more often an elision such as '90s). Marks inside a double-mark quotation are a
    quotation within the quotation and belong to it."""
    spans = []
    # The first line end or closing mark at or after the last search's start (len(text)
    # when there is none): the searches start at increasing offsets, so one found beyond a
    # new start is still the first after it, and each character is read once, not once
    # per opening mark (20,000 unclosed marks on one line would be quadratic).
    next_event = -1
    position = 0
    while position < len(text):
        char = text[position]
        if char in SINGLE_OPENING_MARKS and position not in inside_double:
            starts_word = position == 0 or text[position - 1].isspace() or text[position - 1] in "([—–-"
            followed_by_word = position + 1 < len(text) and text[position + 1].isalnum()
            if starts_word and followed_by_word:
                if next_event < position + 1:
                    next_event = _single_closing_or_line_end(text, position + 1)
                closes = next_event < len(text) and text[next_event] != "\n"
                if closes and next_event not in inside_double:
                    spans.append(QuoteSpan(position + 1, next_event, position, closed=True))
                    position = next_event + 1
                    continue
        position += 1
    return spans


def _single_closing_or_line_end(text: str, start: int) -> int:
    """Offset of the first line end, or of the first single mark that can close a
    quotation opened before ``start`` (a ’ or ' after a non-space character and not
    followed by a letter or digit), at or after ``start``; ``len(text)`` when there is
    neither. A line end first means the quotation is not closed."""
    for position in range(start, len(text)):
        if text[position] == "\n":
            return position
        if text[position] in SINGLE_CLOSING_MARKS and not text[position - 1].isspace():
            following = text[position + 1] if position + 1 < len(text) else " "
            if not following.isalnum():
                return position
    return len(text)


def outside_quotations(text: str) -> list[str]:
    """The parts of ``text`` outside quotation marks, in order (quoted parts dropped, so
    that a caller can tell words of the writer from words quoted).

    ``text`` may be one sentence of a longer quotation: a sentence that ends a quotation
    opened in an earlier sentence ('It's becoming farcical," he said.') starts inside it,
    so everything before its first mark, when that mark closes (a curly closing mark, or a
    straight one after a word and before a space), is quoted too."""
    parts, position = [], 0
    first = _leading_close(text)
    if first is not None:
        # The spans of the rest are offsets into the rest, which starts after the mark.
        base = position = first + 1
        for span in find_quote_spans(text[base:]):
            parts.append(text[position:base + span.opening_mark])
            position = base + span.end + 1
        parts.append(text[position:])
        return [part for part in parts if part.strip()]
    for span in find_quote_spans(text):
        parts.append(text[position:span.opening_mark])
        position = span.end + 1
    parts.append(text[position:])
    return [part for part in parts if part.strip()]


def inside_quotation_flags(sentences: list[str]) -> list[bool]:
    """For the sentences of one paragraph, in order, whether each lies wholly inside a
    quotation that an earlier sentence opened: the middle sentences of a long quotation
    carry no mark of their own ('... said: "Julian Assange is free. He left Belmarsh ...
    1901 days there. He was granted bail ..."'). The paragraph is read as its sentences
    joined by spaces, as the module docstring's rules read a paragraph."""
    starts, text = [], ""
    for sentence in sentences:
        starts.append(len(text))
        text += sentence + " "
    spans = find_quote_spans(text)
    return [any(span.opening_mark < start and start + len(sentence) <= span.end for span in spans)
            and not any(char in QUOTE_MARK_CHARACTERS - {"'", "’"} for char in sentence)
            for start, sentence in zip(starts, sentences, strict=True)]


def _leading_close(text: str) -> int | None:
    """Offset of the first quotation mark of ``text`` when it is a closing one, else None."""
    for position, char in enumerate(text):
        if char in CLOSING_MARKS:
            return position
        if char in OPENING_MARKS:
            return None
        if char == STRAIGHT_MARK:
            after_word = position > 0 and not text[position - 1].isspace()
            before_space = position + 1 >= len(text) or text[position + 1].isspace()
            return position if after_word and before_space else None
    return None

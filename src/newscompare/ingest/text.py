"""Typography normalization and tokenization shared by every comparison.

The original text is always kept for display; :func:`normalize` gives the form that
comparisons use, so that two outlets' house styles (curly or straight quotes, en or em
dashes, non-breaking spaces, markdown markup) never count as a difference in wording.
"""

from __future__ import annotations

import re
import sys
import unicodedata

# Typographic variants mapped to one plain form.
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',  # guillemets
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",  # zero-width space
        "\ufeff": "",  # byte order mark
        "\u00ad": "",  # soft hyphen
        "\u2026": "...",
    }
)
# Format characters (Unicode category Cf: zero-width space and joiners, bidi controls,
# byte order marks, soft hyphens) are invisible: a zero-width joiner inside a word must
# not make two identical sentences differ. Derived from the Unicode database rather than
# listed by hand, so that no such character is missed.
_FORMAT_CHARACTERS = dict.fromkeys(
    code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
)

# Every pattern below stops its scan at the next character that could start another
# match (a bracket, a parenthesis, the same emphasis mark), so that a line of 50,000 "["
# or "_" costs linear time instead of one scan to the end of the line per character.
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")  # [text](url) -> text
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")  # <https://...> -> url
_MD_EMPHASIS = re.compile(  # **b**, __b__, *i*, _i_ -> text
    r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*|__(?=\S)([^_]+?)(?<=\S)__"
    r"|\*(?=\S)([^*]+?)(?<=\S)\*|_(?=\S)([^_]+?)(?<=\S)_"
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_SPACES = re.compile(r"\s+")
# Spaced dashes used as parenthesis (" - ", " -- ") are one mark whatever their length
# (matched after spaces are collapsed, so a long run of spaces is never rescanned).
_SPACED_DASH = re.compile(r" -{1,3} ")

WORD_PATTERN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def strip_markdown(text: str) -> str:
    """Remove markdown markup (headings, links, emphasis), keeping the visible words."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(lambda match: next(g for g in match.groups() if g is not None), text)


def normalize(text: str) -> str:
    """Return ``text`` with typography unified, markdown removed and spaces collapsed.

    Case and punctuation are kept: this is the form shown as "normalized" and the
    input of :func:`words`. Format characters (zero-width, bidi controls, BOM) are
    removed; the displayed text elsewhere keeps them as the file has them.
    """
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).translate(_FORMAT_CHARACTERS)
    text = strip_markdown(text)
    text = _SPACES.sub(" ", text)
    return _SPACED_DASH.sub(" - ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` for comparison (punctuation dropped).

    Hyphenated compounds become separate words, so "much-needed" and "much needed"
    compare equal; apostrophes inside words are kept ("india's").
    """
    return WORD_PATTERN.findall(normalize(text).lower())

"""Credit lines: which agency or outlet a text says it was made from, and whose own text it is.

Newsrooms leave the provenance of a wire story on the page and in the listing: a dateline
credit ("MOSCOW (AP) -", "(Bloomberg) --", "Geneva | AFP -"), a closing credit line
("- Reuters", a lone "AFP"), "Source: Reuters", "with files from The Associated Press",
"with inputs from PTI", "... contributed to this report", and, in a manifest, the outlet
written as "Fox News (Reuters)" or a ``wire_source`` column. The direction of a copy
(:mod:`newscompare.analysis.reuse`) reads these: two texts carrying one agency's credit
are reprints of a text outside the collection; a text whose own outlet is the credited
agency is the text the other was made from.

The names are read by the shape of a credit line, never from a list of agencies, so a
credit of an outlet the code has never seen is read the same way. Names are compared in a
normal form (lower case, no punctuation, without a leading "the" and trailing words such
as "news" or "agency"), and a name written as initials matches the same name written out
("AP" and "The Associated Press", "AFP" and "Agence France-Presse").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import pandas as pd

from newscompare.analysis.entities import voices_words

#: A credited name: one to five words, the first capitalised (or initials), joined by
#: spaces, hyphens or "of"/"de" ("Press Trust of India", "Agence France-Presse").
_NAME = r"(?:[A-Z][\w&.'’-]*(?:\s+(?:of|de|[A-Z][\w&.'’-]*)){0,4})"
_NAMES = rf"{_NAME}(?:\s*[/,]\s*{_NAME})*"
_DASH = r"[-–—:]+"
#: Credits that say the text carries the credited text as it stands (a reprint).
_REPRINT_PATTERNS = (
    # Dateline credit: "MOSCOW (AP) -", "GENEVA, Switzerland (AFP) —", "(Bloomberg) --".
    re.compile(rf"^\s*(?:[A-Z][\w .,'’-]{{0,60}}?\s)?\(({_NAMES})\)\s*{_DASH}"),
    # An agency's credit opening the text with no place: "AP — The US Coast Guard said ...".
    re.compile(r"^\s*([A-Z]{2,5}|Reuters|Bloomberg)\s*[–—]+\s*(?=[A-Z\"“])"),
    # An agency's initials and its feed's code opening the text: "IBNS-CMEDIA: Ending the
    # legal saga, ..." (a place dateline, "DHAKA:", has no code after a hyphen).
    re.compile(r"^\s*([A-Z]{2,6})-[A-Z]{2,10}\s*:\s*(?=[A-Z\"“])"),
    # An agency's initials opening a page's stamp line: "PTI | Dabancheng | Updated: 06-01-2024".
    re.compile(r"^\s*([A-Z]{2,5})\s*\|.*\b(?:Updated|Created|Published)\b"),
    # "Geneva, Switzerland | AFP -"
    re.compile(rf"^\s*[A-Z][\w .,'’-]{{0,60}}\|\s*({_NAMES})\s*{_DASH}"),
    # Closing credit after the last sentence: "... said. - Reuters"
    re.compile(rf"[.!?\"”]\s*[-–—]+\s*({_NAMES})\s*$"),
    # A credit line of its own: "- Reuters", "— AFP"
    re.compile(rf"^\s*[-–—]+\s*({_NAMES})\s*$"),
    # "Source: Reuters", "SOURCE: Xinhua"
    re.compile(rf"^[\s/|•-]*(?:Source|SOURCE)\s*:\s*({_NAMES})\s*\.?\s*$"),
)
#: A report carried with its credit in the sentence: "..., the Associated Press reported."
#: and "Reuters is reporting that ...": a credit only when the name is a news agency's
#: ("..., Nippon TV reported." cites a broadcaster whose report the text relays).
_AGENCY_REPORTED_PATTERNS = (
    re.compile(rf"[,;]\s+(?:the\s+)?({_NAME})\s+reported\s*[.;]"),
    re.compile(rf"^\s*(?:The\s+)?({_NAME})\s+(?:is reporting|reported|reports) that\b"),
)
#: A byline that ends with an agency's name: "By Jintamas Saksornchai, Alanna Durkin Richer
#: and Eric Tucker, Associated Press" is the agency's text ("By Jane Doe, Staff Writer" names
#: no agency, and is read as no credit).
_AGENCY_BYLINE_PATTERNS = (
    re.compile(rf"^\s*(?:[-–—]+\s*)?[Bb]y\s+[^,\n]+(?:,[^,\n]+)*?,\s*({_NAME})\s*$"),
)
#: A dateline credit with no dash after it: "London, Oct 20 (IANS) The ruling
#: Conservatives ..." (an agency's name only: a bracket before a sentence may hold anything).
_UNDASHED_DATELINE_PATTERNS = (
    re.compile(rf"^\s*[A-Z][\w .,'’-]{{0,60}}?\s\(({_NAMES})\)\s+(?=[A-Z\"“])"),
)
#: A lone line of initials ("AFP", "AP", "PTI/IANS"): a credit line when it is not a
#: furniture label of the page (those are words, not initials of a name).
_INITIALS_LINE = re.compile(r"^\s*([A-Z]{2,5}(?:\s*/\s*[A-Z]{2,5})*)\s*$")
_FURNITURE_LABELS = frozenset({"NEWS", "LIVE", "VIDEO", "PHOTO", "SHARE", "MORE", "WATCH", "AD", "ADS", "TOP",
                               "NEW", "MENU", "HOME", "SEARCH", "LOGIN", "OK", "TAGS", "READ", "UPDATE",
                               "ADVT", "ADV", "PROMO"})
#: Words a page stamps after a dash that name no one ("- Published", "— Updated"): the
#: shape of a closing credit line, but a date stamp that lost its date.
_PAGE_STAMPS = frozenset({"published", "updated", "posted", "modified", "last updated", "advertisement"})
#: Credits that say the text was written with the credited text's material (a rewrite
#: or a report of its own that draws on it), not that it is that text.
_CONTRIBUTED_PATTERNS = (
    re.compile(rf"\b[Ww]ith (?:files|inputs?|reporting|additional reporting) (?:from|by) (?:the )?({_NAMES})"),
    re.compile(rf"\b({_NAMES}) contributed to this (?:report|story|article)"),
)
#: Words of a manifest outlet's bracket that qualify a credit rather than name one.
_QUALIFIERS = re.compile(r"\b(?:rewrite of|rewritten|adapted|via|with files from|with inputs from|"
                         r"with|from|files|inputs|agencies|republished|copy)\b", re.IGNORECASE)
#: Only these make a manifest credit "contributed": a rewrite of a wire text ("rewrite of
#: AP", "AP, adapted") is made from the wire's text as a reprint is, so it is no
#: evidence of which of two texts carrying that credit came first.
_CONTRIBUTED_QUALIFIERS = re.compile(r"\b(?:with files from|with inputs from)\b", re.IGNORECASE)
#: Words that do not distinguish one name from another.
_LEADING = frozenset({"the"})
_TRAILING = frozenset({"news", "agency", "wire", "service", "services", "online", "group", "newswire",
                       "com", "reporter", "reporters", "staff"})
_JOINING = frozenset({"of", "de", "and", "the", "for"})


def _name_tokens(name: str) -> list[str]:
    """The words of a name that tell it from others: lower case, without a leading "the"
    and trailing generic words ("The Kyodo News" -> ["kyodo"])."""
    tokens = [t for t in re.split(r"[^\w]+", name.lower()) if t]
    while tokens and tokens[0] in _LEADING:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _TRAILING:
        tokens = tokens[:-1]
    return tokens


def name_forms(name: str) -> frozenset[str]:
    """The normal forms of a credited or outlet name: the words run together (lower case,
    without a leading "the" and trailing generic words), and, for a name of two or more
    words, its initials ("The Associated Press" -> {"associatedpress", "ap"})."""
    tokens = _name_tokens(name)
    if not tokens:
        return frozenset()
    forms = {"".join(tokens)}
    significant = [t for t in tokens if t not in _JOINING]
    if len(significant) >= 2:
        forms.add("".join(t[0] for t in significant))
    return frozenset(forms)


def names_outlet(text: str, outlet_name: str) -> bool:
    """Whether ``text`` writes ``outlet_name`` as a name: whole words, as capitalised (a
    leading "The" may be "the"), and not as the first word of a sentence, where a
    one-word name such as "Time" would be any capitalised word."""
    if not outlet_name:
        return False
    pattern = re.escape(outlet_name)
    if outlet_name.startswith("The "):
        pattern = "[Tt]he" + pattern[3:]
    for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
        before = text[: match.start()].rstrip(" \"'“‘(")
        if before and before[-1] not in ".!?":
            return True
    return False


#: Longest stretch between the outlet's name and its request for comment ("CNN has
#: contacted", "CNN reached out to the ministry on Friday"): within one clause.
_OWN_REPORTING_GAP = 40


def reports_in_own_name(text: str, outlet_name: str) -> bool:
    """Whether ``text`` reports in the name of ``outlet_name``: the outlet asks for comment
    ("CNN has contacted India's Ministry of External Affairs", the request-for-comment
    patterns of the voices word lists) or someone speaks to it ("told CNN"). A wire story
    reprinted elsewhere names its agency that way, not the reprinting site."""
    if not outlet_name:
        return False
    name = re.escape(outlet_name)
    asks = "|".join(voices_words()["own_reporting_patterns"])
    pattern = (rf"(?<![\w-]){name}(?![\w-])[^.\n]{{0,{_OWN_REPORTING_GAP}}}?(?:{asks})"
               rf"|\btold\s+{name}(?![\w-])")
    return re.search(pattern, text) is not None


def names_match(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two names (as :func:`name_forms`) are one name."""
    return bool(first & second)


@dataclass(frozen=True)
class Credits:
    """What an article says about where its text comes from."""

    #: Names credited as the text's origin, each as its forms: the text is that text.
    reprint: tuple[frozenset[str], ...]
    #: Names credited as material the text was written with ("with files from").
    contributed: tuple[frozenset[str], ...]
    #: The forms of the article's own outlet (outside any bracket) and its web host.
    own: frozenset[str]
    #: The credit lines and manifest fields read, for the evidence column.
    seen: tuple[str, ...]
    #: The credited names known to name an agency or outlet: those of a credit line in
    #: the text or of a ``wire_source`` field, and a name in the brackets of the manifest's
    #: outlet only when it is written as initials ("AP", "BBC"), the article's text names
    #: it too, or another article credits it (a bracket may hold a place, "The Herald
    #: (Glasgow)").
    agencies: tuple[frozenset[str], ...] = ()
    #: The outlet's own name as written in the manifest, without brackets ("NASA", "The
    #: Moscow Times"): another text that writes it names this outlet.
    own_name: str = ""
    #: The text reports in its outlet's own name ("CNN has contacted the ministry", "told
    #: CNN"): it is that outlet's own reporting, not a reprint of a text from elsewhere.
    reports_itself: bool = False

    @property
    def credited(self) -> tuple[frozenset[str], ...]:
        return self.reprint + self.contributed

    def credits(self, other_forms: frozenset[str]) -> str:
        """"reprint", "contributed" or "" for how this article credits ``other_forms``."""
        if any(names_match(forms, other_forms) for forms in self.reprint):
            return "reprint"
        if any(names_match(forms, other_forms) for forms in self.contributed):
            return "contributed"
        return ""

    def is_credited(self) -> bool:
        """Whether the article credits anyone but itself: a wire reprint or rewrite."""
        return any(not names_match(forms, self.own) for forms in self.credited)


def _split_names(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s*(?:/|,|;|\band\b)\s*", text) if part.strip()]


def _manifest_credits(field: str) -> tuple[list[str], list[str]]:
    """(reprint names, contributed names) of a manifest credit field ("AP, adapted",
    "Canadian report, with files from AP", "agencies; AP", "NPR / AP")."""
    reprint, contributed = [], []
    for part in re.split(r"\s*[;,/]\s*", field):
        contributes = bool(_CONTRIBUTED_QUALIFIERS.search(part))
        name = _QUALIFIERS.sub(" ", part).strip(" .()")
        if not name or not name[:1].isupper():
            continue
        (contributed if contributes else reprint).append(name)
    return reprint, contributed


def _host_forms(url: str) -> frozenset[str]:
    """The site name of a URL ("https://www.reuters.com/..." -> {"reuters"})."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "amp", "m", "en", "news")]
    return frozenset(labels[-2:-1]) if len(labels) >= 2 else frozenset()


def is_agency(name: str, by_initials: bool = True) -> bool:
    """Whether ``name`` is a news agency's ("the Associated Press", "Kyodo News"), read as
    :func:`name_forms` reads names. ``by_initials``: also when its initials are an agency's
    ("AP" for "the Associated Press"), which only a credit may be read by (a speaker
    "Alexei Petrov" is no AP)."""
    agencies = {"".join(_name_tokens(agency)) for agency in voices_words()["agency_names"]}
    forms = name_forms(name) if by_initials else {"".join(_name_tokens(name))}
    return any(form in agencies for form in forms)


#: Each credit pattern with the names it accepts: any name but a page stamp's word, or, for
#: a report credited in its sentence, a news agency's only.
_CREDIT_PATTERNS = (
    *((pattern, lambda name: name.lower() not in _PAGE_STAMPS) for pattern in _REPRINT_PATTERNS),
    *((pattern, is_agency) for pattern in (*_AGENCY_REPORTED_PATTERNS, *_AGENCY_BYLINE_PATTERNS,
                                           *_UNDASHED_DATELINE_PATTERNS)),
)


_BYLINE_START = re.compile(r"^\s*By\s+[A-Z]")
_WORD_KEY = re.compile(r"[^\W_]+")


def _word_keys(text: str) -> list[str]:
    """The words of a text in lower case, punctuation aside ("The Spokesman-Review" ->
    the, spokesman, review)."""
    return _WORD_KEY.findall(text.lower())
#: Most words of a byline read for the outlet its writer works for.
MAX_BYLINE_CREDIT_WORDS = 12


def article_credits(corpus) -> dict[str, Credits]:
    """Article id -> :class:`Credits`, read from every line of the article (body and page
    furniture alike: a credit line is often classed as furniture) or, for a corpus of
    sentences alone, from its sentences; and from the manifest's ``outlet`` (the name in
    brackets, "Fox News (Reuters)"), ``wire_source`` and ``url`` when present."""
    lines: pd.DataFrame = corpus.lines
    if lines is not None and not lines.empty:
        # A photo caption's credit ("... London prison. — AFP/File") is the picture's, not
        # the text's.
        if "role" in lines.columns:
            lines = lines[lines["role"] != "caption"]
        texts = zip(lines["article"].astype(str), lines["text"].astype(str), strict=True)
    else:
        sentences = corpus.sentences
        texts = zip(sentences["article"].astype(str), sentences["sentence"].astype(str), strict=True)
    found: dict[str, tuple[list[str], list[str], list[str]]] = {}
    full_text: dict[str, list[str]] = {}
    bylines: dict[str, list[str]] = {}
    for article, text in texts:
        full_text.setdefault(article, []).append(text)
        if _BYLINE_START.match(text) and len(text.split()) <= MAX_BYLINE_CREDIT_WORDS:
            bylines.setdefault(article, []).append(text)
        reprint, contributed, seen = found.setdefault(article, ([], [], []))
        for pattern in _CONTRIBUTED_PATTERNS:
            for match in pattern.finditer(text):
                contributed.extend(_split_names(match.group(1)))
                seen.append(match.group(0).strip())
        for pattern, accepted in _CREDIT_PATTERNS:
            match = pattern.search(text)
            names = [name for name in _split_names(match.group(1)) if accepted(name)] if match else []
            if names:
                reprint.extend(names)
                seen.append(match.group(0).strip())
        match = _INITIALS_LINE.match(text)
        if match and not set(re.split(r"\s*/\s*", match.group(1))) & _FURNITURE_LABELS:
            reprint.extend(_split_names(match.group(1)))
            seen.append(match.group(0).strip())
    result = {}
    unsure: dict[str, list[str]] = {}
    for row in corpus.articles.to_dict("records"):
        article = str(row["id"])
        reprint, contributed, seen = found.get(article, ([], [], []))
        reprint, contributed, seen = list(reprint), list(contributed), list(seen)
        sure = [name_forms(name) for name in reprint + contributed]
        outlet = str(row.get("outlet") or "")
        outlet = "" if outlet == "nan" else outlet
        own_name = re.sub(r"\([^)]*\)", " ", outlet).strip()
        brackets = re.findall(r"\(([^)]*)\)", outlet)
        for field in [*brackets, str(row.get("wire_source") or "")]:
            if field and field != "nan":
                more_reprint, more_contributed = _manifest_credits(field)
                # Initials ("AP", "BBC") or an agency's name name an organisation; a bracket
                # word may be a place ("The News (Pakistan)") ... and a name the article's
                # own text writes ("told Reuters") is a source.
                own_text = "\n".join(full_text.get(article, []))
                known = [name for name in more_reprint + more_contributed
                         if field not in brackets or re.fullmatch(r"[A-Z]{2,6}", name) or is_agency(name)
                         or re.search(rf"\b{re.escape(name)}\b", own_text)]
                sure += [name_forms(name) for name in known]
                unsure.setdefault(article, []).extend(
                    name for name in more_reprint if name not in known)
                reprint += [name for name in more_reprint if name in known]
                contributed += [name for name in more_contributed if name in known]
                if known:
                    seen.append(f"manifest: {field}")
        own = name_forms(own_name) | _host_forms(str(row.get("url") or ""))
        to_forms = [name_forms(name) for name in reprint]
        contributed_forms = [name_forms(name) for name in contributed]
        result[article] = Credits(
            reprint=tuple(forms for forms in to_forms if forms),
            contributed=tuple(forms for forms in contributed_forms if forms),
            own=own, seen=tuple(dict.fromkeys(seen)), agencies=tuple(forms for forms in sure if forms),
            own_name=own_name,
            reports_itself=reports_in_own_name("\n".join(full_text.get(article, [])), own_name),
        )
    # "By Courtney Subramanian Los Angeles Times": a byline that closes with the name of
    # another article's outlet says whose writer, and so whose text, this is. The outlets'
    # names (of two words or more) are looked up by the byline's last words, so the cost
    # grows with the bylines, not with pairs of articles.
    outlets = {tuple(_word_keys(credit.own_name)): credit.own_name for credit in result.values()
               if len(credit.own_name.split()) >= 2}
    longest = max((len(key) for key in outlets), default=0)
    for article, credit in result.items():
        for byline in bylines.get(article, []):
            keys = _word_keys(byline)
            for size in range(min(longest, len(keys) - 1), 1, -1):
                named = outlets.get(tuple(keys[-size:]))
                forms = name_forms(named) if named else frozenset()
                if forms and not forms & credit.own and forms not in credit.reprint:
                    credit = replace(credit, reprint=credit.reprint + (forms,), seen=credit.seen + (byline.strip(),))
                    break
        result[article] = credit
    # A bracket name that another article credits too names a source, not a place of one
    # outlet; one that no other article credits is left out.
    holders: dict[str, set[str]] = {}
    for article, credit in result.items():
        for forms in (*credit.credited, *(name_forms(name) for name in unsure.get(article, []))):
            for form in forms:
                holders.setdefault(form, set()).add(article)
    for article, credit in result.items():
        confirmed = tuple(forms for forms in (name_forms(name) for name in unsure.get(article, []))
                          if forms and any(holders[form] - {article} for form in forms))
        corroborated = tuple(forms for forms in (*credit.credited, *confirmed)
                             if any(holders[form] - {article} for form in forms))
        result[article] = replace(
            credit, reprint=credit.reprint + confirmed,
            seen=credit.seen + tuple(f"manifest: {name}" for name in unsure.get(article, [])
                                     if name_forms(name) in confirmed),
            agencies=tuple(dict.fromkeys(credit.agencies + corroborated)))
    return result

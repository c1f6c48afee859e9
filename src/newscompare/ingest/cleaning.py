"""Give every line of a raw article a role: shape rules first, then a fitted line model.

Roles: ``headline``, ``byline``, ``dateline``, ``caption``, ``chrome`` (site
furniture), ``promo`` (links to other stories), ``footer``, ``body`` and ``blank``.
The shape rules look at the form of a line (markdown heading, "By ...", a bare date, a
trailing bold credit, "Read more:", a bare URL, a known furniture phrase); the lines
they leave open are decided by the line model (:mod:`.line_model`), fitted on annotated
line roles, from the line's form and place in the article. Nothing looks at which file
or site a line comes from. Every decision carries the name of the rule that made it
(with the model's probability), so the book can show exactly what was removed and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from newscompare.ingest.line_model import ABOVE_BODY, fitted_line_model, line_features
from newscompare.ingest.logistic import LogisticModel
from newscompare.ingest.paths import INGEST_DATA_DIR
from newscompare.ingest.text import normalize, words

ROLES = ("headline", "byline", "dateline", "caption", "chrome", "promo", "footer", "body", "blank")

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_TIME = r"(?:,?\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?"
_DATE_LINE = re.compile(
    rf"^{_WEEKDAY}(?:"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # July 04, 2024
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"  # 4 July 2024
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"  # 2024-07-04
    rf"){_TIME}$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
# "By Jane Doe", and "- BY KEN SWEET AND LARRY NEUMEISTER Associated Press" in print editions.
_BYLINE = re.compile(r"^(?:[-–—]+\s*)?by\s+\S", re.IGNORECASE)
# "By Jintamas Saksornchai, Alanna Durkin Richer and Eric Tucker, Associated Press": names
# only, however many writers; a sentence that opens with "By" has words in lower case.
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_BYLINE_OF_NAMES = re.compile(rf"^(?:[-–—]+\s*)?[Bb]y\s+{_NAME}(?:\s*(?:,|,?\s+and)\s+{_NAME})*\s*$")
_PROMO = re.compile(
    r"^(?:(?:read more|read also|also read|more from|related|see also|recommended|watch|similar news"
    r"|live updates|\W*watch)\s*:"
    # "Previous post Column: ...", "Next post ...": the neighbouring stories of a blog.
    r"|(?:previous|next) (?:post|article|story)\s"
    # "See also  Prime for only eight hours": a link label run into the linked headline.
    r"|(?:see also|read also|also read)\s"
    # "Watch more News on iWantTFC", "Read more Japan stories": a site's invitation.
    r"|(?:watch|read) more\s"
    # "Related What's behind Hawaii's wildfires?": a link label run into the linked headline
    # (a sentence goes on "Related to ...").
    r"|related\s+(?!to\b)(?=[A-Z‘'\"“]))",
    re.IGNORECASE,
)
_FOOTER_LABEL = re.compile(
    r"^(?:original url|source url|originally published(?: at| on)?|source|url|disclaimer)\s*:",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)
_BOLD_CREDIT = re.compile(r"(?:\*\*|__)[^*_]+(?:\*\*|__)\s*$")
_PHOTO_LABEL = re.compile(r"^\(?(?:(?i:photo|image|file photo|picture)\b|FILE\s*[-–—])")
_MONTH_DAY_YEAR = (r"(?:(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.|(?:January|February|March|April|May|June|"
                   r"July|August|September|October|November|December))\s+\d{1,2},\s+\d{4}\b")
# A news photo's caption names where and when it was taken, place and date run together:
# "... during a special Diet session in Tokyo, Japan, Oct. 1, 2024." Article text says
# "on Oct. 1" or "in Tokyo on Tuesday"; none of the development events' body lines does this.
_CAPTION_PLACE_DATE = re.compile(
    r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s+"
    r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+)?"
    + _MONTH_DAY_YEAR)
# The writer's biography under the article: "Jim Byers is a freelance travel writer based in
# ...", "Nina Totenberg is NPR's award-winning legal affairs correspondent", "... is a National
# Correspondent covering ..." (the employer's possessive for the article; a title's capitals).
_AUTHOR_BIO = re.compile(r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+is\s+(?:an?|[A-Z][\w&.-]*['’]s)\s+"
                         r"(?:[\w-]+\s+){0,4}"
                         r"(?i:writer|reporter|journalist|correspondent|editor|columnist|contributor)\b")
# "(AP Photo/Niranjan Shrestha)", "(Kim Hong-Ji/Pool Photo via AP)", "Photo: Reuters": a
# photo credit closes a caption.
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|pool|getty images|file)\b[^()]*)\)\s*$", re.IGNORECASE)
# Other ways a caption closes with its credit: a photographer and an agency in brackets
# ("(AP/Lindsey Wasson)", "[Issei Kato/Reuters]"), an agency alone in brackets after the
# caption's last sentence ("... at the port. (AP)"), a labelled credit ("Photo credit: Reuters",
# "| Photo by Jamie Sabau-USA TODAY Sports", "Photo: Diego M. Radzinschi/ALM"), or a
# copyright sign before the picture's makers ("© Collage: 123RF/rarrarorro & ... / AFP").
_PHOTO_CREDIT_END = re.compile(
    r"(?:[(\[]\s*[A-Z][\w.'’ -]*\s*/\s*[A-Z][\w.'’ -]*[)\]]"
    r"|[.!?”\"]\s*\((?:AP|AFP|Reuters|EPA|Getty Images)\)"
    r"|(?:\bPhoto(?:graph)?(?: credit)?\s*:|\|\s*Photo by)\s*[A-Z][^|]*"
    r"|©\s*[A-Z][^.]*"
    r"|\b(?:File )?[Pp]hoto by [A-Z][\w.'’ -]*/[A-Z][\w-]*\s*\|?"
    # A picture agency after a slash or "via" ("... in Ankara. Kirill Kudryavtsev/AFP via
    # Getty Images, FILE", "DADO RUVIC/REUTERS/ILLUSTRATION"), a photographer after a
    # dash and before a slash ("- DOUG MILLS/ The New York Times"), a credit after "Photo /"
    # or "Photo Courtesy:".
    r"|(?:/\s*|\bvia\s+)(?:AFP|Reuters|REUTERS|AP|AAP|EPA|dpa|EFE|ANSA|Xinhua|Getty Images|GETTY IMAGES|Bloomberg)"
    r"(?:\s*/\s*(?:[A-Z][A-Za-z ]*|dpa))*(?:,\s*FILE)?"
    r"|\s[-–—]\s+[A-Z][A-Z.'’ -]+/\s*[A-Z][^/]*"
    r"|\bPhoto\s*/\s*[A-Z][\w.'’ -]*"
    r"|\bPhoto Courtesy\s*:.*"
    # "... for Switzerland. Credit:AP": a caption's credit label after its last sentence.
    r"|[.!?”\"]\s*Credit\s*:\s*[A-Z][\w.'’ /-]*"
    # A credit in square brackets ("... high [Getty images]"), a handle in brackets ("(X/@narendramodi)"),
    # a staff photographer, or a source in brackets ("(Source: Clint Hansen/CNN)").
    r"|\[(?:Getty [Ii]mages|AFP|Reuters|AP|EPA)[^\]]*\]"
    r"|\((?:[^()]*/)?@\w+\)"
    r"|/\s*Staff Photographer"
    r"|\(Source:[^()]*/[^()]*\))\s*$"
    # A picture agency's copyright opening the caption ("© Reuters. Men transfer ..."), or
    # a picture's source label run into it ("... DawoodImage source, Dawood family").
    r"|^©\s*[A-Z][\w]*\.\s|\bImage source,\s"
    # A caption that says it is one: "In this photo provided by the Libyan government, ...",
    # "This photo combo shows ...".
    r"|^(?:.{0,60}\s[–-]\s)?In this (?:handout |file )?photo\b|^This (?:handout )?photo(?: combo)? shows\b")
# A photo gallery's counter opens its caption: "1 of 2 | Former FTX chief executive ...".
_GALLERY_COUNTER = re.compile(r"^\d{1,2} of \d{1,2}\s*\|")
# An embedded social post, whatever its length: its picture link or its signature
# ("— Chicago Marathon (@ChiMarathon) October 8, 2023"). Article text quotes a post in its
# own sentence; the embed is the post itself.
# A video post's embed opens with its account and tags and ends with its sound's credit
# ("@pmwnews #TikTok #CEO responds ... ♬ original sound - PMW TV").
_SIGNATURE = r"[—–-]\s*[^—–()]*\(@\w+\)\s+\w+\.? \d{1,2}, \d{4}\s*$"
_EMBEDDED_POST = re.compile(rf"\bpic\.twitter\.com/|{_SIGNATURE}|^@\w+\s+#\w+|♬")
EMBEDDED_POST_RULE = "an embedded social post"
# A post's signature alone on its line ("— Alaska Airlines (@AlaskaAir) January 6, 2024"):
# the line above it is the post's text.
_POST_SIGNATURE = re.compile(rf"^{_SIGNATURE}")
#: Words after an embedded post's signature that make its line article text the page glued
#: the post into (the reader's sixteenth book: a passenger's quotations after a CBS post).
MIN_WORDS_AFTER_POST = 12
#: Most words of a post's text above its signature (a post holds 280 characters).
MAX_POST_WORDS = 60
MAX_BYLINE_WORDS = 8  # "By Jane Doe and John Roe, Reuters" fits; a sentence starting "By" does not
# A line that only credits the text's makers or its material, as wire copy closes:
# "The Associated Press contributed to this report.", "With files from The Canadian Press",
# "(Reporting by Leika Kihara; Editing by Sam Holmes)", "Text from AFP", "[Copyright The
# Jiji Press, Ltd.]", "This is a developing story. AFP". Page furniture, not article text;
# the credits module still reads it (it reads every line), so the direction keeps it.
_CREDIT_LINE = re.compile(
    r"^[\[(]?\s*(?:"
    # "The Associated Press contributed to this report": the names keep their capitals.
    r"(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:of|[A-Z][\w&.'’-]*)){0,5}(?:\s*(?:,|and)\s*[A-Z][\w&.'’-]*"
    r"(?:\s+[A-Z][\w&.'’-]*){0,4})*\s+contributed to this (?:report|story|article)"
    r"|(?i:with (?:files|inputs?|additional reporting|reporting) (?:from|by))\s+(?:[Tt]he\s+)?[A-Z]"
    r"|(?i:(?:additional )?(?:reporting|writing|editing|compiled) by)\s+[A-Z]"
    r"|(?i:(?:text|story|content) (?:from|by|courtesy of))\s+(?:[Tt]he\s+)?[A-Z][\w&.'’-]*"
    r"(?:\s+[A-Z][\w&.'’-]*){0,3}\s*[.)\]]?\s*$"
    r"|(?i:copyright|©)\s"
    # "AP, Reuters", "PTI/IANS": agencies' names alone on a line.
    r"|[A-Z][\w&.'’-]*(?:\s*[,/&]\s*[A-Z][\w&.'’-]*){1,3}\.?\s*$"
    # "- The Associated Press", "— Reuters": a closing credit on a line of its own.
    r"|[-–—]+\s*(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}\s*$"
    r"|(?i:this (?:is a (?:developing|breaking)(?: news)? story|story is (?:developing|breaking)))\b"
    r")")
#: A credit line is short: a longer line that opens so is a sentence of the article.
MAX_CREDIT_LINE_WORDS = 25


def _load_chrome_phrases() -> frozenset[str]:
    path = INGEST_DATA_DIR / "chrome_phrases.txt"
    phrases = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        phrase = raw.split("#", 1)[0].strip().lower()
        if phrase:
            phrases.add(phrase)
    return frozenset(phrases)


CHROME_PHRASES = _load_chrome_phrases()


def _load_chrome_patterns() -> tuple[re.Pattern[str], ...]:
    path = INGEST_DATA_DIR / "chrome_patterns.txt"
    return tuple(re.compile(raw.strip(), re.IGNORECASE)
                 for raw in path.read_text(encoding="utf-8").splitlines()
                 if raw.strip() and not raw.startswith("#"))


CHROME_PATTERNS = _load_chrome_patterns()
#: A line of at most this many words can be furniture by its content (a chrome pattern);
#: a longer line is article text whatever words it contains.
MAX_FURNITURE_WORDS = 30
#: A line of this many sentences or more is running text, never a headline or standfirst
#: (no headline line of the thirty-six development events holds three).
MIN_SENTENCES_OF_TEXT = 3
#: A line of more words is running text, never a headline or standfirst: the longest of the
#: sixty development events' 531 holds 67 (a new user's book took an 86-word lede, glued to
#: a promo, for the title).
MAX_HEADLINE_WORDS = 70
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])")
#: The headline probability at which the first open line above the body is taken as the
#: title when the line model calls no line of the article a headline.
MIN_TITLE_PROBABILITY = 0.2
# "Home > News > World" and "News | World | Sport": navigation.
_BREADCRUMB = re.compile(r"(?:\S\s*[>|»]\s*\S.*){2,}|^\s*\S.{0,40}\|\s*$")
# "1. tallwookie says:" opens the reader comments; everything after it is comments.
_COMMENT_HEADER = re.compile(r"^\d{1,4}\.\s+\S.{0,60}\s+(?:says|said|wrote)\s*:?\s*$", re.IGNORECASE)
@dataclass(frozen=True)
class LineRole:
    role: str
    rule: str  # the rule that decided, in words a reader understands


def _role_by_shape(line: str) -> LineRole | None:
    """Roles that follow from the line alone, wherever it stands."""
    plain = normalize(line)
    lowered = plain.lower()
    if _HEADING.match(line):
        return LineRole("headline", "markdown heading")
    if _PROMO.match(plain):
        return LineRole("promo", "promotion label such as 'Read more:'")
    if _FOOTER_LABEL.match(plain):
        return LineRole("footer", "a source or address label ('Source:', 'Original url:')")
    if _BARE_URL.match(line.strip()):
        return LineRole("footer", "bare URL")
    if _BYLINE.match(plain) and len(plain.lstrip("-–— ").split()) <= MAX_BYLINE_WORDS:
        return LineRole("byline", "starts with 'By' and is short")
    if _BYLINE_OF_NAMES.match(plain):
        return LineRole("byline", "starts with 'By' and names people only")
    if _DATE_LINE.match(plain):
        return LineRole("dateline", "the line is a date")
    if len(plain.split()) <= MAX_CREDIT_LINE_WORDS and _CREDIT_LINE.match(plain):
        return LineRole("footer", "a credit line ('With inputs from PTI', 'The Associated Press contributed to this report')")
    if _BOLD_CREDIT.search(line):
        return LineRole("caption", "ends with a bold credit (photo caption)")
    if _PHOTO_LABEL.match(plain):
        return LineRole("caption", "starts with a photo label")
    if _PHOTO_CREDIT.search(plain) or _PHOTO_CREDIT_END.search(plain) or _GALLERY_COUNTER.match(plain):
        return LineRole("caption", "ends with a photo credit")
    if _CAPTION_PLACE_DATE.search(plain):
        return LineRole("caption", "a photo caption's place and full date ('in Tokyo, Japan, Oct. 1, 2024')")
    if _AUTHOR_BIO.match(plain):
        return LineRole("footer", "the writer's biography ('... is a freelance travel writer')")
    if _EMBEDDED_POST.search(plain) and not _text_after_post(plain):
        return LineRole("chrome", EMBEDDED_POST_RULE)
    if lowered.rstrip(" .:|") in CHROME_PHRASES:
        return LineRole("chrome", "known site furniture phrase")
    # A long line is text whatever it holds: a paragraph with inline HTML links has its
    # ">" too, and is no menu.
    if len(plain.split()) <= MAX_FURNITURE_WORDS and _BREADCRUMB.search(plain):
        return LineRole("chrome", "navigation (items separated by > or |)")
    if len(plain.split()) <= MAX_FURNITURE_WORDS and any(p.search(plain) for p in CHROME_PATTERNS):
        return LineRole("chrome", "short line with a site furniture pattern (newsletter, paywall, disclaimer)")
    return None


def _text_after_post(plain: str) -> bool:
    """Whether article text runs on after the last embedded post of the line."""
    last = list(_EMBEDDED_POST.finditer(plain))[-1]
    return len(plain[last.end():].split()) >= MIN_WORDS_AFTER_POST


def _filled_above(roles: list[LineRole | None], index: int) -> int | None:
    """The nearest line above ``index`` that is not blank, or None."""
    return next((k for k in range(index - 1, -1, -1) if roles[k] is None or roles[k].role != "blank"), None)


def shape_roles(lines: list[str]) -> list[LineRole | None]:
    """The roles that follow from the shape of each line, reader comments and a repeated
    headline; ``None`` where the shape says nothing (the line model decides those)."""
    roles: list[LineRole | None] = []
    headline: str | None = None
    in_comments = False
    for line in lines:
        plain = normalize(line)
        if not line.strip():
            roles.append(LineRole("blank", "empty line"))
            continue
        if in_comments or _COMMENT_HEADER.match(plain):
            in_comments = True
            roles.append(LineRole("footer", "reader comments (after a 'N. name says:' line)"))
            continue
        decided = _role_by_shape(line)
        if decided is not None and decided.role == "headline":
            if headline is not None and plain.lower() == headline:
                decided = LineRole("chrome", "headline repeated")
            else:
                headline = plain.lower()
        if _POST_SIGNATURE.match(plain.strip()):
            # The post's text stands on the line above its signature, unless that line is
            # the post's picture link; then on the one above that, when it carries tags.
            above = _filled_above(roles, len(roles))
            if above is not None and roles[above] is not None and roles[above].rule == EMBEDDED_POST_RULE:
                higher = _filled_above(roles, above)
                if higher is not None and "#" in lines[higher]:
                    above = higher
            if above is not None and roles[above] is None and len(normalize(lines[above]).split()) <= MAX_POST_WORDS:
                roles[above] = LineRole("chrome", f"{EMBEDDED_POST_RULE} (its text, above its signature)")
        roles.append(decided)
    return roles


#: Fewest words an address's last part must spell to name the headline ("/world/12345"
#: spells nothing; "/slovakias-prime-minister-injured-in-shooting" does).
MIN_SLUG_WORDS = 3
#: Share of the address's words a line must hold to be the headline it spells...
SLUG_COVERAGE = 0.75
_SLUG_SPLIT = re.compile(r"[-_+]+")
SLUG_HEADLINE_RULE = "the headline the article's address spells"


def slug_words(url: str) -> list[str]:
    """The words of a news address's slug, lower-case: the longest hyphenated part of its
    path ("slovakias-prime-minister-injured-in-shooting-…" from ".../world/2024-05-15/
    slovakias-prime-minister-injured-in-shooting-6027641.html"), numbers and file
    extensions left out; empty when no part spells :data:`MIN_SLUG_WORDS` words."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE)
    path = path.split("?", 1)[0].split("#", 1)[0]
    best: list[str] = []
    for part in path.split("/"):
        part = re.sub(r"\.(?:s?html?|php|aspx?|cms)$", "", part, flags=re.IGNORECASE)
        found = [word for word in _SLUG_SPLIT.split(part.lower())
                 if word.isalpha() and len(word) > 1]
        if len(found) > len(best):
            best = found
    # A slug of a headline names things ("slovakias prime minister injured ..."); one of
    # stop words and a name or two is a section or a publication ("/the-sun-lowell/").
    content = [word for word in best if word not in STOP_WORDS]
    return best if len(content) >= MIN_SLUG_WORDS else []


def spells_slug(line: str, slug: list[str]) -> bool:
    """Whether ``line`` is the headline an address's slug spells: it holds at least
    :data:`SLUG_COVERAGE` of the slug's words (apostrophes dropped, as addresses drop
    them), is not much longer than the slug and does not end as a sentence does (the
    lead paragraph often retells the headline's words)."""
    if not slug:
        return False
    line_words = [word.replace("'", "") for word in words(line)]
    if not line_words or len(line_words) > 1.5 * len(slug) + 2 or line.rstrip().endswith("."):
        return False  # longer, or a sentence: the lead that retells the headline
    held = set(line_words)
    return sum(word in held for word in slug) >= SLUG_COVERAGE * len(slug)


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def ends_as_sentence(text: str) -> bool:
    """Whether ``text`` ends as a complete sentence does: a full stop, question or
    exclamation mark or an ellipsis, perhaps inside a closing quotation mark or bracket."""
    return bool(_SENTENCE_END.search(text))


def _continues_sentence(roles: list[LineRole], lines: list[str], index: int) -> bool:
    """Whether line ``index`` ends a sentence that the article text just above leaves open:
    a print edition breaks its lines inside sentences ("... and comedian" / "Larry David."),
    and the short last piece reads to the line model like a menu item."""
    above = next((k for k in range(index - 1, -1, -1) if roles[k].role != "blank"), None)
    if above is None or roles[above].role != "body":
        return False
    return (not _SENTENCE_END.search(normalize(lines[above]))
            and normalize(lines[above]).rstrip()[-1:].isalpha()
            and bool(_SENTENCE_END.search(normalize(lines[index]))))


#: A text is hard-wrapped (a line break every so many characters, inside sentences, as
#: archives and mailing lists store it) when at least this many of its lines stop
#: mid-sentence with the next line going on in lower case; no file of the development
#: events or the seeds has even two such breaks.
MIN_WRAP_BREAKS = 3
#: In a hard-wrapped text, a line that stops mid-sentence and is at least this share of
#: the wrap width is wrapped; a shorter one ends its paragraph or is a line of its own
#: ("Send a link to a friend").
WRAPPED_LINE_SHARE = 0.75
#: Lines this long or longer are counted when the wrap width is measured.
MIN_WRAPPED_LENGTH = 40
_OPEN_END = re.compile(r"[^\s.!?:;\"”’')\]]$")


def wrapped_line_groups(lines: list[str]) -> list[list[int]]:
    """The raw lines read as one line, as lists of indices in order: in a hard-wrapped
    text, each run of lines that the wrap cut inside a sentence; elsewhere, every line on
    its own. Line roles are then given to the joined lines, so that a wire story wrapped
    every seventy characters is read as its paragraphs, not as seventy-character
    fragments that look like headlines and menus."""
    lengths = [len(line.rstrip()) for line in lines]
    opens = [bool(_OPEN_END.search(line.rstrip())) for line in lines]
    breaks = [i for i in range(len(lines) - 1) if opens[i] and lengths[i] >= MIN_WRAPPED_LENGTH
              and lines[i + 1].strip()[:1].islower()]
    if len(breaks) < MIN_WRAP_BREAKS:
        return [[i] for i in range(len(lines))]
    width = sorted(lengths[i] for i in breaks)[len(breaks) // 2]
    groups = [[0]] if lines else []
    for i in range(1, len(lines)):
        previous = i - 1
        if lines[i].strip() and opens[previous] and WRAPPED_LINE_SHARE * width <= lengths[previous] \
                <= width / WRAPPED_LINE_SHARE:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def assign_roles(lines: list[str], model: LogisticModel | None = None, url: str = "") -> list[LineRole]:
    """Return one :class:`LineRole` per line of an article, in order.

    The shape rules decide first; the fitted line model (:mod:`.line_model`) decides the
    lines they leave open: article text, a headline or standfirst, or page furniture. A
    line that repeats the headline is furniture. With the article's address (``url``), the
    first line the address's slug spells (:func:`spells_slug`) is the headline, whatever
    the model reads: a page's address is written from its title, not from its menus.
    """
    model = model or fitted_line_model()
    shapes = shape_roles(lines)
    slug = slug_words(url)
    titled = next((index for index, (line, decided) in enumerate(zip(lines, shapes, strict=True))
                   if (decided is None or decided.role == "headline") and spells_slug(line, slug)),
                  None)
    if titled is not None:
        shapes[titled] = LineRole("headline", SLUG_HEADLINE_RULE)
    roles: list[LineRole] = []
    by_model: set[int] = set()  # the lines the model decided
    headlines: set[str] = set()
    for line, decided, feature in zip(lines, shapes, line_features(lines), strict=True):
        plain = normalize(line).lower()
        if decided is not None:
            if decided.role == "headline":
                headlines.add(plain)
            roles.append(decided)
            continue
        if feature is None:  # only invisible characters: the reader's check refuses it
            roles.append(LineRole("body", "article text"))
            continue
        if plain in headlines:
            roles.append(LineRole("chrome", "headline repeated"))
            continue
        by_model.add(len(roles))
        probabilities = model.probabilities(feature)
        kind = max(probabilities, key=probabilities.__getitem__)
        # A title or standfirst is a sentence or two; a line of three or more is no
        # headline, whatever the page glued to it (a promo's headline at its end): the
        # model's next choice, text or furniture, decides.
        plain_line = normalize(line).strip()
        several = len(_SENTENCE_BREAK.findall(plain_line)) >= MIN_SENTENCES_OF_TEXT - 1
        long_line = len(plain_line.split()) > MAX_HEADLINE_WORDS
        no_title = ""
        if kind == "headline" and (several or long_line):
            # Text, not furniture either: what a page glues to a paragraph (a promo's
            # headline) does not make the paragraph's sentences a menu.
            kind = "body"
            no_title = (f"{MIN_SENTENCES_OF_TEXT} sentences or more, so no headline; " if several else
                        f"more than {MAX_HEADLINE_WORDS} words, so no headline; ")
        if kind == "furniture" and not headlines and feature[ABOVE_BODY] and not several and not long_line and (
                probabilities["headline"] >= MIN_TITLE_PROBABILITY):
            # A news page has a title: the first open line above the body that the model
            # finds headline-like enough is it, though menus look much the same.
            roles.append(LineRole("headline", "the page's title: first open line above the body "
                                              f"(line model: headline {probabilities['headline']:.0%})"))
            headlines.add(plain)
        elif kind == "headline":
            headlines.add(plain)
            roles.append(LineRole("headline", f"line model: headline or standfirst ({probabilities[kind]:.0%})"))
        elif kind == "furniture" and _continues_sentence(roles, lines, len(roles)):
            roles.append(LineRole("body", "finishes the sentence the article text above leaves open"))
        elif kind == "furniture":
            roles.append(LineRole("chrome", f"{no_title}line model: page furniture ({probabilities[kind]:.0%})"))
        else:
            roles.append(LineRole("body", f"{no_title}article text" if no_title else "article text"))
    if not any(role.role == "body" for role in roles):
        # The model knows running text by its long lines; a text made only of short lines
        # is still text, so its open lines are kept rather than the whole file refused.
        roles = [LineRole("body", "short text: every open line kept as article text")
                 if index in by_model else role for index, role in enumerate(roles)]
    return roles

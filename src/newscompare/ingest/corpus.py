"""Load a folder of articles with a manifest into tidy tables.

``load_corpus(folder)`` returns a :class:`Corpus` with

* ``articles``: one row per article (manifest fields, headline, byline, dateline,
  counts of words, sentences and paragraphs);
* ``lines``: one row per line of each raw file with its role and the rule that set it;
* ``sentences``: one row per body sentence, with its original text, a normalized form
  for comparison and character offsets into the raw file.

Raw files are only read, never written.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd
from spacy.tokens import Span

from newscompare.ingest.cleaning import SLUG_HEADLINE_RULE, assign_roles, wrapped_line_groups
from newscompare.ingest.errors import CorpusError, CorpusWarning, OutputError
from newscompare.ingest.manifest import MANIFEST_NAME, ManifestRow, decode_utf8, read_manifest
from newscompare.ingest.nlp import load_model, parse_texts
from newscompare.ingest.text import normalize, strip_markdown, words

ARTICLE_SUFFIX = ".txt"  # files in a corpus folder that must have a manifest row
#: Longest article read, in bytes. The model parses about 5,000 words a second on one core,
#: so an article of this size (about 80,000 words) takes about 20 s to parse, and every
#: later step is linear in it; a 2 MB article ran past two minutes and a 20 MB one would
#: take over an hour (issue 23). The longest news feature runs to some 20,000 words
#: (about 120 KB); a larger file is a scraped site, a log or a corpus dump, refused before
#: it is parsed (only this many bytes of it are read).
MAX_ARTICLE_BYTES = 500_000
_LINE = re.compile(r"[^\n]*(?:\n|$)")
#: Most pairs of articles that share a sequence of :data:`PAIR_SEQUENCE_WORDS` words,
#: checked before parsing. The pair and alignment tables list every such pair, so their
#: cost grows with the square of a family's size (a story reprinted by n outlets gives
#: n(n-1)/2 pairs), at about 80 microseconds a pair here: 500 reprints of one story
#: (124,750 pairs) took 14 s, 1,000 (499,500) 46 s; 2,000 (1,999,000) would take minutes
#: (issue 23). The limit is set by the largest corpus `make bench` analyses, 5,000
#: articles on many stories with 1,121,502 such pairs (counted as here), which it must
#: keep; so a corpus just under it spends about two minutes on its pairs. A count of
#: articles would have to refuse that bench corpus to catch 2,000 reprints of one story.
MAX_SHARING_PAIRS = 1_500_000
#: Words in the sequences counted: the n-gram size of text reuse's pair candidates
#: (``ReuseThresholds.ngram_size``; a test keeps the two equal).
PAIR_SEQUENCE_WORDS = 5

ARTICLE_COLUMNS = [
    "id", "outlet", "file", "url", "published", "published_start", "published_end",
    "headline", "byline", "dateline", "paragraphs", "sentences", "words",
]
LINE_COLUMNS = ["article", "line_number", "role", "rule", "text", "start", "end"]
SENTENCE_COLUMNS = [
    "article", "paragraph_index", "sentence_index", "sentence", "normalized", "start", "end",
]


@dataclass(frozen=True)
class ArticleFile:
    """Where a manifest row's article is: resolved once, and used for every read and copy."""

    path: Path  # absolute, symlinks and ``..`` resolved; inside the corpus folder
    relative: PurePosixPath  # the same file relative to the resolved corpus folder (no ``..``)


@dataclass(eq=False)  # compared and hashed by identity: a loaded corpus is not changed
class Corpus:
    """The tables of one corpus folder, and the parsed sentences behind them."""

    folder: Path
    articles: pd.DataFrame
    lines: pd.DataFrame
    sentences: pd.DataFrame
    #: spaCy sentence spans keyed by (article id, sentence_index), so that later
    #: analyses (entities, quotes) reuse the parse instead of running the model again.
    spans: dict[tuple[str, int], Span] = field(repr=False, default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return list(self.articles["id"])

    def outlet(self, article_id: str) -> str:
        """The outlet name shown for an article in tables and figures."""
        return self._outlets[article_id]

    @functools.cached_property
    def _outlets(self) -> dict[str, str]:
        # One lookup table, not a scan of the articles per call (called once per mention).
        return {str(a): str(o) for a, o in zip(self.articles["id"], self.articles["outlet"])}

    def labels(self) -> dict[str, str]:
        """Article id -> "id outlet" label, for figures and tables."""
        return {row.id: f"{row.id} {row.outlet}" for row in self.articles.itertuples()}

    @classmethod
    def from_sentences(cls, sentences: pd.DataFrame, articles: pd.DataFrame | None = None) -> Corpus:
        """A corpus of sentences already split elsewhere: no raw lines and no parse, so only
        the analyses that read the text alone (reuse, edits) apply to it.

        ``sentences`` needs the columns ``article, sentence_index, sentence``; without
        ``articles`` a table of ids alone (no outlets, no dates) is derived from it.
        """
        missing = {"article", "sentence_index", "sentence"} - set(sentences.columns)
        if missing:
            raise ValueError(f"sentences table lacks columns {sorted(missing)}")
        if articles is None:
            articles = pd.DataFrame({"id": sorted(sentences["article"].astype(str).unique())})
        return cls(folder=Path("."), articles=articles, lines=pd.DataFrame(), sentences=sentences)


def split_lines(text: str) -> list[tuple[int, str]]:
    """Lines of ``text`` with their start offsets; line ends (\\n, \\r\\n) excluded."""
    result = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.group() == "":
            break
        result.append((match.start(), match.group().rstrip("\r\n")))
    return result


def _leaves_folder(name: str) -> bool:
    """True when the path ``name`` climbs above the folder it is read in (``..`` at the top,
    even if it comes back: ``../corpus/a.txt``), written as seen, before any symlink."""
    depth = 0
    for part in PurePosixPath(name.replace("\\", "/")).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def _resolve_article_file(folder: Path, row: ManifestRow) -> ArticleFile:
    """The file a manifest row names, resolved once (symlinks and ``..`` followed); raise
    :class:`CorpusError` naming the manifest and the line when it is not a regular file
    inside ``folder`` by every route: written as an absolute path, climbing out with ``..``,
    or reached through a symbolic link (to a folder or a file) that points outside."""
    manifest_path = folder / MANIFEST_NAME
    name = row.fields["file"]
    expected = "expected a file name relative to the corpus folder, inside it"
    # An absolute path is refused even when it points inside: the manifest must still be
    # right when the folder is copied or moved (new-report copies it).
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute():
        raise CorpusError(manifest_path, f"file {name!r} is an absolute path; {expected}",
                          line=row.line)
    if _leaves_folder(name):
        raise CorpusError(manifest_path, f"file {name!r} climbs out of the corpus folder "
                          f"with '..'; {expected}", line=row.line)
    root = folder.resolve()
    try:
        path = (folder / name).resolve()
        path.exists()  # a name too long for the file system fails here, not later
    except RuntimeError:  # pathlib's report of a symbolic link that points back to itself
        raise CorpusError(manifest_path, f"file {name!r} is a loop of symbolic links; "
                          "expected an article file", line=row.line) from None
    except OSError as error:
        raise CorpusError(manifest_path, f"file name {name[:80]!r}… cannot be used "
                          f"({error.strerror}); expected an article file", line=row.line) from None
    if root not in path.parents:
        raise CorpusError(manifest_path, f"file {name!r} leads outside the corpus folder "
                          f"(through a symbolic link, to {path}); {expected}", line=row.line)
    relative = PurePosixPath(path.relative_to(root).as_posix())
    if relative == PurePosixPath(MANIFEST_NAME):
        raise CorpusError(manifest_path, f"file {name!r} is the manifest itself; "
                          "expected an article file", line=row.line)
    if path.exists() and not path.is_file():
        raise CorpusError(manifest_path, f"file {name!r} is not a regular file (a folder, a "
                          "device or a pipe); expected an article file", line=row.line)
    if not path.is_file():
        near = _same_name_but_case(path)
        hint = (f" ({near.name!r} is there: file names are case-sensitive)" if near is not None else "")
        raise CorpusError(manifest_path, f"file {name!r} not found in {folder}{hint}; "
                          "expected an article file for this row", line=row.line)
    return ArticleFile(path=path, relative=relative)


def _same_name_but_case(path: Path) -> Path | None:
    """A file beside the missing ``path`` whose name differs from it only in case: a
    manifest written on a case-insensitive disk (macOS, Windows) names ``Story.TXT`` for
    ``story.txt``, and "not found" alone would leave the user staring at a file that is
    there."""
    if not path.parent.is_dir():
        return None
    wanted = path.name.casefold()
    return next((sibling for sibling in sorted(path.parent.iterdir())
                 if sibling.name.casefold() == wanted and sibling.is_file()), None)


def _check_files(folder: Path, rows: list[ManifestRow]) -> dict[int, ArticleFile]:
    """The resolved file of every row, keyed by its manifest line; raise
    :class:`CorpusError` for a file named twice or an article file no row names."""
    manifest_path = folder / MANIFEST_NAME
    files: dict[int, ArticleFile] = {}
    listed: dict[Path, int] = {}  # resolved file -> manifest line naming it
    for row in rows:
        article_file = _resolve_article_file(folder, row)
        if article_file.path in listed:
            # Two ids for one text would be reported as a perfect copy of itself.
            raise CorpusError(
                manifest_path, f"file {row.fields['file']!r} is already named on line "
                f"{listed[article_file.path]}; expected each article file once", line=row.line
            )
        listed[article_file.path] = row.line
        files[row.line] = article_file
    for path in sorted(folder.glob(f"*{ARTICLE_SUFFIX}")):
        if path.resolve() not in listed:
            raise CorpusError(
                path, f"article file has no row in {MANIFEST_NAME}; "
                "expected one row naming it in the 'file' column"
            )
    return files


def _read_article(folder: Path, row: ManifestRow, article_file: ArticleFile) -> tuple[str, str]:
    """The text of the checked ``article_file`` and the sha256 of its bytes; raise
    :class:`CorpusError` naming the file and the line where it passes
    :data:`MAX_ARTICLE_BYTES`, before the rest of it is read."""
    with article_file.path.open("rb") as stream:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise CorpusError(
            folder / article_file.relative,
            f"the article is longer than {MAX_ARTICLE_BYTES:,} bytes (it passes that size on "
            f"this line); expected an article of at most {MAX_ARTICLE_BYTES:,} bytes (about "
            "80,000 words, some 20 s of parsing): split the file or keep only the article",
            line=data.count(b"\n", 0, MAX_ARTICLE_BYTES) + 1,
        )
    actual = hashlib.sha256(data).hexdigest()
    expected = row.fields.get("sha256", "").lower()
    if expected and actual != expected:
        raise CorpusError(
            folder / MANIFEST_NAME,
            f"sha256 of {row.fields['file']} is {actual}, expected {expected} "
            "as the manifest says (the file changed, or the manifest is wrong)",
            line=row.line,
        )
    text = decode_utf8(folder / article_file.relative, data)
    page_line = _html_page_line(text)
    if page_line is not None:
        raise CorpusError(
            folder / article_file.relative,
            "the file is a web page's HTML source, not its text; expected the article as plain "
            "text (save the page as text, or copy the article from the browser)", line=page_line,
        )
    return text, actual


#: What starts a saved web page's source (its document type or root elements) at the head of
#: a line: no article's text does, so a file holding one is a page saved as source.
_HTML_PAGE_START = re.compile(r"\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)
#: Lines looked at: a page's source declares itself within its first lines.
HTML_CHECK_LINES = 20


def _html_page_line(text: str) -> int | None:
    """The line (from 1) that shows ``text`` is a web page's HTML source, or None."""
    for number, line in enumerate(text.splitlines()[:HTML_CHECK_LINES], start=1):
        if _HTML_PAGE_START.match(line):
            return number
    return None


def _display(line: str) -> str:
    """A header line as a reader would see it: markdown removed, "By " dropped."""
    return re.sub(r"^by\s+", "", normalize(strip_markdown(line)), flags=re.IGNORECASE)


#: Longest text given to the model in one piece. A longer paragraph (no reporter writes
#: one: it is a scraped page without line breaks) is parsed in pieces cut at a sentence
#: end, which changes nothing but where the model may place a sentence boundary.
#: Raising spaCy's ``max_length`` (1,000,000 characters) instead would trade its clear
#: error for memory exhaustion (the parser and the entity recognizer need about 1 GB per
#: 100,000 characters), and would leave the per-sentence analyses, which look up their
#: sentence's entities and quotations in the whole parsed piece, quadratic in its length.
#: Ten thousand characters is ten times a long news paragraph.
MAX_PARSE_CHARS = 10_000
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
#: Below this share of Latin letters (or of words per character) the English model's
#: sentences, entities and parse are not to be trusted: a warning names the file.
MIN_LATIN_SHARE = 0.5
LATIN_SCRIPT_REASON = "letters are Latin script"
MIN_WORDS_PER_CHAR = 0.02  # English runs near 0.17; a 50-character average "word" is not text


@dataclass
class ReadArticle:
    """One article read and checked, before parsing."""

    row: ManifestRow
    file: ArticleFile
    sha256: str  # of the bytes read and checked
    lines: list[dict]
    header: dict[str, str]
    paragraphs: list[tuple[int, str]]  # (offset of first non-space char, text)
    words: int
    pieces: list[tuple[int, int, str]] = field(default_factory=list)  # (paragraph, offset, text)


def _parse_pieces(paragraphs: list[tuple[int, str]], limit: int) -> list[tuple[int, int, str]]:
    """(paragraph index, offset in the file, text) of each piece given to the model: a
    paragraph, or for one over ``limit`` characters, pieces cut after the last sentence end
    (else the last space) before the limit."""
    pieces = []
    for index, (offset, text) in enumerate(paragraphs):
        position = 0
        while len(text) - position > limit:
            window = text[position:position + limit]
            cut = 0
            for match in _SENTENCE_BREAK.finditer(window):
                cut = match.end()
            if cut == 0:
                cut = window.rfind(" ") + 1 or limit
            pieces.append((index, offset + position, window[:cut]))
            position += cut
        pieces.append((index, offset + position, text[position:]))
    return pieces


def _unreadable_reason(body: str, word_count: int) -> str | None:
    """Why the English model cannot read ``body`` (mostly another script, or far too few
    words for its length), or None."""
    # NFKC first: fullwidth Latin ("ＰＭ Ｍｏｄｉ") is Latin to a reader and to the model.
    letters = [char for char in unicodedata.normalize("NFKC", body) if char.isalpha()]
    # Letters below U+0250 are Latin (ASCII, Latin-1, Latin Extended-A/B); only the rest
    # need a look-up in the Unicode database.
    latin = sum(1 for char in letters
                if char < "\u0250" or unicodedata.name(char, "").startswith("LATIN"))
    if letters and latin / len(letters) < MIN_LATIN_SHARE:
        return f"only {latin / len(letters):.0%} of the {LATIN_SCRIPT_REASON}"
    characters = sum(1 for char in body if not char.isspace())
    if characters and word_count / characters < MIN_WORDS_PER_CHAR:
        return f"{word_count} words in {characters} characters"
    return None


def _is_outlet_name(line: str, outlet: str) -> bool:
    """Whether a header line only names the publication ("Toronto Star" on a page of the
    outlet "Toronto Star (PressReader)", "The Sun (Lowell)" for "The Sun (Lowell) via
    PressReader"): a print page's masthead, not its headline."""
    line_words = {word.lower() for word in words(line)}
    return bool(line_words) and line_words <= {word.lower() for word in words(outlet)}


def _read_and_check(folder: Path, row: ManifestRow, article_file: ArticleFile) -> ReadArticle:
    """Read one article, give each line its role and check that it has words to analyse."""
    article_id = row.fields["id"]
    path = folder / article_file.relative  # as the researcher sees it, in messages
    text, sha256 = _read_article(folder, row, article_file)
    raw_lines = split_lines(text)
    groups = wrapped_line_groups([line for _, line in raw_lines])
    # A hard-wrapped text is read as its paragraphs: the lines of a group joined, each line
    # end a space, so that offsets into the joined text are offsets into the file.
    joined = [text[raw_lines[group[0]][0]:raw_lines[group[-1]][0] + len(raw_lines[group[-1]][1])]
              .replace("\r", " ").replace("\n", " ") for group in groups]
    group_roles = assign_roles(joined, url=row.fields.get("url", "") or "")
    header = {"headline": "", "byline": "", "dateline": ""}
    outlet = row.fields.get("outlet", "") or ""
    line_records = []
    paragraphs: list[tuple[int, str]] = []
    first_body_line = None
    for group, line, role in zip(groups, joined, group_roles, strict=True):
        rule = role.rule if len(group) == 1 else f"{role.rule}; lines {group[0] + 1}-{group[-1] + 1} read as one (hard-wrapped text)"
        for index in group:
            start, raw = raw_lines[index]
            line_records.append(
                {"article": article_id, "line_number": index + 1, "role": role.role,
                 "rule": rule, "text": raw, "start": start, "end": start + len(raw)}
            )
        start = raw_lines[group[0]][0]
        if role.role in header and (not header[role.role] or role.rule == SLUG_HEADLINE_RULE
                                    or _is_outlet_name(header[role.role], outlet)):
            header[role.role] = _display(line)  # the headline the address spells comes first
        if role.role == "body":
            stripped = line.strip()
            paragraphs.append((start + line.index(stripped[0]), stripped))
            first_body_line = first_body_line or group[0] + 1
    if not paragraphs:
        # Name the longest line and the rule that set it aside: what a user would check first.
        longest = max(line_records, key=lambda record: len(words(record["text"])), default=None)
        why = (f"; its longest line was read as {longest['role']} ({longest['rule']})"
               if longest and longest["text"].strip() else "")
        raise CorpusError(
            path,
            "no body text found (every line is blank, a header, caption, chrome, promo "
            f"or footer{why}); expected at least one paragraph of article text",
            line=longest["line_number"] if why else None,
        )
    body_words = sum(len(words(paragraph)) for _, paragraph in paragraphs)
    unreadable = _unreadable_reason("\n".join(text for _, text in paragraphs), body_words)
    english_only = ("expected English text (the model is English-only: sentences, entities "
                    "and quotes are unreliable)")
    # The script is judged on the whole text, not on the lines the English line model kept
    # as body: it reads lines of another script as page furniture, which would leave a
    # mostly Hindi article with its one English line analysed as English.
    whole = _unreadable_reason("\n".join(line for _, line in raw_lines), max(body_words, 1))
    if whole and whole.endswith(LATIN_SCRIPT_REASON):
        unreadable = whole
    if unreadable and unreadable.endswith(LATIN_SCRIPT_REASON):
        # A mixed collection goes on: the article stays in the article list, with its
        # lines, and is left out of everything the English model reads (sentences, reuse,
        # entities, quotations), where its output would be noise.
        warnings.warn(CorpusWarning(
            f"{path}: {unreadable}; left out of the analyses that need the English model "
            "(sentences, reuse, entities, quotations), kept in the article list"), stacklevel=3)
        return ReadArticle(row, article_file, sha256, line_records, header, [], 0)
    if body_words == 0:
        # An empty file is refused; so is one whose text is only invisible characters,
        # punctuation or symbols (nothing to compare).
        reason = unreadable or "only punctuation, symbols or invisible characters"
        raise CorpusError(
            path, f"the body has no words ({reason}); expected article text", line=first_body_line,
        )
    if unreadable:
        warnings.warn(CorpusWarning(f"{path}: {unreadable}; {english_only}"), stacklevel=3)
    return ReadArticle(row, article_file, sha256, line_records, header, paragraphs, body_words)


def resolved(path: Path) -> Path:
    """``path`` with its symbolic links followed, or :class:`OutputError` naming it when
    they loop (Python raises RuntimeError or OSError there, depending on its version)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as error:
        raise OutputError(path, f"cannot be followed ({error}); expected a folder or a path "
                          "without a loop of symbolic links") from None


def check_outside_corpus(path: Path, corpus_dir: Path) -> None:
    """Raise :class:`OutputError` naming ``path`` when it is the corpus folder or lies inside
    it (symbolic links followed): a command writes there only outside the corpus, so that no
    article and no manifest is ever overwritten or joined by a stray file."""
    corpus = corpus_dir.resolve()
    target = resolved(path)
    if target == corpus or corpus in target.parents:
        raise OutputError(path, f"is inside the corpus folder {corpus_dir}; expected a path "
                          "outside it (the corpus is never modified)")


def read_articles(folder: Path | str) -> list[ReadArticle]:
    """Every article of ``folder``, read, cleaned and checked (not parsed), sorted by id."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(folder, "not a folder; expected a corpus folder with a manifest.csv")
    rows = read_manifest(folder)
    files = _check_files(folder, rows)
    read = [_read_and_check(folder, row, files[row.line])
            for row in sorted(rows, key=lambda r: r.fields["id"])]
    if read and not any(article.paragraphs for article in read):
        raise CorpusError(folder / MANIFEST_NAME, "every article is in another script; expected at "
                          "least one article in English, which the model can read")
    return read


def sharing_pairs(read: list[ReadArticle], size: int = PAIR_SEQUENCE_WORDS,
                  stop_after: int = MAX_SHARING_PAIRS) -> int:
    """How many pairs of articles share a sequence of ``size`` words of their body
    paragraphs (quotations included, so at least as many as the pair table lists),
    counting no further than ``stop_after`` + 1, so that the count costs little however
    many pairs there are. Read from the cleaned text: nothing is parsed."""
    holders: dict[int, list[int]] = defaultdict(list)
    for number, article in enumerate(read):
        sequences = set()
        for _, text in article.paragraphs:
            tokens = words(text)
            # Hashed: the counts need only tell sequences apart, and ints take less memory.
            sequences.update(hash(tuple(tokens[k:k + size])) for k in range(len(tokens) - size + 1))
        for sequence in sequences:
            holders[sequence].append(number)
    pairs: set[tuple[int, int]] = set()
    for articles in holders.values():
        for k, a in enumerate(articles):
            pairs.update((a, b) for b in articles[k + 1:])
            if len(pairs) > stop_after:
                return len(pairs)
    return len(pairs)


def check_sharing_pairs(folder: Path, read: list[ReadArticle]) -> None:
    """Raise :class:`CorpusError` naming ``folder`` when more than
    :data:`MAX_SHARING_PAIRS` pairs of its articles share a word sequence (see there)."""
    if sharing_pairs(read) > MAX_SHARING_PAIRS:
        raise CorpusError(folder, f"more than {MAX_SHARING_PAIRS:,} pairs of its {len(read):,} "
                          f"articles share a sequence of {PAIR_SEQUENCE_WORDS} words, and the pair "
                          "tables list every such pair (a story reprinted n times gives n(n-1)/2); "
                          f"expected at most {MAX_SHARING_PAIRS:,}: split the corpus, or use "
                          "export-passim and passim for text reuse at this scale")


def load_corpus(folder: Path | str, cache_dir: Path | str | None = None) -> Corpus:
    """Read, check and parse every article listed in ``folder/manifest.csv``.

    Every file is read and checked (:func:`read_articles`) before the model runs, so bad input fails at once.
    The model parses all paragraphs of the corpus in one batched stream. With
    ``cache_dir``, parses are kept there (see :mod:`newscompare.ingest.nlp`) and reused when the
    text, the model and the package version are unchanged.
    """
    folder = Path(folder)
    read = read_articles(folder)
    check_sharing_pairs(folder, read)
    nlp = load_model()
    limit = min(nlp.max_length, MAX_PARSE_CHARS)
    for article in read:
        article.pieces = _parse_pieces(article.paragraphs, limit)
    docs = parse_texts([[text for _, _, text in article.pieces] for article in read],
                       cache_dir=None if cache_dir is None else Path(cache_dir))

    article_records, line_records, sentence_records = [], [], []
    spans: dict[tuple[str, int], Span] = {}
    for article, article_docs in zip(read, docs, strict=True):
        row = article.row
        article_id = row.fields["id"]
        line_records.extend(article.lines)
        sentence_index = 0
        for (paragraph_index, offset, _), doc in zip(article.pieces, article_docs, strict=True):
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                sentence_records.append(
                    {"article": article_id, "paragraph_index": paragraph_index,
                     "sentence_index": sentence_index, "sentence": sent.text,
                     "normalized": normalize(sent.text),
                     "start": offset + sent.start_char, "end": offset + sent.end_char}
                )
                spans[(article_id, sentence_index)] = sent
                sentence_index += 1
        header = article.header
        article_records.append(
            {**row.fields,
             "published_start": row.published.start.isoformat(),
             "published_end": row.published.end.isoformat(),
             "headline": header["headline"],
             "byline": header["byline"] or row.fields.get("byline", ""),
             "dateline": header["dateline"],
             "paragraphs": len(article.paragraphs), "sentences": sentence_index,
             "words": article.words}
        )
    articles = pd.DataFrame(article_records)
    extra = [c for c in articles.columns if c not in ARTICLE_COLUMNS]
    articles = articles[ARTICLE_COLUMNS + extra].reset_index(drop=True)
    return Corpus(
        folder=folder,
        articles=articles,
        lines=pd.DataFrame(line_records, columns=LINE_COLUMNS),
        sentences=pd.DataFrame(sentence_records, columns=SENTENCE_COLUMNS),
        spans=spans,
    )

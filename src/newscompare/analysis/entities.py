"""Named entities of the body sentences, with one canonical name per entity.

The spaCy parse of the corpus (``corpus.spans``) already carries the model's entities,
corrected by the rule component that :func:`newscompare.ingest.nlp.add_entity_rules` adds to
the pipeline (the patterns are in ``ingest/data/entity_patterns.jsonl``: names the small English model splits or
mislabels in news text, such as "Group of 20" or "Kremlin"). This module

* cleans each mention (typography, a leading "the", a possessive "'s", a title before a
  person's name: "Indian Prime Minister Narendra Modi" -> "Narendra Modi");
* merges aliases within the corpus with generic rules: a lone surname to the one full name
  that ends with it ("Modi" -> "Narendra Modi", whatever label the model gave it), an
  acronym to the name whose initials it spells ("SCO" -> "Shanghai Cooperation
  Organization"), "Washington, DC" to "Washington";
* gives each canonical entity the label most of its mentions carry.

Nationality adjectives (NORP), dates, numbers and products are not entities here: the
question is who and what the story is about.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pandas as pd
from spacy.tokens import Span

from newscompare.ingest.cleaning import ends_as_sentence
from newscompare.ingest.corpus import Corpus
from newscompare.ingest.paths import ANALYSIS_DATA_DIR
from newscompare.ingest.text import normalize

VOICES_WORDS_FILE = ANALYSIS_DATA_DIR / "voices_words.json"
#: Entity labels kept: people, places, organisations, events (see module docstring).
KEPT_LABELS = ("PERSON", "GPE", "LOC", "ORG", "EVENT", "FAC")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
ENTITY_COLUMNS = ["article", "sentence_index", "text", "canonical", "label"]
# Words skipped when an acronym is compared with a name's initials ("Bank of England" = BoE).
_ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in", "de"}
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_POSSESSIVE_END = re.compile(r"(?:'s|')$")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
# Abbreviations spelled out, as the annotation guidelines name entities ("Thomson Corp").
_CORPORATE_WORDS = {"corp": "Corporation", "co": "Company", "ltd": "Limited", "inc": "Inc"}
_CORPORATE_SUFFIX = re.compile(r"(?<=\s)(Corp|Co|Ltd|Inc)\.?$", re.IGNORECASE)


def voices_words(path: Path = VOICES_WORDS_FILE) -> dict[str, list[str]]:
    """The word lists of ``data/voices_words.json`` (reporting verbs, titles, agencies ...)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


#: A stock's instrument code as agencies print it after a company name ("Microsoft
#: (MSFT.O)", "United Airlines (UAL.O)"): the company is named beside it, and the code is no
#: name a reader would give.
_INSTRUMENT_CODE = re.compile(r"[A-Z][A-Z0-9]{1,5}\.[A-Z]{1,2}")


def clean_name(text: str, label: str, titles: set[str] | frozenset[str] = frozenset()) -> str:
    """The name of one mention: unified typography, no leading "the", no possessive "'s",
    no title before a person's name, and for "India's Ministry of X" the part after "'s".
    """
    name = normalize(text)
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = _POSSESSIVE_END.sub("", name).strip()
    # "India's Ministry of External Affairs": the owner is another entity of its own.
    owner, sep, owned = name.partition("'s ")
    if sep and owned[:1].isupper():
        name = owned
    # "World Health Organization (WHO": the bracket opens an acronym, which the model
    # sometimes takes into the name.
    name = name.split(" (", 1)[0]
    name = _EDGE_PUNCT.sub("", name)
    name = _CORPORATE_SUFFIX.sub(lambda m: _CORPORATE_WORDS[m.group(1).lower()], name)
    if _INSTRUMENT_CODE.fullmatch(name):
        return ""  # "MSFT.O": a stock's exchange code that the model tags as a company
    tokens = name.split()
    is_title = [token.lower().strip(".") in titles for token in tokens]
    if label == "PERSON" and any(is_title[:-1]):
        # "Indian Prime Minister Narendra Modi": everything up to the last title word.
        last_title = max(i for i, flag in enumerate(is_title[:-1]) if flag)
        name = " ".join(tokens[last_title + 1:])

    return name


def _spelled_tail(name: str, acronym: str) -> str:
    """The part of ``name`` the acronym spells when a country opens it ("US Federal Aviation
    Administration (FAA)": "Federal Aviation Administration"); else the name."""
    words_ = name.split()
    for start in range(1, len(words_) - 1):
        if _initials(" ".join(words_[start:])) == acronym.upper() != _initials(name):
            return " ".join(words_[start:])
    return name


def _bracketed_acronyms(corpus: Corpus, titles: set[str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(article, acronym) -> (name, label) for each acronym an article defines in brackets
    after a name ("the Irish Data Protection Commission (DPC)"); an acronym an article
    defines for two names is left out. The model often leaves the acronym itself untagged
    afterwards."""
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for (article, _), span in sorted(corpus.spans.items()):
        for ent in span.ents:
            doc = ent.doc
            if ent.label_ not in KEPT_LABELS or ent.end + 2 >= len(doc):
                continue
            opening, acronym, closing = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
            if opening.text == "(" and closing.text == ")" and _ACRONYM.match(acronym.text):
                name = ent.ent_id_ or clean_name(ent.text, ent.label_, titles)
                name = _spelled_tail(name, acronym.text)
                # An acronym starts with its name's first letter: "LONDON (AP) —" is a
                # dateline and an agency's credit, not London's acronym.
                if name and name != acronym.text and name[:1].upper() == acronym.text[:1].upper():
                    found[(article, acronym.text)].add((name, ent.label_))
        # "The US Federal Aviation Administration (FAA)": the model may tag the acronym and
        # not the name; the capitalised words before the bracket that spell it are the name.
        doc = span.doc
        for token in span:
            if not (0 < token.i < len(doc) - 1 and _ACRONYM.match(token.text)
                    and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"):
                continue
            start = token.i - 1
            while start > span.start and (doc[start - 1].text[:1].isupper()
                                          or doc[start - 1].lower_ in _ACRONYM_SKIP):
                start -= 1
            words_before = clean_name(doc[start:token.i - 1].text, "ORG", titles)
            name = _spelled_tail(words_before, token.text) if words_before else ""
            if name and _initials(name) == token.text.upper() and not found.get((article, token.text)):
                found[(article, token.text)].add((name, "ORG"))
    defined = {key: next(iter(names)) for key, names in found.items() if len(names) == 1}
    # An acronym that one name alone spells across the collection ("JAL" after "Japan
    # Airlines (JAL)" in another text) stands for it in a text that does not define it.
    spelled: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for (_, acronym), names in found.items():
        spelled[acronym] |= names
    for article in corpus.ids:
        for acronym, names in spelled.items():
            if len(names) == 1 and (article, acronym) not in found:
                defined[(article, acronym)] = next(iter(names))
    return defined


#: Heads of a body's name that a country's name can open ("the U.S. Coast Guard", "the US
#: Navy"): there the country says whose body it is, and the text names the body, not the country.
#: Narrower than the speakers' ``public_body_words``: "the US government" names the country
#: too, as the annotators read it (with "government" here, development lost a found entity).
_BODY_HEADS = frozenset({"guard", "navy", "army", "embassy", "department", "agency", "commission",
                         "corps", "marines", "military", "force", "forces",
                         # "the US Geological Survey", "the U.S. National Hurricane Center"
                         "survey", "center", "centre", "bureau", "institute", "service"})


def _opens_a_body_name(doc, token_start: int) -> bool:
    """Whether the place mention starting at ``token_start`` is the first word of a body's
    proper name the model missed ("the U.S. Coast Guard"): its last word is compounded to a
    proper noun that heads such a name."""
    end = token_start
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    head = doc[end].head
    return doc[end].dep_ == "compound" and head.i > end and head.pos_ == "PROPN" and head.lower_ in _BODY_HEADS


def _raw_mentions(corpus: Corpus) -> pd.DataFrame:
    """One row per kept entity mention, with its cleaned name and token position; an
    acronym defined in brackets (:func:`_bracketed_acronyms`) counts as its name, tagged
    by the model or not."""
    titles = set(voices_words()["person_titles"])
    acronyms = _bracketed_acronyms(corpus, titles)
    # Words of the collection's multi-word person names: "the Yoon administration" is
    # still Yoon Suk Yeol, though the model parses "Yoon" there as an adjective.
    name_words = {token.lower_ for span in corpus.spans.values() for ent in span.ents
                  if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}
    # A stored text cut off mid-word ("... the bank's future, said Credit Su") ends on a
    # name that may be cut too: the last words of a text ending without a sentence's end
    # name no one for sure.
    last_sentence = corpus.sentences.groupby("article")["sentence_index"].max().to_dict()
    records = []
    for (article, sentence_index), span in sorted(corpus.spans.items()):
        cut_off = sentence_index == last_sentence.get(article) and not ends_as_sentence(span.text)
        for key, ent in _repaired_entities(span, name_words):
            if ent.label_ not in KEPT_LABELS or (cut_off and ent.end >= span.end):
                continue
            text = _with_hyphenated_tail(ent)
            name = ent.ent_id_ or clean_name(text, ent.label_, titles)
            if not name:
                continue
            label = ent.label_
            if (article, name) in acronyms:
                name, label = acronyms[(article, name)]
            records.append(
                {"article": article, "sentence_index": sentence_index, "token_start": key,
                 "text": text, "name": name, "model_label": label,
                 "is_subject": ent.root.dep_ in SUBJECT_DEPS}
            )
        for token in span:
            if token.ent_iob_ == "O" and (article, token.text) in acronyms and token.pos_ == "PROPN":
                name, label = acronyms[(article, token.text)]
                records.append(
                    {"article": article, "sentence_index": sentence_index, "token_start": token.i,
                     "text": token.text, "name": name, "model_label": label,
                     "is_subject": token.dep_ in SUBJECT_DEPS})
    columns = ["article", "sentence_index", "token_start", "text", "name", "model_label",
               "is_subject"]
    return pd.DataFrame(records, columns=columns)


#: Lower-case words inside a person's name ("Ursula von der Leyen", "Mohammed bin Salman"),
#: where the small model ends one name and starts another.
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "dos",
                   "das", "le", "la", "bin", "ibn", "al", "el", "ter", "ten"}
#: Nouns that make the name before them a publication ("the Dennik N daily", "the Bild
#: tabloid"), which the small model reads as a person.
_PUBLICATION_NOUNS = {"daily", "newspaper", "tabloid", "weekly", "magazine", "broadcaster",
                      "paper", "website", "channel", "agency", "outlet", "portal"}


@cache
def _saying_forms() -> frozenset[str]:
    """The past and present forms of the verbs of saying ("said", "tweeted", "adds")."""
    lists = voices_words()
    verbs = [*lists["reporting_verbs"], *lists["quotation_verbs"], "tweet", "post", "write"]
    regular = {form for verb in verbs for form in (
        f"{verb}s", f"{verb}d" if verb.endswith("e") else f"{verb}ed",
        f"{verb[:-1]}ied" if verb.endswith("y") and verb[-2:-1] not in "aeiou" else f"{verb}ed")}
    return frozenset(regular | {"said", "told", "wrote"})


def _repaired_entities(span, name_words: set[str]) -> list[tuple[int, Span]]:
    """The sentence's entities with seven misreadings of the small model repaired, each
    as (key token, entity): the key is the token where the model's entity holding the
    name's last word starts, which is where the quotation resolver looks a phrase's head
    up.

    * A verb of saying at the end of a name ("Mike DeWine Tweeted") is no part of it.
    * A name cut at a particle ("Ursula von" PERSON, "Leyen" GPE) is one person.
    * A "person" followed by a publication noun, perhaps after a one-letter part of its
      name ("The Dennik N daily said"), is that publication, an organisation.
    * A one-word "person" that the model itself parses as an adjective of a noun ("Slovak
      democracy") is no one, unless it is part of a person's full name in the collection
      ("the Yoon administration"). (The same word read as a nationality elsewhere is no
      evidence: "Han" is a people and a prime minister's surname.)
    * A name in capitals cut after its first word ("BEN" of "BEN CHACKO") is the whole name.
    * An organisation's name that runs on past a plural possessive ("the ... Guard Corps'
      Sepah news website") is its owner's.
    * Two names run together over a comma ("Twitter, Wikileaks") are the last of them.
    """
    doc, entities = span.doc, list(span.ents)
    starts = {ent.start: k for k, ent in enumerate(entities)}
    absorbed: set[int] = set()
    repaired = []
    for k, ent in enumerate(entities):
        if k in absorbed:
            continue
        start, end, label, key = ent.start, ent.end, ent.label_, ent.start
        # "Ohio Governor Mike DeWine Tweeted on Sunday": a capitalised verb of saying that
        # the model takes into the name is no part of it.
        if label == "PERSON" and end - start > 1 and doc[end - 1].lower_ in _saying_forms():
            end -= 1
        # "Vi Nguyen of Portland": a person's name and where they come from, which the
        # model runs together; the place is a place of its own.
        if label == "PERSON":
            of = next((t.i for t in doc[start + 2:end - 1] if t.lower_ == "of"), None)
            if of is not None:
                end = of
        if label == "PERSON":
            after = end
            while after < span.end and doc[after].lower_ in _NAME_PARTICLES:
                after += 1
            cut_at_particle = doc[end - 1].lower_ in _NAME_PARTICLES or after > end
            if cut_at_particle and after < span.end and doc[after].is_alpha and doc[after].text[:1].isupper():
                while after < span.end and doc[after].is_alpha and doc[after].text[:1].isupper():
                    if after in starts:
                        absorbed.add(starts[after])
                        key = after
                    after += 1
                end = after
            following = end + 1 if end < span.end and len(doc[end].text) == 1 and doc[end].is_upper else end
            if following < span.end and doc[following].lower_ in _PUBLICATION_NOUNS:
                end, label = following, "ORG"
            elif end - start == 1 and doc[start].tag_ == "JJ" and doc[start].dep_ == "amod" \
                    and doc[start].lower_ not in name_words:
                continue
        # "BEN CHACKO": a name in capitals the model cut after its first word goes on over
        # the capitalised proper nouns after it that no entity holds.
        if label == "PERSON" and ent.text.isupper():
            while end < span.end and doc[end].ent_iob_ == "O" and doc[end].pos_ == "PROPN" \
                    and doc[end].is_alpha and doc[end].text.isupper():
                end += 1
                key = end - 1  # the word the resolver looks the name up by (no entity of its own)
        # "the platform formerly known as Twitter, Wikileaks said": two names the model ran
        # together over a comma; the last is the one the sentence goes on about.
        if label in ("ORG", "PERSON"):
            comma = max((t.i for t in doc[start:end] if t.text == ","), default=None)
            if comma is not None and comma + 1 < end:
                start = key = comma + 1
        # "the Islamic Revolutionary Guard Corps' Sepah news website": a plural possessive
        # inside an organisation's name ends the name of its owner, who speaks through what
        # it owns ("Workers' Party", a name that holds one, is rarer in news than this).
        if label == "ORG":
            owner_end = next((t.i for t in doc[start:end]
                              if t.tag_ == "POS" and t.text in ("'", "’") and t.i > start), None)
            if owner_end is not None:
                end = owner_end
        if (start, end, label) == (ent.start, ent.end, ent.label_):
            repaired.append((key, ent))
        else:
            repaired.append((key, Span(doc, start, end, label=label)))
    return repaired


def _with_hyphenated_tail(ent) -> str:
    """The entity's text with the rest of a hyphenated word the model cut it before
    ("Han Duck" + "-soo" -> "Han Duck-soo")."""
    doc, end = ent.doc, ent.end
    if ent.label_ != "PERSON":  # "India-Russia ties", "Moscow-friendly": compounds, not names
        return ent.text
    while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
           and not doc[end].whitespace_ and doc[end + 1].is_alpha):
        end += 2
    return doc[ent.start:end].text


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word.lower() not in _ACRONYM_SKIP).upper()


def _keep_majority_names(by_key: dict[str, list[str]], label_counts: dict[str, Counter]) -> None:
    """Where several full names share a key (a surname, initials), keep the one that holds
    more than half of their mentions, if any does; else leave them all (none is taken)."""
    for key, full_names in by_key.items():
        mentions = {n: sum(label_counts[n].values()) for n in full_names}
        leader = max(sorted(full_names), key=mentions.get)
        if len(full_names) > 1 and 2 * mentions[leader] > sum(mentions.values()):
            by_key[key] = [leader]


def canonical_names(names_and_labels: list[tuple[str, str]],
                    titles: set[str] | frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """Map each cleaned name to ``(canonical name, label)`` over one corpus.

    ``names_and_labels`` holds one (name, model label) pair per mention. Rules, in order:
    a single word that is the surname of exactly one multi-word PERSON name becomes that
    person, also after leading ``titles`` (the model labels "PM Modi" ORG at times); an all-capital acronym spelled by the initials of exactly one other name
    becomes it; "X, Y" becomes X when X is itself a name. The label is the most common
    label of the merged mentions (PERSON for merged surnames), ties broken alphabetically.
    """
    spelling = _spelling_variants(names_and_labels)
    label_counts: dict[str, Counter] = defaultdict(Counter)
    for name, label in names_and_labels:
        label_counts[spelling[name]][label] += 1
    names = sorted(label_counts)
    persons = [n for n in names if len(n.split()) >= 2
               and label_counts[n].most_common(1)[0][0] == "PERSON"]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for person in persons:
        by_surname[person.split()[-1]].append(person)
    # Several full names share a surname ("Ghislaine Maxwell" and a misread "Sentencing
    # Maxwell"): the surname alone is the one that holds most of their mentions, if any does.
    _keep_majority_names(by_surname, label_counts)
    organisation_words = {word for n in names if len(n.split()) >= 2 and n not in persons
                          and label_counts[n].most_common(1)[0][0] == "ORG" for word in n.split()}
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        if len(name.split()) >= 2:
            by_initials[_initials(name)].append(name)
    # Two names spell one acronym ("Federal Aviation Administration" and one outlet's
    # "Federal Aviation Authority"): the acronym is the one that holds most of their
    # mentions, if any does, as for a surname.
    _keep_majority_names(by_initials, label_counts)

    target: dict[str, str] = {}
    for name in names:
        words_ = name.split()
        untitled = words_[-1] if all(w.lower().strip(".") in titles for w in words_[:-1]) else name
        # A word never read as a person and also part of an organisation's name ("United" beside "United
        # Airlines" and a football club "Manchester United" read as a person) may stand for
        # either: it is left as it is.
        shared = untitled == name and name in organisation_words and not label_counts[name]["PERSON"]
        if len(by_surname.get(untitled, [])) == 1 and not shared:
            target[name] = by_surname[untitled][0]
        elif _ACRONYM.match(name) and len(by_initials.get(name, [])) == 1:
            target[name] = by_initials[name][0]
        elif ", " in name and name.split(", ")[0] in label_counts:
            target[name] = name.split(", ")[0]
        else:
            target[name] = name

    merged: dict[str, Counter] = defaultdict(Counter)
    for name, counts in label_counts.items():
        merged[target[name]].update(counts)
    result = {}
    for variant, name in spelling.items():
        canonical = target[name]
        is_person = canonical in persons
        counts = merged[canonical]
        best = max(sorted(counts), key=lambda label: counts[label])
        result[variant] = (canonical, "PERSON" if is_person else best)
    return result


def _spelling_key(name: str) -> str:
    """What two spellings of one name share: case, accents and -isation/-ization ("TASS"
    and "Tass", "Organisation" and "Organization", "MOSCOW" and "Moscow", "Čaputová" and
    "Caputova")."""
    folded = unicodedata.normalize("NFKD", name.lower())
    folded = "".join(character for character in folded if not unicodedata.combining(character))
    return re.sub(r"isation\b", "ization", folded)


#: Words an organisation's name may gain or lose between outlets ("Competition Markets
#: Authority", "Competitions and Markets Authority").
_JOINING_WORDS = frozenset({"and", "of", "the", "for", "&"})


def _organisation_key(name: str) -> str:
    """What two spellings of one organisation's long name share besides
    :func:`_spelling_key`'s: its joining words and the plural of its words aside. Only a
    name of three words or more: a short one has too few words to tell two bodies apart."""
    key = _spelling_key(name)
    name_words = [w for w in re.split(r"\s+", key) if w]
    if len(name_words) < 3:
        return key
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w
                    for w in name_words if w not in _JOINING_WORDS)


def _spelling_variants(names_and_labels: list[tuple[str, str]]) -> dict[str, str]:
    """Each name -> the spelling of its group (names equal by :func:`_spelling_key`): the
    one with most mentions, leaving out words set in capitals that are longer than an
    acronym ("MOSCOW" in a dateline) where another spelling exists; ties alphabetical."""
    counts = Counter(name for name, _ in names_and_labels)
    organisations = {name for name, label in names_and_labels if label == "ORG"}
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(counts):
        groups[_organisation_key(name) if name in organisations else _spelling_key(name)].append(name)
    chosen = {}
    for group in groups.values():
        shouted = [n for n in group if n.isupper() and any(len(w) > 4 for w in n.split())]
        pool = [n for n in group if n not in shouted] or group
        best = max(pool, key=lambda n: counts[n])  # max keeps the first (alphabetical) of a tie
        chosen.update({name: best for name in group})
    return chosen


def entity_mentions(corpus: Corpus) -> pd.DataFrame:
    """Every kept entity mention with its canonical name and label.

    Columns: article, sentence_index, token_start (token offset in the paragraph parse, to
    find a mention from a spaCy span), text (as printed), model_label (after the rules),
    is_subject (the mention is a grammatical subject), canonical, label. Sorted. Includes
    surnames the model left untagged (see :func:`_untagged_surnames`).
    """
    raw = _raw_mentions(corpus)
    mapping = canonical_names(list(zip(raw["name"], raw["model_label"])),
                              set(voices_words()["person_titles"]))
    raw["canonical"] = [mapping[name][0] for name in raw["name"]]
    raw["label"] = [mapping[name][1] for name in raw["name"]]
    raw = pd.concat([raw, _untagged_surnames(corpus, mapping, raw)], ignore_index=True)
    return (raw.drop(columns=["name"])
            .sort_values(["article", "sentence_index", "token_start"]).reset_index(drop=True))


def _untagged_surnames(corpus: Corpus, mapping: dict[str, tuple[str, str]],
                       tagged: pd.DataFrame) -> pd.DataFrame:
    """Mentions the model missed: a proper noun outside any entity whose text is a single
    name that :func:`canonical_names` resolved to a person (the small model tags "Modi"
    in some sentences only). model_label is "" for these rows."""
    # A word the collection also prints in lower case ("the debris field") is a common word
    # the model once took for a name ("Debris discovered on the ocean floor"), not a surname.
    common_words = {token.text for span in corpus.spans.values() for token in span if token.is_lower}
    surnames = {name: canonical for name, (canonical, label) in mapping.items()
                if label == "PERSON" and len(name.split()) == 1 and name.lower() not in common_words}
    # A surname the model never tagged on its own ("Mauger told reporters" after "Rear Adm.
    # John Mauger") is the one person named in full in that article whose name ends with it
    # (the article's own: another text's "Andrés Manuel López" is no one this text's
    # unrecognised "Mayor Abelina López" could be told from).
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, canonical, label in zip(tagged["article"], tagged["canonical"], tagged["label"], strict=True):
        if label == "PERSON" and len(str(canonical).split()) > 1:
            holders[(article, str(canonical).split()[-1])].add(str(canonical))
    own_surnames = {key: next(iter(people)) for key, people in holders.items()
                    if len(people) == 1 and key[1][:1].isupper() and key[1] not in mapping
                    and key[1].lower() not in common_words}
    records = []
    for (article, sentence_index), span in sorted(corpus.spans.items()):
        for token in span:
            # The small model tags a surname that opens a sentence as a common noun at
            # times ("Nolan — a British-American filmmaker — said").
            proper = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper())
            canonical = surnames.get(token.text) or own_surnames.get((article, token.text))
            if proper and token.ent_iob_ == "O" and canonical:
                records.append(
                    {"article": article, "sentence_index": sentence_index, "token_start": token.i,
                     "text": token.text, "model_label": "", "is_subject": token.dep_ in SUBJECT_DEPS,
                     "canonical": canonical, "label": "PERSON"}
                )
    return pd.DataFrame(records, columns=["article", "sentence_index", "token_start", "text",
                                          "model_label", "is_subject", "canonical", "label"])


def entity_table(corpus: Corpus) -> pd.DataFrame:
    """The exported ``entities`` table: article, sentence_index, text, canonical, label. A
    country that only says whose body is named ("the U.S. Coast Guard") is not a mention of
    the country (the speakers still read it, to name the body)."""
    mentions = entity_mentions(corpus)
    kept = pd.Series([not (label in ("GPE", "NORP")
                 and _opens_a_body_name(corpus.spans[(article, index)].doc, int(start)))
            for article, index, start, label in zip(mentions["article"], mentions["sentence_index"],
                                                    mentions["token_start"], mentions["label"], strict=True)],
                     index=mentions.index, dtype=bool)
    return mentions[kept][ENTITY_COLUMNS].reset_index(drop=True)


def entity_article_matrix(entities: pd.DataFrame, min_articles: int = 1) -> pd.DataFrame:
    """Mentions per canonical entity (rows) and article (columns).

    Keeps entities named in at least ``min_articles`` articles; rows are sorted by the
    number of articles, then total mentions (both descending), then name.
    """
    matrix = pd.crosstab(entities["canonical"], entities["article"])
    spread = (matrix > 0).sum(axis=1)
    matrix = matrix[spread >= min_articles]
    order = pd.DataFrame({"spread": spread, "total": matrix.sum(axis=1)}).loc[matrix.index]
    order = order.reset_index().sort_values(["spread", "total", "canonical"],
                                            ascending=[False, False, True])
    matrix = matrix.loc[order["canonical"]]
    matrix.index.name = "entity"
    matrix.columns.name = "article"
    return matrix



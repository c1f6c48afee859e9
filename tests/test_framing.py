"""Framing: lemma matching of lexicon terms, quotations, counts and changes in copies."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare.analysis import framing
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.paths import STORY_LEXICON_FILE

TINY = framing.Lexicon(
    terms={
        "war_naming": ["unprovoked invasion", "invasion", "war", "campaign"],
        "india_stance": ["abstain", "not join ... sanction"],
        "russia_position": ["isolated"],
    },
    exclude={"war_naming": ["cold war"], "india_stance": [], "russia_position": []},
)


def hits(corpus, lexicon=TINY) -> list[tuple[str, str]]:
    table = framing.framing_table(corpus, lexicon)
    return list(zip(table["term"], table["matched_text"]))


def test_inflections_match_through_lemmas(make_corpus):
    corpus = make_corpus({"a": "India abstained again. Russia stays isolated. Wars end."})
    assert hits(corpus) == [("abstain", "abstained"), ("isolated", "isolated"), ("war", "Wars")]


def test_term_inside_another_word_does_not_match(make_corpus):
    corpus = make_corpus({"a": "The award went to a warship. Software is wartime-free."})
    assert hits(corpus) == []


def test_gap_allows_a_few_words_but_not_many(make_corpus):
    corpus = make_corpus({
        "a": "India has not joined its Western allies in leveling sanctions.",
        "b": "India did not join the group of countries that after long and bitter debate "
             "imposed sanctions.",
    })
    table = framing.framing_table(corpus, TINY)
    assert list(table["article"]) == ["a"]
    assert table.at[0, "matched_text"] == "not joined its Western allies in leveling sanctions"


def test_longest_overlapping_term_is_counted_once(make_corpus):
    corpus = make_corpus({"a": "Putin began his unprovoked invasion of Ukraine."})
    assert hits(corpus) == [("unprovoked invasion", "unprovoked invasion")]


def test_excluded_phrase_cancels_the_hit_it_overlaps(make_corpus):
    corpus = make_corpus({"a": "Their ties date back to the Cold War. The war goes on."})
    table = framing.framing_table(corpus, TINY)
    assert list(table["sentence_index"]) == [1]


def test_hit_inside_quotation_marks_is_flagged(make_corpus):
    corpus = make_corpus({"a": 'He said the era is "not of war" while the war went on.'})
    table = framing.framing_table(corpus, TINY)
    assert list(table["in_quotation"]) == [True, False]


def test_evidence_is_the_sentence_of_the_hit(make_corpus):
    corpus = make_corpus({"a": "Nothing here. That campaign has tested ties."})
    row = framing.framing_table(corpus, TINY).iloc[0]
    assert (row["sentence_index"], row["evidence"]) == (1, "That campaign has tested ties.")


def test_frame_counts_include_zeros(make_corpus):
    corpus = make_corpus({"a": "The war goes on. The war goes on.", "b": "Nothing here."})
    counts = framing.frame_counts(framing.framing_table(corpus, TINY), corpus.ids,
                                  TINY.categories)
    war = counts[counts["category"] == "war_naming"].set_index("article")["hits"]
    assert war.to_dict() == {"a": 2, "b": 0}
    assert len(counts) == 2 * len(TINY.categories)


def alignment(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article", "sentence_index", "match_article",
                                       "match_sentence_index", "similarity", "relation"])


def test_frame_changes_reports_replaced_terms(make_corpus):
    corpus = make_corpus({"a": "The war has tested ties. India abstained.",
                          "b": "That campaign has tested ties. India abstained."})
    table = framing.framing_table(corpus, TINY)
    alignments = alignment([
        ("b", 0, "a", "0", 0.8, "edited"),
        ("b", 1, "a", "1", 1.0, "verbatim"),
        ("a", 0, "", "", 0.0, "none"),
    ])
    changes = framing.frame_changes(table, alignments)
    assert changes[["article", "sentence_index", "category", "terms", "match_terms",
                    "change"]].values.tolist() == [
        ["b", 0, "war_naming", "campaign", "war", "replaced"]]


def test_frame_changes_added_removed_and_merged_sentences(make_corpus):
    corpus = make_corpus({"a": "Russia is isolated. The war goes on.",
                          "b": "Russia is alone and the fighting goes on.",
                          "c": "Russia is isolated and the invasion goes on."})
    table = framing.framing_table(corpus, TINY)
    alignments = alignment([("b", 0, "a", "0;1", 0.6, "paraphrase"),
                            ("c", 0, "a", "0;1", 0.7, "edited")])
    changes = framing.frame_changes(table, alignments)
    assert changes[["article", "category", "change"]].values.tolist() == [
        ["b", "russia_position", "removed"], ["b", "war_naming", "removed"],
        ["c", "war_naming", "replaced"]]
    only_c = framing.frame_changes(table, alignments, sources={"c": "a"})
    assert set(only_c["article"]) == {"c"}


def test_a_source_sentence_split_in_the_copy_is_compared_with_all_its_parts(make_corpus):
    corpus = make_corpus({"a": "The war goes on and Russia is isolated.",
                          "b": "The war goes on. Russia is alone."})
    table = framing.framing_table(corpus, TINY)
    alignments = alignment([("b", 0, "a", "0", 0.7, "edited"), ("b", 1, "a", "0", 0.6, "edited")])
    changes = framing.frame_changes(table, alignments)
    # "war" is kept (in the first part): only the isolation is lost, and it is listed once.
    assert changes[["article", "sentence_index", "category", "change"]].values.tolist() == [
        ["b", 0, "russia_position", "removed"]]
    assert changes["sentence_indices"].tolist() == ["0;1"]  # the table names both parts


def test_sources_from_pairs_names_the_copy():
    pairs = pd.DataFrame({"article_a": ["x", "x", "y"], "article_b": ["y", "z", "z"],
                          "likely_source": ["x", "", "z"]})
    assert framing.sources_from_pairs(pairs.iloc[:2]) == {"y": "x"}
    assert framing.sources_from_pairs(pairs.iloc[2:]) == {"y": "z"}


@pytest.mark.parametrize("text, expected", [
    ("categories: []\n", "expected a mapping 'categories:'"),
    ("categories:\n  war:\n    terms: []\n", "category 'war': expected 'terms:'"),
    ("categories:\n  war:\n    terms: ['... war']\n", "'...' only between words"),
    ("categories:\n  war:\n    label: [a]\n    terms: [war]\n", "category 'war': expected 'label:'"),
])
def test_load_lexicon_errors_name_the_problem(tmp_path, text, expected):
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=expected) as error:
        framing.load_lexicon(path)
    assert error.value.path == path


@pytest.mark.parametrize("text, line", [
    ("other: 1\n", 1),  # no categories at all: the top of the file
    ("# lexicon\n\ncategories: []\n", 3),
    ("categories:\n  war: 5\n", 2),  # a category that is not a mapping
    ("categories:\n  war:\n    description: no terms\n", 3),  # no terms: the category's entry
    ("categories:\n  war:\n    description: d\n    terms: 5\n", 4),  # the bad value
    ("categories:\n  war:\n    terms:\n      - war\n      - '... war'\n", 5),  # the bad phrase
    ("categories:\n  war:\n    terms: [war]\n    exclude:\n      - 7\n", 5),
    ("categories:\n  a:\n    terms: [war]\n  b:\n    terms: [fight, '']\n", 5),
])
def test_load_lexicon_errors_name_the_line(tmp_path, text, line):
    path = tmp_path / "lexicon.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        framing.load_lexicon(path)
    assert error.value.line == line
    assert str(error.value).startswith(f"{path}, line {line}: ")


@pytest.fixture(scope="module")
def story_lexicon() -> framing.Lexicon:
    return framing.load_lexicon(STORY_LEXICON_FILE)


def test_story_lexicon_loads_with_five_categories(story_lexicon):
    lexicon = story_lexicon
    assert lexicon.categories == ["war_naming", "russia_position", "india_russia_ties",
                                  "india_stance", "emphasis"]


def test_a_category_is_shown_by_its_label_or_else_its_key_in_words(story_lexicon):
    assert story_lexicon.label("war_naming") == "names of the war"
    assert framing.Lexicon({"india_stance": ["abstain"]}, {}).label("india_stance") == "india stance"


def test_seeds_cold_war_is_not_counted_as_naming_the_war(seeds, story_lexicon):
    table = framing.framing_table(seeds, story_lexicon)
    war = table[table["category"] == "war_naming"]
    assert war[war["evidence"].str.contains("Cold War")].empty
    assert ((table["article"] == "004") & (table["term"] == "unprovoked invasion")).sum() == 1


def test_seeds_copy_renames_the_war(seeds, story_lexicon):
    # 001 rewrites 000's "The war has tested relations" as "That campaign has tested ..."
    table = framing.framing_table(seeds, story_lexicon)
    terms = table[(table["category"] == "war_naming")].groupby("article")["term"].apply(set)
    assert "campaign" in terms["001"] and "campaign" not in terms["000"]


def _aligned(pairs: list[tuple[str, int, str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["article", "sentence_index", "match_article",
                                        "match_sentence_index", "relation"])


def test_war_renaming_is_a_replaced_or_dropped_name_outside_quotations(make_corpus):
    corpus = make_corpus({
        "s": 'The war goes on. He said it is "not of war". The war hurt ties. The invasion began.',
        "c": "That campaign goes on. He said it is a time of peace rather than conflict. "
             "Ukraine hurt ties. The invasion began.",
    })
    table = framing.framing_table(corpus, TINY)
    alignments = _aligned([("c", k, "s", str(k), "edited") for k in range(4)])
    renamed = framing.war_renamings(table, alignments, {"c": "s"}, corpus.sentences)
    # war -> campaign (replaced), war dropped; the reworded quotation and the kept
    # "invasion" are not renamings.
    assert renamed[["copy_sentence_index", "source_terms", "copy_terms", "change"]].values.tolist() == [
        [0, "war", "campaign", "replaced"], [2, "war", "", "removed"]]
    assert renamed.loc[1, "copy_sentence"] == "Ukraine hurt ties."


def test_war_renamings_only_between_a_copy_and_its_source(make_corpus):
    corpus = make_corpus({"s": "The war goes on.", "c": "That campaign goes on."})
    table = framing.framing_table(corpus, TINY)
    alignments = _aligned([("c", 0, "s", "0", "edited")])
    assert framing.war_renamings(table, alignments, {}).empty


def test_term_losses_tell_dropped_sentences_from_dropped_words(make_corpus):
    lexicon = framing.Lexicon(terms={"war_naming": ["war"], "emphasis": ["unprovoked", "repeatedly"]},
                              exclude={"war_naming": [], "emphasis": []})
    corpus = make_corpus({
        "s": "India repeatedly abstained. It was an unprovoked war. Talks go on.",
        "c": "India abstained. Talks go on.",
    })
    table = framing.framing_table(corpus, lexicon)
    alignments = _aligned([("c", 0, "s", "0", "paraphrase"), ("c", 1, "s", "2", "verbatim")])
    losses = framing.term_losses(table, alignments, {"c": "s"}, sentences=corpus.sentences)
    assert losses[["source_sentence_index", "term", "how"]].values.tolist() == [
        [0, "repeatedly", "word dropped"], [1, "unprovoked", "sentence dropped"],
        [1, "war", "sentence dropped"]]
    assert framing.term_gains(table, alignments, {"c": "s"}).empty


def test_seeds_war_renamings_are_the_three_known_ones(seeds, story_lexicon):
    from newscompare.analysis import reuse

    alignments = reuse.align_sentences(seeds)
    sources = framing.sources_from_pairs(reuse.article_pairs(seeds, alignments=alignments))
    renamed = framing.war_renamings(framing.framing_table(seeds, story_lexicon), alignments, sources, seeds.sentences)
    assert sorted(zip(renamed["copy_article"], renamed["source_terms"], renamed["copy_terms"])) == [
        ("001", "war", ""), ("001", "war", "campaign"), ("003", "war", "")]
    assert "its actions in Ukraine" in renamed.loc[renamed["copy_article"] == "003", "copy_sentence"].item()


def test_seeds_rewrite_of_cnn_softens_it(seeds, story_lexicon):
    """The finding stated in the framing chapter, checked against the texts."""
    from newscompare.analysis import reuse

    alignments = reuse.align_sentences(seeds)
    pairs = reuse.article_pairs(seeds, alignments=alignments)
    sources = framing.sources_from_pairs(pairs)
    assert sources["003"] == "004" and framing.copy_kinds(pairs)["003"] == "rewrite"
    losses = framing.term_losses(framing.framing_table(seeds, story_lexicon), alignments, sources)
    lost = set(zip(losses.loc[losses["copy_article"] == "003", "term"], losses.loc[losses["copy_article"] == "003", "how"]))
    assert {("unprovoked invasion", "sentence dropped"), ("war", "word dropped"),
            ("narrowly", "word dropped"), ("repeatedly", "word dropped")} <= lost


def test_siblings_are_the_reprints_read_against_each_other_not_stated_copies():
    pairs = pd.DataFrame({"article_a": ["a", "c", "e"], "article_b": ["b", "d", "f"],
                          "likely_source": ["common", "c", ""]})
    assert framing.sources_from_pairs(pairs) == {"b": "a", "d": "c"}
    assert framing.siblings_from_pairs(pairs) == {"b"}


def test_softening_sentence_does_not_call_a_sibling_the_source():
    from newscompare.report.findings import softening_sentence

    losses = pd.DataFrame({"copy_article": ["b"], "category": ["war_naming"], "term": ["war"],
                           "how": ["word dropped"]})
    gains = pd.DataFrame({"copy_article": [], "term": []})
    labels = {"a": "Paper A", "b": "Paper B"}
    sibling = softening_sentence(losses, gains, {"b": "a"}, labels, siblings={"b"})
    assert sibling == ('Paper B, which reprints the same outside text as Paper A, lacks 1 of that '
                       'reprint\'s names of the war (1 from sentences it keeps), and adds 0 such words.')
    assert "its source" in softening_sentence(losses, gains, {"b": "a"}, labels)


def test_softening_sentence_summarises_instead_of_listing():
    """Issue 20 item 21: counts and how the words went, not a list of every word."""
    from newscompare.report.findings import softening_sentence

    # The fact-check of the eleventh round: the names of the war counted apart from the other
    # sharpening words ("narrowly", "lavish"), which are not about the war.
    losses = pd.DataFrame({"copy_article": ["b"] * 4, "category": ["war_naming"] * 3 + ["emphasis"],
                           "term": ["war", "unprovoked invasion", "war", "lavish"],
                           "how": ["word dropped", "sentence dropped", "word dropped", "sentence dropped"]})
    gains = pd.DataFrame({"copy_article": ["b"], "term": ["conflict"]})
    sentence = softening_sentence(losses, gains, {"b": "a"}, {"a": "A", "b": "B"}, {"b": "rewrite"})
    assert sentence == ("B, a rewrite of A, does not carry over 3 of its source's names of the war "
                        "(1 with a sentence it leaves out and 2 from sentences it keeps) and 1 other "
                        "sharpening word (1 with a sentence it leaves out), and adds 1 such word.")
    assert '"' not in sentence


def test_one_occurrence_is_counted_once_across_categories(make_corpus):
    corpus = make_corpus({"a": "Putin ordered the unprovoked invasion of the country.\n"})
    lexicon = framing.Lexicon(
        terms={"war_naming": ["unprovoked invasion", "invasion"], "emphasis": ["unprovoked"]},
        exclude={})
    table = framing.framing_table(corpus, lexicon)
    assert list(table["term"]) == ["unprovoked invasion"]


#: The before/after examples the book quotes for the rewrite of CNN (front page, framing
#: chapter, conclusions; issue 20 item 21): (words as the prose quotes them, the text they
#: are quoted from, whether that text is the source or the copy of the renaming).
QUOTED_EXAMPLES = [
    ("Moscow's war in Ukraine", "004"), ("its actions in Ukraine", "003"),
    ("the Kremlin's invasion of Ukraine", "003"), ("narrowly re-elected", "004"),
    ("recent reelection", "003"),
    # The two reprints of the AFP story, as the front page and the conclusions compare them.
    ("economy ally", "001"), ("economic ally", "000"), ("left stranded", "000"),
    ("the Kremlin said Thursday", "000"), ("said yesterday", "001"),
]


def test_seeds_examples_the_book_quotes_are_in_the_texts_and_the_renamings(seeds, story_lexicon):
    """A sentence of the book that names facts is tested against the table it summarises:
    every quoted example is in its text, and the renaming it illustrates is the one the
    renamings table finds (CNN's sentence with "Moscow's war", the rewrite's with "its actions")."""
    from newscompare.analysis import reuse
    from newscompare.ingest.paths import PROJECT_ROOT

    def plain(text: str) -> str:
        return text.replace("\u2019", "'")

    import json

    pages = [(PROJECT_ROOT / name).read_text(encoding="utf-8") for name in ("intro.md", "conclusions.md")]
    cells = json.loads((PROJECT_ROOT / "notebooks" / "05_framing.ipynb").read_text(encoding="utf-8"))["cells"]
    pages.append("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"))
    pages = [" ".join(page.split()) for page in pages]
    bodies = {a: plain(" ".join(s.sentence for s in seeds.sentences[seeds.sentences["article"] == a].itertuples()))
              for a in seeds.ids}
    for words, article in QUOTED_EXAMPLES:
        assert any(f'"{words}"' in page for page in pages), words
        assert words in bodies[article], (words, article)
    alignments = reuse.align_sentences(seeds)
    sources = framing.sources_from_pairs(reuse.article_pairs(seeds, alignments=alignments))
    renamed = framing.war_renamings(framing.framing_table(seeds, story_lexicon), alignments, sources, seeds.sentences)
    [row] = renamed[renamed["copy_article"] == "003"].itertuples()
    assert "Moscow's war in Ukraine" in plain(row.source_sentence)
    assert "its actions in Ukraine" in plain(row.copy_sentence)
    first = plain(seeds.sentences[seeds.sentences["article"] == "003"].iloc[0]["sentence"])
    assert "the Kremlin's invasion of Ukraine" in first

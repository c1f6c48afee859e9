"""Entity cleaning, alias merging and the rule corrections."""

from __future__ import annotations

import pandas as pd
import pytest

from newscompare.analysis.entities import (
    _untagged_surnames,
    canonical_names,
    clean_name,
    entity_article_matrix,
    entity_mentions,
    entity_table,
)
from newscompare.evaluation.annotations import evaluate_entities, read_entity_annotation
from newscompare.ingest.errors import CorpusError
from newscompare.ingest.nlp import load_model, read_entity_patterns
from newscompare.ingest.paths import ANNOTATIONS_DIR

TITLES = {"prime", "minister", "pm", "president"}


def test_clean_name_drops_possessive_article_and_title():
    assert clean_name("New Delhi’s", "GPE") == "New Delhi"
    assert clean_name("the United Nations", "ORG") == "United Nations"
    assert clean_name("Indian Prime Minister Narendra Modi", "PERSON", TITLES) == "Narendra Modi"
    assert clean_name("PM Modi", "PERSON", TITLES) == "Modi"
    assert clean_name("Foreign Ministry", "ORG", TITLES | {"foreign"}) == "Foreign Ministry"
    assert clean_name("India's Ministry of External Affairs", "ORG") == "Ministry of External Affairs"


def test_aliases_merge_to_one_canonical_name():
    mapping = canonical_names([
        ("Narendra Modi", "PERSON"), ("Modi", "PERSON"), ("Modi", "GPE"), ("Modi", "GPE"),
        ("Shanghai Cooperation Organization", "ORG"), ("SCO", "ORG"),
        ("Washington", "GPE"), ("Washington, DC", "GPE"), ("PM Modi", "ORG"),
    ], TITLES)
    assert mapping["Modi"] == ("Narendra Modi", "PERSON")
    assert mapping["SCO"] == ("Shanghai Cooperation Organization", "ORG")
    assert mapping["Washington, DC"] == ("Washington", "GPE")
    assert mapping["PM Modi"] == ("Narendra Modi", "PERSON")


def test_ambiguous_surname_is_not_merged():
    mapping = canonical_names([("Anna Berg", "PERSON"), ("Tom Berg", "PERSON"), ("Berg", "PERSON")])
    assert mapping["Berg"] == ("Berg", "PERSON")


def test_mentions_of_one_person_share_a_canonical_name(make_corpus):
    corpus = make_corpus({
        "a": "Indian Prime Minister Narendra Modi will visit Oslo.\n\nModi will meet the king.\n",
        "b": "PM Modi arrives on Monday.\n",
    })
    table = entity_table(corpus)
    assert set(table.loc[table["text"].str.contains("Modi"), "canonical"]) == {"Narendra Modi"}
    matrix = entity_article_matrix(table, min_articles=2)
    assert "Narendra Modi" in matrix.index and list(matrix.columns) == ["a", "b"]


def test_rules_keep_group_of_20_whole():
    doc = load_model()("Putin did not attend the Group of 20 leaders' summit in New Delhi.")
    assert ("Group of 20", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_bad_pattern_file_names_the_line(tmp_path):
    path = tmp_path / "patterns.jsonl"
    path.write_text('{"label": "ORG", "pattern": "X"}\n{"label": "ORG"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2"):
        read_entity_patterns(path)


def test_seed_entities_recall_against_hand_annotation(seeds):
    annotation = read_entity_annotation(ANNOTATIONS_DIR / "entities.csv")
    scores = evaluate_entities(entity_table(seeds), annotation).set_index("article")
    # Measured 1.0 when the annotation was made; below 0.9 means a regression.
    assert scores.at["all", "recall"] >= 0.9


def test_clean_name_drops_a_bracketed_acronym_and_spells_out_corp():
    assert clean_name("World Health Organization (WHO", "ORG") == "World Health Organization"
    assert clean_name("Thomson Corp.", "ORG") == "Thomson Corporation"


def test_hyphenated_person_name_is_kept_whole_and_us_is_spelled_out(make_corpus):
    corpus = make_corpus({"a": "Prime Minister Han Duck-soo met U.S. officials in Seoul on Friday.\n"})
    names = set(entity_table(corpus)["canonical"])
    assert "Han Duck-soo" in names and "United States" in names


def test_case_and_spelling_variants_are_one_entity():
    mapping = canonical_names([("TASS", "ORG"), ("Tass", "ORG"), ("MOSCOW", "GPE"), ("Moscow", "GPE"),
                               ("World Health Organisation", "ORG"), ("World Health Organization", "ORG"),
                               ("World Health Organization", "ORG")])
    assert mapping["Tass"] == mapping["TASS"] == ("TASS", "ORG")
    assert mapping["MOSCOW"] == ("Moscow", "GPE")
    assert mapping["World Health Organisation"][0] == "World Health Organization"


def test_surname_goes_to_the_full_name_holding_most_mentions():
    mapping = canonical_names([("Anna Berg", "PERSON")] * 3 + [("Sentencing Berg", "PERSON"), ("Berg", "ORG")])
    assert mapping["Berg"] == ("Anna Berg", "PERSON")


def test_accented_and_plain_spellings_are_one_entity():
    mapping = canonical_names([("Zuzana Caputova", "PERSON")] * 2 + [("Zuzana Čaputová", "PERSON")])
    assert mapping["Zuzana Čaputová"] == mapping["Zuzana Caputova"] == ("Zuzana Caputova", "PERSON")


def test_misread_names_are_repaired(make_corpus):
    # The small model cuts "Ursula von | der Leyen" at the particle, reads the Dennik N
    # daily as a person and a nationality adjective as a person.
    corpus = make_corpus({"a": (
        "European Commission president Ursula von der Leyen described the shooting as a vile "
        "attack on democracy.\n\nThe Dennik N daily said its reporter in the town heard "
        "several shots.\n\nThe Slovak government was meeting in the town. The attack shocked "
        "Slovak democracy, officials said.\n")})
    table = entity_table(corpus)
    labels = dict(zip(table["canonical"], table["label"], strict=False))
    assert labels.get("Ursula von der Leyen") == "PERSON"
    assert "Leyen" not in labels and "Ursula von" not in labels
    assert labels.get("Dennik N") == "ORG" and "Dennik" not in labels
    assert labels.get("Slovak") != "PERSON"


def test_a_name_in_capitals_and_an_owners_name_are_repaired(make_corpus):
    corpus = make_corpus({"a": (
        "Struggle and statement\n\n"
        "Latin America is the crucible of the struggle, writes BEN CHACKO.\n\n"
        "A statement by the Islamic Revolutionary Guard Corps' Sepah news website said the "
        "residence was hit.\n\nThe cause is under investigation.\n")})
    names = set(entity_table(corpus)["canonical"])
    assert "BEN CHACKO" in names and "BEN" not in names
    assert "Islamic Revolutionary Guard Corps" in names
    assert not any("Sepah" in name for name in names)


def test_two_names_run_together_over_a_comma_are_the_last(make_corpus):
    corpus = make_corpus({"a": (
        "Assange is free\n\nOn X, the platform formerly known as Twitter, Wikileaks said that Mr Assange "
        "left Belmarsh prison on Monday after 1,901 days in a small cell.\n")})
    names = set(entity_table(corpus)["canonical"])
    assert "Wikileaks" in names and not any("," in name for name in names)


def test_a_word_of_an_organisation_never_read_as_a_person_is_no_ones_surname():
    # The small model reads the football club "Manchester United" as a person; "United"
    # alone (the airline) is then not that "person".
    mapping = canonical_names([("Manchester United", "PERSON"), ("United Airlines", "ORG"), ("United", "ORG"),
                               ("Nolan", "ORG"), ("Christopher Nolan", "PERSON")])
    assert mapping["United"] == ("United", "ORG")
    assert mapping["Nolan"] == ("Christopher Nolan", "PERSON")


def test_a_stock_instrument_code_is_not_a_name():
    assert clean_name("MSFT.O", "ORG") == ""
    assert clean_name("UAL.O", "ORG") == ""
    assert clean_name("U.S.", "GPE") != ""  # a country, not a code


def test_a_country_opening_a_bodys_name_is_not_a_mention_of_the_country(make_corpus):
    corpus = make_corpus({"a": "The U.S. Coast Guard said the vessel was lost. The United States sent two more ships.\n"})
    table = entity_table(corpus)
    united_states = table[table["canonical"].isin(["United States", "U.S.", "U.S", "US"])]
    assert united_states["sentence_index"].tolist() == [1]


def test_a_survey_or_a_centre_named_after_its_country_is_no_mention_of_the_country(make_corpus):
    corpus = make_corpus({"a": "Quake\n\nThe quake had a magnitude of 6.8, the US Geological Survey said. "
                               "The U.S. National Hurricane Center said the storm weakened.\n"})
    table = entity_table(corpus)
    assert not table["canonical"].isin(["United States", "U.S.", "US"]).any()


def test_a_common_word_the_model_once_took_for_a_name_is_no_surname(make_corpus):
    """"Debris" read as a person in one text is not a person wherever it opens a sentence,
    when the collection also prints it in lower case ("the debris field")."""
    corpus = make_corpus({"a": "Titan lost\n\nThe debris field was found on Thursday.\n\n"
                               "Debris discovered on the ocean floor suggested an implosion.\n"})
    mapping = {"Debris": ("Debris", "PERSON"), "Mauger": ("John Mauger", "PERSON")}
    tagged = pd.DataFrame(columns=["article", "canonical", "label"])
    assert _untagged_surnames(corpus, mapping, tagged).empty


def test_an_acronym_one_name_spells_in_the_collection_is_that_name_in_every_text(make_corpus):
    corpus = make_corpus({"a": "Fire\n\nA plane of Japan Airlines (JAL) caught fire on the runway on Tuesday.\n",
                          "b": "Fire\n\nAll passengers left the JAL plane before it burned, officials said.\n"})
    table = entity_table(corpus)
    assert "JAL" not in set(table.loc[table["article"] == "b", "canonical"])
    assert "Japan Airlines" in set(table.loc[table["article"] == "b", "canonical"])


def test_a_name_a_cut_off_text_ends_on_is_not_counted(make_corpus):
    # The twelfth reader's book counted "Credit Su" and "ge", the last words of stored
    # excerpts cut off mid-word, as organisations.
    corpus = make_corpus({"a": "UBS agreed to buy Credit Suisse on Sunday. The deal worries staff at Credit Su\n",
                          "b": "UBS agreed to buy Credit Suisse on Sunday. The deal worries staff at Credit Suisse.\n"})
    table = entity_mentions(corpus)
    assert sorted(table.loc[table["article"] == "a", "text"]) == ["Credit Suisse", "UBS"]
    assert sorted(table.loc[table["article"] == "b", "text"]) == ["Credit Suisse", "Credit Suisse", "UBS"]


def test_an_organisations_name_spelt_with_or_without_its_joining_words_is_one(make_corpus):
    # Reader 15 (Activision story): three outlets' spellings of the regulator were three
    # entities, and "CMA" a fourth.
    corpus = make_corpus({
        "a": "Deal cleared\n\nThe Competition and Markets Authority (CMA) cleared the deal on Friday.\n",
        "b": "Deal cleared\n\nThe Competition Markets Authority cleared the deal on Friday. The CMA said so.\n",
        "c": "Deal cleared\n\nThe Competitions and Markets Authority cleared the deal on Friday.\n"})
    names = set(entity_table(corpus)["canonical"])
    assert names & {"Competition and Markets Authority", "Competition Markets Authority",
                    "Competitions and Markets Authority"} == {"Competition and Markets Authority"}
    assert "CMA" not in names


def test_an_agency_credit_after_a_dateline_is_no_acronym_of_the_place(make_corpus):
    # Reader 14 (Truss story): "LONDON (AP) —" made every "AP" of the collection London.
    corpus = make_corpus({"a": "Truss quits\n\nLONDON (AP) — Liz Truss resigned on Thursday, AP reported.\n"})
    mentions = entity_mentions(corpus)
    assert {name.lower() for name in mentions.loc[mentions["text"] == "AP", "canonical"]} == {"ap"}


def test_a_person_of_a_place_and_an_acronym_most_outlets_spell_one_way(make_corpus):
    # The sixteenth reader's book (an Alaska Airlines door plug): "Vi Nguyen of Portland" took
    # every "Portland" of the collection, and one outlet's "Federal Aviation Authority (FAA)"
    # named every "FAA", beside "The US Federal Aviation Administration (FAA)", whose name
    # the model did not tag.
    corpus = make_corpus({
        "a": "Plane lands\n\nA passenger, Vi Nguyen of Portland, said the wall was gone. The plane returned to Portland.\n",
        "b": "Jets grounded\n\nThe US Federal Aviation Administration (FAA) grounded the jets. The FAA said so.\n",
        "c": "Jets grounded\n\nThe Federal Aviation Administration grounded the jets on Saturday. The FAA acted fast.\n",
        "d": "Jets grounded\n\nThe jet was certified by the Federal Aviation Authority (FAA) in 2023.\n"})
    mentions = entity_mentions(corpus)
    portland = mentions.loc[mentions["text"] == "Portland", "canonical"]
    assert "Vi Nguyen of Portland" not in set(mentions["canonical"]) and set(portland) == {"Portland"}
    elsewhere = mentions[(mentions["text"] == "FAA") & mentions["article"].isin(["b", "c"])]
    assert len(elsewhere) >= 2 and set(elsewhere["canonical"]) == {"Federal Aviation Administration"}

"""Source kinds and reporting verbs on hand-written sentences."""

from __future__ import annotations

from newscompare.analysis.sources import classify_source, source_mentions, sources_by_kind


def _rows(make_corpus, text):
    table = source_mentions(make_corpus({"a": text}))
    return {(r.source, r.kind, r.verb) for r in table.itertuples()}


def test_named_person_and_institution(make_corpus):
    rows = _rows(make_corpus, "Peter Olsen said the bridge is ready. Siemens confirmed the order.\n")
    assert ("Peter Olsen", "person", "say") in rows
    assert ("Siemens", "institution", "confirm") in rows


def test_agency_cited_with_according_to(make_corpus):
    rows = _rows(make_corpus, "The visit is planned, according to Russia's state news agency.\n")
    assert ("Russia's state news agency", "agency", "according to") in rows


def test_anonymous_source(make_corpus):
    rows = _rows(make_corpus, "The plan is delayed, a senior official said on Friday.\n")
    assert ("a senior official", "anonymous", "say") in rows


def test_own_reporting(make_corpus):
    rows = _rows(make_corpus, "CNN has contacted the ministry for comment.\n")
    assert ("CNN", "own_reporting", "has contacted") in rows


def test_verbs_inside_quotations_are_not_sources(make_corpus):
    rows = _rows(make_corpus, "“I said no,” Peter Olsen said.\n")
    assert {r[0] for r in rows} == {"Peter Olsen"}


def test_classify_source():
    assert classify_source("TASS", "ORG") == "agency"
    assert classify_source("officials", "") == "anonymous"


def test_seed_kinds_cover_every_article(seeds):
    table = sources_by_kind(source_mentions(seeds), seeds.ids)
    assert list(table.index) == seeds.ids
    assert table.sum(axis=1).gt(0).all()


def test_a_verb_that_only_frames_a_quotation_is_not_a_source(make_corpus):
    # "condemn" attributes quoted words ("condemned ... as 'unlawful'"), but without a
    # quotation the UN is not being cited here.
    rows = _rows(make_corpus, "Norway abstained in the UN votes condemning the invasion.\n")
    assert not any(verb == "condemn" for _, _, verb in rows)


def test_a_claim_resting_on_no_named_source_is_listed(make_corpus):
    rows = _rows(make_corpus, "There have been reports that exporters could not repatriate earnings.\n")
    assert ("(no source named)", "unattributed", "there have been reports") in rows


def test_a_person_described_by_role_is_a_person():
    assert classify_source("Slovakia's interior minister", "") == "person"
    assert classify_source("a senior official", "") == "anonymous"


def test_media_reports_and_a_witness_of_an_agency_are_not_sources_by_name(make_corpus):
    rows = _rows(make_corpus, (
        "Media reports say the prime minister of Norway was injured in Bergen on Monday.\n\n"
        "The Reuters witness said he heard several shots near the town hall on Monday.\n"))
    sources = {r[0] for r in rows}
    assert "Media" not in sources and "Reuters" not in sources
    assert ("(no source named)", "unattributed", "reports say") in rows


def test_it_after_a_statement_is_the_statement_not_the_last_organisation(make_corpus):
    rows = _rows(make_corpus, (
        "Anna Berg, whose Progress Party won the election last year, is a four-time prime "
        "minister of Norway.\n\n"
        "\u201cShe is being taken to hospital by helicopter,\u201d the government's statement "
        "added.\n\nIt added that the police would hold a press conference at noon.\n"))
    assert "Progress Party" not in {r[0] for r in rows}


def test_a_dateline_in_capitals_is_no_source(make_corpus):
    corpus = make_corpus({"a": "NEWFOUNDLAND, CANADA: OceanGate has released an official statement confirming "
                               "the death of all five passengers.\n"})
    assert "newfoundland" not in [name.lower() for name in source_mentions(corpus)["source"]]


def test_an_agency_described_with_its_owner_is_the_agency(make_corpus):
    corpus = make_corpus({"a": "Ushakov said the visit was being prepared, according to Russia's state-owned TASS news agency. "
                               "Putin said he would attend, according to TASS.\n"})
    agencies = source_mentions(corpus).query("kind == 'agency'")["source"].tolist()
    assert agencies == ["TASS", "TASS"]


def test_a_participle_glossing_a_noun_is_no_attribution(seeds):
    # The rewrite (003): "Modi last met ... Putin in 2022 at the Shanghai Cooperation Organization
    # summit in Uzbekistan, emphasizing the era's focus on peace rather than conflict" (the
    # reporter's gloss); The Neutral (002): "Kwatra emphasized that ..." (reported speech).
    rows = source_mentions(seeds)
    emphasized = rows[rows["verb"] == "emphasize"]
    assert emphasized["article"].tolist() == ["002"]


def test_a_surname_is_not_given_to_a_person_named_only_in_another_text(make_corpus):
    # The mayor's full name goes unrecognised; the president's surname is the same word.
    corpus = make_corpus({
        "a": "Mexican President Andrés Manuel López said the army would help.\n",
        "b": "Acapulco Mayor Abelina López urged residents to either stay at home or seek refuge in the city’s "
             "shelters on Tuesday night, stating that they are currently on high alert.\n\n"
             "López stated that Otis has the potential to be even more destructive than Hurricane Pauline, "
             "which struck Acapulco in 1997.\n"})
    rows = source_mentions(corpus)
    assert "Andrés Manuel López" not in rows.loc[rows["article"] == "b", "source"].tolist()


def test_an_agency_named_with_its_kind_of_outlet_is_an_agency():
    assert classify_source("Kyodo News", "ORG") == "agency"
    assert classify_source("the Jiji Press", "ORG") == "agency"
    assert classify_source("MAP", "ORG") == "agency"  # Morocco's state news agency


def test_a_person_described_with_an_indefinite_article_is_an_unnamed_source():
    assert classify_source("A Japan Airlines spokesperson", "") == "anonymous"
    assert classify_source("A spokesman at Japan Airlines", "") == "anonymous"
    assert classify_source("A coast guard official at Haneda Airport, one of the world's busiest", "") == "anonymous"


def test_per_and_a_passive_agent_name_the_source(make_corpus):
    corpus = make_corpus({"a": "Runway fire\n\nA plane caught fire at Haneda airport on Tuesday, as reported by "
                               "Nippon TV.\n\nAll 379 people got out safely, per the AP.\n\n"
                               "Prices rose 5 per cent.\n"})
    table = source_mentions(corpus)
    assert list(zip(table["source"], table["verb"])) == [("Nippon TV", "report"), ("AP", "per")]


def test_a_wire_texts_declined_to_comment_is_not_the_reprinting_sites_reporting(make_corpus):
    # Reader 12: a reprint credited "(Reuters)", and a site's auto-posted syndicated item,
    # each printing the agency's "declined to comment" as their own outlet's reporting.
    credited = _rows(make_corpus, "BERN (Reuters) - The banks agreed a deal on Sunday. The two banks declined to comment.\n")
    syndicated = _rows(make_corpus, "The banks agreed a deal on Sunday. The two banks declined to comment.\n\n"
                                    "(This story is auto-generated from a syndicated feed.)\n")
    own = _rows(make_corpus, "The banks agreed a deal on Sunday. The two banks declined to comment.\n")
    assert not any(kind == "own_reporting" for _, kind, _ in credited | syndicated)
    assert any(kind == "own_reporting" for _, kind, _ in own)


def test_an_agency_credit_in_brackets_is_not_who_speaks(make_corpus):
    rows = _rows(make_corpus, "(AP) — Swiss President Alain Berset said the bank would be sold.\n")
    assert ("Alain Berset", "person", "say") in rows
    assert not any(source == "AP" for source, _, _ in rows)


def test_a_request_for_comment_by_another_outlet_is_not_this_outlets_reporting(make_corpus):
    # Reader 13: Yahoo's reprint of a BBC text credited with CBS's request for comment.
    rows = _rows(make_corpus, "Assange left prison on Monday. His attorney declined to comment when contacted by CBS.\n")
    assert not any(kind == "own_reporting" for _, kind, _ in rows)
    assert ("CBS", "other", "declined to comment") in rows

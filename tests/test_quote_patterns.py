"""The quotation classes that failed on real coverage (issue 9), each on a tiny hand-written
article with a known answer: non-speech quoted spans, single marks, and speakers through
colon introductions, descriptive back-references, titles, pronouns across non-body lines
and following paragraphs."""

from __future__ import annotations

import pandas as pd

from newscompare.analysis.quotes import extract_quotes, quoted_terms


def _quotes(make_corpus, text: str) -> pd.DataFrame:
    return extract_quotes(make_corpus({"a": text}))


def test_product_name_in_quotes_is_not_a_quotation(make_corpus):
    text = ('Anna Berg said the army had received new "Mango" shells.\n\n'
            '"We need more of them," Anna Berg said.\n')
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["We need more of them,"]


def test_so_called_and_named_spans_are_terms(make_corpus):
    text = ('The so-called "peace formula" was discussed. A programme called "Make in Norway" '
            'was launched by Peter Olsen.\n')
    corpus = make_corpus({"a": text})
    assert extract_quotes(corpus).empty
    assert list(quoted_terms(corpus)["quote"]) == ["peace formula", "Make in Norway"]


def test_scare_quote_with_no_speaker_is_a_term(make_corpus):
    text = 'Relations between the two "old friends" have cooled since 2022.\n'
    assert _quotes(make_corpus, text).empty


def test_short_partial_quote_with_a_speaker_is_speech(make_corpus):
    text = 'Peter Olsen called the accusations "farcical" on Monday.\n'
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["farcical"]
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_single_curly_marks_are_quotation_marks(make_corpus):
    text = "‘We will win,’ Peter Olsen said. It’s Olsen’s third campaign.\n"
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["We will win,"]
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_single_straight_marks_in_a_headline_style_quote(make_corpus):
    text = "Peter Olsen said the plan was 'a disaster' for the city's port.\n"
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["a disaster"]
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_colon_introduction(make_corpus):
    text = 'Peter Olsen told reporters: "We have no information about it."\n'
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_descriptive_back_reference(make_corpus):
    text = ('Norway\'s ambassador Peter Olsen arrived in Rome on Monday.\n\n'
            '"This is a good day," added the diplomat.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_a_title_names_its_holder_not_the_person_in_it(make_corpus):
    text = ('President Anna Berg will travel to Rome. Her press secretary, Peter Olsen, '
            'confirmed the trip.\n\n'
            '"The dates are agreed," the president\'s press secretary said.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_quotation_paragraph_continues_the_quotation_that_closed_the_paragraph_before(make_corpus):
    # News style continues a speaker into a paragraph made only of quotation when the
    # paragraph before closed with that speaker's attributed quotation.
    text = ('"We will build the bridge," Peter Olsen said on Monday.\n\n'
            '"It will be finished by 2030."\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen", "Peter Olsen"]


def test_quotation_after_a_reported_statement_is_left_to_check_by_hand(make_corpus):
    # Without a quotation closing the paragraph before ("Schrems said the deal was
    # unlikely to last."), a paragraph opening with a quotation as often brings in a new
    # voice: on the twenty development events that looser carry was wrong 13 times in 33.
    text = ('Peter Olsen said on Monday that the bridge would be built by the city.\n\n'
            '"It will be finished by 2030."\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == [""]


def test_quotation_paragraph_with_words_of_its_own_carries_no_speaker(make_corpus):
    text = ('"We will build the bridge across the fjord before the end of the decade," Peter '
            'Olsen said on Monday.\n\n'
            '"It will be finished by 2030." The line is painted on a board at the site.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen", ""]


def test_speaker_does_not_carry_past_a_quotation_that_is_not_last(make_corpus):
    # The quotation before is not the paragraph's last sentence: what follows it is the
    # writer's, so the next paragraph's quotation may be anyone's.
    text = ('"We will build the bridge," Peter Olsen said on Monday. The city council has '
            'not voted on the money for it yet.\n\n'
            '"It will be finished by 2030."\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen", ""]


def test_the_one_quoted_speaks_not_the_one_quoting(make_corpus):
    text = ('"The situation is not very good," the Interfax news agency quoted Deputy Prime '
            'Minister Kanat Bozumbayev as saying.\n\n'
            '"It is a good day for the city," Peter Olsen was quoted saying in the release.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Kanat Bozumbayev", "Peter Olsen"]


def test_title_coordinated_with_a_name_is_that_person(make_corpus):
    text = ('"We will keep investing," Saudi Aramco CEO and President Amin H. Nasser said in '
            'a statement.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Amin H. Nasser"]


def test_the_body_reporting_what_its_investigation_found_speaks(make_corpus):
    text = ('The National Highway Traffic Safety Administration says its investigation found '
            'the method can be inadequate and "can lead to foreseeable misuse of the system."\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["National Highway Traffic Safety Administration"]


def test_pronoun_after_a_chrome_line(make_corpus):
    # A body line of a real article's length (a short first line is read as furniture).
    text = ('Peter Olsen, the mayor of Bergen, spoke to reporters in Rome on Monday about the new '
            'bridge.\n\nADVERTISEMENT\n\n"The bridge will be built," he said.\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_text_cut_off_inside_the_attribution_gets_no_speaker(make_corpus):
    text = ('Anna Berg spoke first on Monday.\n\n'
            '"We will build the bridge," said the\n')
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["We will build the bridge,"]
    assert list(table["speaker"]) == [""]


def test_typewriter_closing_marks(make_corpus):
    table = _quotes(make_corpus, "\"We are ready to build it,'' said Peter Olsen, the mayor.\n")
    assert list(table["quote"]) == ["We are ready to build it,"]
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_closing_curly_mark_used_as_an_opening_mark(make_corpus):
    table = _quotes(make_corpus, "”We are ready to build it,” Peter Olsen said.\n")
    assert list(table["quote"]) == ["We are ready to build it,"]


def test_closing_curly_mark_after_a_colon_opens_even_before_a_space(make_corpus):
    table = _quotes(make_corpus, "The mayor, Peter Olsen, further said: ” We are ready to build it. Thank you.”\n")
    assert list(table["quote"]) == ["We are ready to build it. Thank you."]


def test_a_statement_of_someone_speaks_for_them(make_corpus):
    text = ('Peter Olsen opened the bridge on Monday.\n\n'
            'His statement added, "The city will not forget the workers who built it."\n')
    table = _quotes(make_corpus, text)
    assert list(table["speaker"]) == ["Peter Olsen"]


def test_bulleted_quotation_paragraph_continues_its_speaker(make_corpus):
    text = ('"We will build the bridge," Peter Olsen said on Monday.\n\n'
            '• "It will be finished by 2030, and it will carry trains."\n')
    table = _quotes(make_corpus, text)
    assert list(table["quote"])[1].startswith("It will be finished by 2030")
    assert list(table["speaker"]) == ["Peter Olsen", "Peter Olsen"]


def test_expressing_a_feeling_attributes_the_words(make_corpus):
    text = 'The unions of the port expressed "deep concern" about the plan on Monday.\n'
    table = _quotes(make_corpus, text)
    assert list(table["quote"]) == ["deep concern"]


def test_a_whole_sentence_after_its_reporting_verb_is_a_full_quotation(make_corpus):
    text = ('Hospital director Marta Eckhardtova said "Fico was brought into our hospital and he was '
            'treated at our vascular surgery clinic."\n')
    table = _quotes(make_corpus, text)
    assert list(table["kind"]) == ["full"]
    assert list(table["speaker"]) == ["Marta Eckhardtova"]

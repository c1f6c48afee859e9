"""Line roles, sentence splitting and offsets: known answers on small texts and the seeds."""

from __future__ import annotations

import pytest

from newscompare.ingest.cleaning import assign_roles, slug_words, spells_slug, wrapped_line_groups
from newscompare.ingest.paths import SEEDS_DIR
from newscompare.ingest.text import normalize, words


def roles(lines: list[str]) -> list[str]:
    return [role.role for role in assign_roles(lines)]


def test_markdown_header_block() -> None:
    lines = [
        "# A Headline Here",
        "",
        "By [Agency](#)",
        "July 04, 2024",
        "A person in a photo. **Photo Agency**",
        "The first sentence of the story. A second one.",
        "Original url:",
        "<https://example.org/story>",
    ]
    assert roles(lines) == [
        "headline", "blank", "byline", "dateline", "caption", "body", "footer", "footer",
    ]


# Running text as the line model sees it on real pages: long lines ending as sentences.
LEAD = ("The minister said on Tuesday that the new rules would take effect next month, "
        "after a long consultation with industry.")
SECOND = ("Officials told reporters that the measure had been debated for more than a year "
          "before the cabinet approved it.")


def test_chrome_repeated_headline_and_promo() -> None:
    lines = [
        "Type to search",
        "Cabinet approves new rules for the shipping industry",
        "Cabinet approves new rules for the shipping industry",
        LEAD,
        "Read More: another story entirely",
        SECOND,
    ]
    assert roles(lines) == ["chrome", "headline", "chrome", "body", "promo", "body"]


def test_an_invitation_to_watch_more_is_a_promotion_not_the_title() -> None:
    lines = ["Watch more News on iWantTFC", "Cabinet approves new rules for the shipping industry", LEAD]
    assert roles(lines) == ["promo", "headline", "body"]


def test_plain_body_has_no_headline() -> None:
    lines = ["The visit was announced on Thursday.", "It will take place next week."]
    assert roles(lines) == ["body", "body"]


def test_subheading_inside_body_stays_body() -> None:
    # The guidelines count a subheading inside the running text ("Fourth fine") as body;
    # furniture inside the body is told by its words (a known phrase), not its length.
    assert roles([LEAD, "A line without a full stop", SECOND]) == ["body", "body", "body"]
    assert roles([LEAD, "SHARE THIS ARTICLE", SECOND]) == ["body", "chrome", "body"]


def test_long_unpunctuated_line_inside_body_stays_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.",
             "A long line of article text that the page printed without its full stop",
             "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "body", "body"]


def test_last_line_cut_off_stays_body() -> None:
    # A first line of a real article's length: a four-word line alone reads as furniture to
    # the fitted line model.
    first = "The council said on Monday that the new bridge across the harbour would open next spring."
    assert roles([first, "And then the page was cut"]) == ["body", "body"]


def test_reader_comments_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.", "1. tallwookie says:", "Great article, thanks."]
    assert roles(lines) == ["body", "footer", "footer"]


def test_photo_credit_and_navigation_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.", "Rescuers search the rubble. (AP Photo/Niranjan Shrestha)",
             "Home > News > World News > Article", "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "caption", "chrome", "body"]


def test_credit_lines_captions_and_biographies_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.",
             "The Associated Press contributed to this report.",
             "(Reporting by Leika Kihara; Editing by Sam Holmes)",
             "Shigeru Ishiba stands during a special Diet session in Tokyo, Japan, Oct. 1, 2024.",
             "FILE - Tanker trucks are parked near the entrance.",
             "Jim Byers is a freelance travel writer based in Toronto.",
             "See also  Prime for only eight hours",
             "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "footer", "footer", "caption", "caption", "footer", "promo", "body"]


def test_picture_credits_comment_boxes_and_flash_promises_are_not_body() -> None:
    # Development (tenth split) and the twelfth reader's book: captions credited after a
    # slash, "via", "Photo /", "Credit:" or in square brackets, and stock site lines.
    lines = ["Banks agree a rescue deal",
             "The story starts here, in the first paragraph of the article, and it goes on for a while.",
             "A Russian plane takes off in Ankara, Turkey. Kirill Kudryavtsev/AFP via Getty Images, FILE",
             "A Boeing production assembly line in Seattle. Photo / Brett Phibbs",
             "UBS' takeover of Credit Suisse is a historic deal for Switzerland. Credit:AP",
             "The eventual death toll is expected to be catastrophically high [Getty images]",
             "In this photo provided by the Libyan government, cars sit in a street in Derna.",
             "You might also like",
             "(More information to follow)",
             "You have 2000 characters left.",
             "Related What's behind Hawaii's catastrophic wildfires?",
             "In this article",
             "Related to the deal, the bank said more of the story follows in this last paragraph."]
    assert roles(lines)[1:] == ["body", "caption", "caption", "caption", "caption", "caption",
                                "chrome", "chrome", "chrome", "promo", "chrome", "body"]


def test_print_edition_bylines_credits_and_broken_lines() -> None:
    lines = ["Fallen crypto mogul sentenced to 25 years in prison",
             "- BY KEN SWEET AND LARRY NEUMEISTER Associated Press",
             "NEW YORK >> The crypto entrepreneur was sentenced on Thursday to 25 years in prison for a fraud.",
             "The exchange drew celebrity endorsements from stars like quarterback Tom Brady and comedian",
             "Larry David.",
             "The judge said he had repeatedly committed perjury on the witness stand during the trial.",
             "- The Associated Press"]
    decided = roles(lines)
    assert decided[1:] == ["byline", "body", "body", "body", "body", "footer"]


def test_a_section_or_publication_in_the_address_is_no_headline() -> None:
    assert slug_words("https://www.pressreader.com/usa/the-sun-lowell/20240329/282021745231234") == []
    assert slug_words("https://x.example/world/slovakias-prime-minister-injured-in-shooting-6027641.html") == [
        "slovakias", "prime", "minister", "injured", "in", "shooting"]


def test_sentences_that_open_like_credits_stay_body() -> None:
    lines = ["Reporting by officials suggests the toll will rise further.",
             "He was seen in Tokyo on Oct. 1, 2024, officials said.",
             "Many factors contributed to this report's delay, the ministry said."]
    assert roles(lines) == ["body", "body", "body"]


def test_long_sentence_starting_with_by_is_body() -> None:
    line = "By the time the talks began, both sides had already agreed on the main points."
    assert roles([line]) == ["body"]


def test_every_role_decision_names_its_rule() -> None:
    decided = assign_roles(["# Title", "By AFP", "Body text here."])
    assert all(role.rule for role in decided)


def test_sentences_never_cross_a_line(make_corpus) -> None:
    corpus = make_corpus({"a": f"{LEAD}\nA line of article text that has no full stop at its end\n"
                               "Second line. Third one here.\n"})
    sentences = corpus.sentences["sentence"].tolist()
    assert sentences == [LEAD, "A line of article text that has no full stop at its end",
                         "Second line.", "Third one here."]
    assert corpus.sentences["paragraph_index"].tolist() == [0, 1, 2, 2]


def test_offsets_point_into_the_raw_file(seeds) -> None:
    for article in seeds.articles.itertuples():
        raw = (SEEDS_DIR / article.file).read_text(encoding="utf-8")
        rows = seeds.sentences[seeds.sentences["article"] == article.id]
        for row in rows.itertuples():
            assert raw[row.start:row.end] == row.sentence


def test_normalize_unifies_typography() -> None:
    assert normalize("India\u2019s \u201cconcerns\u201d \u2013 and\u00a0**more**") == (
        "India's \"concerns\" - and more"
    )


def test_words_treat_hyphen_and_space_alike() -> None:
    assert words("a much-needed market") == words("a much needed market")


# What the cleaner must do to each seed, line by line (non-blank, non-body lines),
# established by reading the raw files.
EXPECTED_SEED_ROLES = {
    "000": {3: "headline", 5: "byline", 7: "dateline", 11: "caption", 37: "footer", 39: "footer"},
    "001": {},
    "002": {1: "chrome", 4: "headline", 6: "chrome", 12: "promo"},
    "003": {1: "chrome", 3: "headline", 5: "chrome", 11: "promo"},
    "004": {},
}


@pytest.mark.parametrize("article", sorted(EXPECTED_SEED_ROLES))
def test_seed_line_roles(seeds, article: str) -> None:
    lines = seeds.lines[seeds.lines["article"] == article]
    found = {
        row.line_number: row.role
        for row in lines.itertuples()
        if row.role not in ("body", "blank")
    }
    assert found == EXPECTED_SEED_ROLES[article]


def test_seed_headers(seeds) -> None:
    first = seeds.articles.set_index("id").loc["000"]
    assert (first.headline, first.byline, first.dateline) == (
        "India's Modi To Visit Russia Next Week", "AFP", "July 04, 2024",
    )


def test_seed_sentence_counts(seeds) -> None:
    # Counted by hand from the raw files (one body sentence per full stop outside
    # abbreviations; 001 and 004 each have a quotation of several sentences).
    counts = seeds.articles.set_index("id")["sentences"].to_dict()
    assert counts == {"000": 13, "001": 19, "002": 13, "003": 11, "004": 18}


def test_slug_words_read_the_longest_hyphenated_part_of_the_address():
    url = ("https://www.latestly.com/agency-news/world-news-slovakias-prime-minister-injured-in-"
           "shooting-6027641.html?utm=x")
    assert slug_words(url) == ["world", "news", "slovakias", "prime", "minister", "injured", "in", "shooting"]
    assert slug_words("https://www.pressreader.com/uk/daily-mail/20230313/281608129658812") == []
    assert slug_words("") == []


def test_only_a_short_line_that_is_not_a_sentence_spells_the_slug():
    slug = slug_words("https://example.com/news/slovakias-prime-minister-injured-in-shooting")
    assert spells_slug("Slovakia's Prime Minister Injured in Shooting", slug)
    # The lead retells the headline's words as a sentence: it is not the headline.
    assert not spells_slug("Slovakia's prime minister was injured in a shooting on Wednesday.", slug)
    assert not spells_slug("• MENU", slug)


def test_the_line_the_address_spells_is_the_headline():
    lines = ["• MENU", "UPDATE | Three teens killed in a crash on the highway",
             "Slovakia's Prime Minister Injured in Shooting",
             "Slovakia's populist prime minister Robert Fico was shot and injured on Wednesday after "
             "a government meeting in the town of Handlova, officials said."]
    roles = assign_roles(lines, url="https://example.com/world/slovakias-prime-minister-injured-in-shooting-1.html")
    assert roles[2].role == "headline" and "address" in roles[2].rule
    assert roles[3].role == "body"


def test_the_article_headline_is_the_one_the_address_spells(tmp_path):
    from newscompare.ingest.corpus import load_corpus

    (tmp_path / "a.txt").write_text(
        "UPDATE | Three teens killed in a crash on the highway\n\n"
        "Slovakia's Prime Minister Injured in Shooting\n\n"
        "Slovakia's populist prime minister Robert Fico was shot and injured on Wednesday after a "
        "government meeting in the town of Handlova, officials said on Wednesday evening.\n",
        encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "id,file,outlet,url,published\n"
        "a,a.txt,Outlet,https://example.com/world/slovakias-prime-minister-injured-in-shooting-1.html,2024-05-15\n",
        encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.articles.loc[0, "headline"] == "Slovakia's Prime Minister Injured in Shooting"


def test_a_print_pages_masthead_is_not_its_headline(tmp_path):
    from newscompare.ingest.corpus import load_corpus

    (tmp_path / "a.txt").write_text(
        "Toronto Star\n\n## Strong earthquake hits island, damages buildings\n\n"
        "A strong earthquake struck the island on Wednesday morning, damaging buildings and "
        "cutting power to thousands of homes, officials said.\n", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "id,file,outlet,url,published\na,a.txt,Toronto Star (PressReader),,2024-04-03\n", encoding="utf-8")
    assert load_corpus(tmp_path).articles.loc[0, "headline"] == "Strong earthquake hits island, damages buildings"


def test_agency_names_teasers_and_source_links_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.", "AP, Reuters", "Similar News:You can also read news stories similar to this one",
             "Source link", "Top Stories", "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "footer", "promo", "chrome", "chrome", "body"]


def test_captions_closed_by_their_credit_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.",
             "Volunteers tally votes at the union hall in Seattle (AP/Lindsey Wasson)",
             "Ishiba is applauded after being chosen, at the Lower House in Tokyo [Issei Kato/Reuters]",
             "Survivors of a shipwreck sleep at a warehouse at the port. (AP)",
             "Men transfer body bags at the port of Kalamata, Greece. Photo credit: Reuters",
             "Kiptum crosses the finish line with a world record | Photo by Jamie Sabau-USA TODAY Sports",
             "Meta has been fined a record sum. © Collage: 123RF/rarrarorro & Lionel BONAVENTURE / AFP",
             "The statement said Pfizer and BioNTech are anticipating further regulatory decisions across the "
             "globe in the coming days and are ready to deliver doses following authorizations. (ANI)",
             "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "caption", "caption", "caption", "caption", "caption", "caption", "body", "body"]


def test_embedded_posts_blog_neighbours_and_widgets_are_not_body() -> None:
    lines = ["The story starts here, in the first paragraph of the article.",
             "WORLD RECORD: We have a new man in town. Kelvin Kiptum just broke the world record with an unofficial "
             "time! UNBELIEVABLE! pic.twitter.com/XfeMEzPveZ — Chicago Marathon (@ChiMarathon) October 8, 2023",
             "Previous post Column: You said you were the anti-De Leon, Wendy.",
             "LIVE UPDATES: Follow bridge collapse updates here as search for people continues",
             "Report a typo",
             "Your email address will not be published. Required fields are marked *",
             "This is a breaking news story. Please check back for updates.",
             "More of the story follows in this last paragraph of the article."]
    assert roles(lines) == ["body", "chrome", "promo", "promo", "chrome", "chrome", "footer", "body"]


@pytest.mark.parametrize("furniture", [
    "Article continues after advertisement", "News continues after this Advertisement",
    "Connect with us on our socials:", "Register now for FREE unlimited access to the site",
    "Enjoy reading the Irish News?", "This independent news site is supported by subscribers.",
    "IE 11 is not supported. For an optimal experience visit our site on another browser.",
    "THIS IS A BREAKING NEWS UPDATE.", "This breaking news story is being updated.",
    "Read the full article.", "Related"])
def test_page_prompts_and_notices_are_not_body(furniture) -> None:
    assert roles([LEAD, furniture, SECOND]) == ["body", "chrome", "body"]


@pytest.mark.parametrize("sentence", [
    "The claim is not supported by the evidence the agency released, the court said on Monday.",
    "Registration for the vote continues after the holiday, election officials said."])
def test_sentences_with_furniture_words_stay_body(sentence) -> None:
    assert roles([LEAD, sentence, SECOND]) == ["body", "body", "body"]


def test_a_line_of_three_sentences_is_text_whatever_is_glued_to_it() -> None:
    # A page glued a promo's headline to the end of its first paragraph: no full stop at the
    # end and capitalised words made it look like a standfirst to the line model.
    glued = ("Portland, January 6: An Alaska Airlines flight made an emergency landing in Oregon on Friday "
             "after a window blew out in mid-air, media reports said. A passenger sent a photo showing what "
             "appears to be an exit row missing a door. It was not immediately clear if anyone was injured. "
             "Alaska Airlines Flight Makes Emergency Landing at Portland Airport After Aircraft Window Blows Out")
    assert roles([glued, "Alaska Airlines Flight Makes Emergency Landing in Oregon", LEAD, SECOND])[0] == "body"


WRAPPED = [
    "Ex-crypto mogul Sam Bankman-Fried convicted of multi-billion dollar FTX",
    "fraud",
    "Send a link to a friend",
    "By Luc Cohen, Jody Godoy",
    "NEW YORK (Reuters) -FTX founder Sam Bankman-Fried was found guilty on",
    "Thursday of stealing from customers of his now-bankrupt cryptocurrency",
    "exchange in one of the biggest financial frauds on record, a verdict",
    "that cemented the 31-year-old former billionaire's fall from grace.",
    "A 12-member jury in Manhattan federal court convicted Bankman-Fried on",
    "all seven counts he faced after a monthlong trial in which prosecutors",
    "made the case that he looted $8 billion from the exchange's users out of",
    "sheer greed.",
    "The jury reached the verdict after just over four hours of",
    "deliberations. Bankman-Fried stood facing the jury with his hands clasped.",
]


def test_a_hard_wrapped_text_is_read_as_its_paragraphs() -> None:
    assert wrapped_line_groups(WRAPPED) == [[0, 1], [2], [3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13]]


def test_lines_that_end_their_sentences_are_not_joined() -> None:
    # Two lines that stop without a full stop (a headline, a standfirst) are not a wrap.
    lines = ["Storm makes landfall on the Gulf coast", "Winds of 120 mph and a surge of 13 feet",
             "The storm made landfall on Wednesday night near Siesta Key, the hurricane centre said.",
             "it was a category 3 storm."]
    assert wrapped_line_groups(lines) == [[0], [1], [2], [3]]


@pytest.mark.parametrize("caption", [
    "1 of 2 | Former FTX chief executive Sam Bankman-Fried arrives for arraignment proceedings at the "
    "Manhattan Federal Court in New York City on January 3. File photo by John Angelillo/UPI |",
    "1 of 5 | Rescue workers search the rubble of the hotel on Friday",
    "Former FTX chief executive Sam Bankman-Fried arrives at court. Photo by John Angelillo/UPI"])
def test_a_photo_gallery_counter_or_a_photo_by_credit_makes_a_caption(caption) -> None:
    assert roles([caption, LEAD, SECOND])[0] == "caption"


def test_send_a_link_to_a_friend_is_furniture() -> None:
    assert roles(["Send a link to a friend", LEAD, SECOND])[0] == "chrome"


@pytest.mark.parametrize("furniture", ["2 min read", "5 minutes read", "#JulianAssange, #WikiLeaks, #UK, #USA", "close"])
def test_reading_time_labels_tag_lines_and_close_buttons_are_furniture(furniture) -> None:
    # A new user's book (Assange story) took "2 min read", a line of tags and a dialog's
    # "close" for the page's title.
    assert roles([furniture, LEAD, SECOND])[0] == "chrome"


def test_a_byline_of_several_writers_and_their_agency_is_a_byline() -> None:
    byline = "By Jintamas Saksornchai, Alanna Durkin Richer and Eric Tucker, Associated Press"
    assert roles([byline, LEAD, SECOND])[0] == "byline"


def test_a_caption_ending_with_a_photographer_and_two_agencies_is_a_caption() -> None:
    caption = ("Australian Prime Minister Anthony Albanese speaks during Question Time at Parliament House "
               "in Canberra, Australia, 25 June 2024. Mick Tsikas/AAP/dpa")
    assert roles([LEAD, caption, SECOND])[1] == "caption"


def test_an_embedded_video_post_is_furniture() -> None:
    post = ("@pmwnews #TikTok #CEO #ShouChew responds to the bill that could ban the app: “Make no mistake, "
            "this is a ban.” #tiktokban ♬ original sound - PMW TV")
    assert roles([LEAD, post, SECOND])[1] == "chrome"


def test_a_line_longer_than_any_headline_is_text_and_a_copyright_label_is_furniture() -> None:
    # Reader 14 (Truss story): an 86-word lede glued to a promo was taken for the title, and
    # "PA Media Copyright: PA Media" was the title of another text.
    lede = ("London: Liz Truss on Thursday resigned as the Prime Minister of the United Kingdom sending "
            "shockwaves through the markets and dividing her Conservative Party just six weeks after she was "
            "appointed. Addressing the media outside the door of her Number 10 Downing Street office, Truss "
            "accepted that she could not deliver the promises she made when she was running for Conservative "
            "leader, having lost the faith of her party.Also Read - Liz Truss Quits, Economic Crisis Forces UK "
            "PM To Leave Office In Just 45 Days")
    assert roles([lede, LEAD, SECOND])[0] == "body"
    assert roles(["PA Media Copyright: PA Media", LEAD, SECOND])[0] == "chrome"


def test_a_biography_naming_the_employer_or_a_capitalised_title_is_a_footer() -> None:
    # Development (split 12's events, moved to development): NPR's biographies under a story.
    for biography in ("Nina Totenberg is NPR's award-winning legal affairs correspondent.",
                      "Sarah McCammon is a National Correspondent covering the Mid-Atlantic for NPR."):
        assert roles([LEAD, SECOND, biography])[2] == "footer"


def test_a_run_of_teasers_cut_off_by_the_site_is_furniture() -> None:
    # Development (split 12's events): a "more stories" block of titles and blurbs cut off
    # with an ellipsis below the article; sentences of the article end as sentences do.
    teasers = ["Zombie drama has weak pulse",
               "The first sentence of the tagline for the new film reads, after a catastrophic military disaster,...",
               "A home-buying guide for empty nesters",
               "The day a child leaves home can be bittersweet for parents. Although a son or daughter being successful and mature..."]
    assert "body" not in roles([LEAD, SECOND, *teasers])[2:]


def test_an_embedded_posts_text_above_its_signature_is_furniture_and_article_text_after_a_post_is_not() -> None:
    # The sixteenth reader's book (an Alaska Airlines door plug): a post's text on the line
    # above its signature was read as article text, and a paragraph the page glued after a
    # post (a passenger's quotation) was dropped with the post.
    post_text = "We are aware of an incident involving Alaska Airlines Flight #AS1282. We will share more soon."
    signature = "— Alaska Airlines (@AlaskaAir) January 6, 2024"
    glued = ("Video appeared to show a window panel blown out. pic.twitter.com/M00hT7HaPx — CBS News (@CBSNews) "
             "January 6, 2024 \"It was really abrupt, and the wall just popped off,\" he told the broadcaster. "
             "Another passenger told The New York Times that a loud noise had woken her.")
    assert roles([LEAD, post_text, signature, SECOND])[1:3] == ["chrome", "chrome"]
    assert roles([LEAD, glued, SECOND])[1] == "body"

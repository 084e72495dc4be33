"""Quotations and their speakers: the seed's gold, each cue form, and the hard cases."""

import json
from pathlib import Path

import pytest

from datasette_newsfacts.attribution import attribute
from datasette_newsfacts.cues import sentence_subject
from datasette_newsfacts.quotes import find_quotes, scan_spans
from datasette_newsfacts.segment import segment

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "000_14d1a24053a90e28.txt"


def quotes_of(*paragraphs):
    return [(q.paragraph, q.text, q.speaker, q.kind) for q in attribute(list(paragraphs))]


def test_seed_quotes_match_gold_with_speakers():
    gold = json.loads(SEED.with_suffix(".gold.json").read_text(encoding="utf-8"))
    article = segment(SEED.read_text(encoding="utf-8"), "seed")
    found = attribute([p.text for p in article.paragraphs])
    assert [(q.paragraph, q.text, q.kind) for q in found] == [
        (q["paragraph"], q["text"], q["kind"]) for q in gold["quotes"]
    ]
    for quote, expected in zip(found, gold["quotes"]):
        accepted = {expected["speaker"].lower(), *(a.lower() for a in expected["speaker_aliases"])}
        assert quote.speaker.lower() in accepted, (quote.text, quote.speaker)
    roles = {q.speaker: q.speaker_role for q in found}
    assert roles["Lee Jae-jeong"] == "spokeswoman for the Minjoo opposition party"
    assert roles["Geng Shuang"] == "Chinese foreign ministry spokesman"
    assert [q.speaker_mention for q in found if q.speaker == "Daniel Pinkston"] == ["he", None]


def test_offsets_point_at_the_quote_text():
    text = "“We will not back down,” said Jane Roe, the mayor of Springfield."
    [quote] = attribute([text])
    assert text[quote.start : quote.end] == quote.text == "We will not back down,"


@pytest.mark.parametrize(
    "paragraph, speaker, cue",
    [
        ("“The plan is dead,” said Maria Lopez.", "Maria Lopez", "said"),
        ("“The plan is dead,” Maria Lopez said.", "Maria Lopez", "said"),
        ("Maria Lopez said: “The plan is dead.”", "Maria Lopez", "said"),
        ("Maria Lopez told reporters on Monday that “the plan is dead.”", "Maria Lopez", "told"),
        ("“Is the plan dead?” asked Maria Lopez.", "Maria Lopez", "asked"),
        ("“The plan is dead,” Maria Lopez added.", "Maria Lopez", "added"),
        ("“The plan is dead,” Maria Lopez tweeted.", "Maria Lopez", "tweeted"),
        ("“The plan is dead,” warned Maria Lopez.", "Maria Lopez", "warned"),
        ("“The plan is dead,” Maria Lopez insisted.", "Maria Lopez", "insisted"),
        ("“The plan is dead,” countered Maria Lopez.", "Maria Lopez", "countered"),
        ("The plan is “dead and buried,” according to Maria Lopez.", "Maria Lopez", "according to"),
        ("According to Maria Lopez, the plan is “dead and buried.”", "Maria Lopez", "according to"),
        ("Maria Lopez wrote in a blog post that the plan was “dead and buried.”", "Maria Lopez", "wrote"),
        ("“The plan is dead,” the ministry said in a statement.", "the ministry", "said"),
        ("“The plan is dead,” said a spokesman for the city council.", "a spokesman for the city council", "said"),
    ],
)
def test_cue_forms(paragraph, speaker, cue):
    [quote] = attribute([paragraph])
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_appositive_gives_the_role():
    [quote] = attribute(["“We are ready,” said Tom Baker, head of the port authority, on Friday."])
    assert (quote.speaker, quote.speaker_role) == ("Tom Baker", "head of the port authority")


def test_title_is_dropped_from_the_name_and_kept_in_the_role():
    [quote] = attribute(["“We are ready,” President Ana Silva said."])
    assert (quote.speaker, quote.speaker_role) == ("Ana Silva", "President")


def test_pronoun_resolves_to_the_last_compatible_person():
    found = quotes_of(
        "Health minister Ruth Okafor said the clinics would reopen “within weeks.”",
        "Opposition leader Paul Mensah disagreed.",
        "“That is a promise she cannot keep,” he said.",
        "“We will keep it,” she said.",
    )
    assert [speaker for _, _, speaker, _ in found] == ["Ruth Okafor", "Paul Mensah", "Ruth Okafor"]


def test_surname_resolves_to_the_full_name_used_earlier():
    found = quotes_of(
        "“Prices will fall,” said economist Daniel Pinkston.",
        "“Not this year,” Pinkston said.",
    )
    assert [speaker for _, _, speaker, _ in found] == ["Daniel Pinkston", "Daniel Pinkston"]


def test_multi_paragraph_quote_gives_one_quote_per_paragraph_with_one_speaker():
    found = quotes_of(
        "“We started with nothing,” said Amara Diallo. “No money, no office, no staff.",
        "“Now we have three hundred people working here.”",
        "Sales rose last year.",
    )
    assert found == [
        (0, "We started with nothing,", "Amara Diallo", "full"),
        (0, "No money, no office, no staff.", "Amara Diallo", "full"),
        (1, "Now we have three hundred people working here.", "Amara Diallo", "full"),
    ]


def test_single_quotes_nested_inside_stay_inside():
    [quote] = attribute(["“He told me ‘never again’ and left,” said Rosa Kim."])
    assert quote.text == "He told me ‘never again’ and left,"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The so-called “comfort women” issue has divided the two countries.",
        "The missile, known as “Hwasong”, flew for an hour.",
        "She wrote “The Art of the Deal” in a weekend.",
        "The “THAAD” system was deployed last year.",
        "Lawmakers passed the “Clean Water Act” on Tuesday.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(paragraph):
    assert attribute([paragraph]) == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "He said ” and then “",
        "“Unclosed quote with no end",
        "Stray ” closing mark, then “an open one",
        "\"\"\"",
        "”“”“",
        "",
    ],
)
def test_stray_marks_never_raise_and_stay_in_their_paragraph(paragraph):
    found = attribute([paragraph, "A plain paragraph follows."])
    assert all(quote.paragraph == 0 for quote in found)


def test_straight_quotes_work_like_curly_ones():
    [quote] = attribute(['"The plan is dead," said Maria Lopez.'])
    assert (quote.text, quote.speaker) == ("The plan is dead,", "Maria Lopez")


def test_partial_and_full_kinds():
    found = quotes_of(
        "Critics slammed the deal as a “diplomatic humiliation.”",
        "“It is a humiliation,” said Jo Park.",
    )
    assert [kind for *_, kind in found] == ["partial", "full"]


def test_unknown_speaker_abstains():
    assert quotes_of("“Nobody knows,” the sign read on the wall outside.") == [
        (0, "Nobody knows,", None, "full")
    ]


def test_scan_spans_recovers_at_paragraph_end():
    spans = scan_spans("“first” and “second is never closed")
    assert [(s.start, s.end, s.closed) for s in spans] == [(1, 6, True), (13, 35, False)]


def test_sentence_subject_skips_introductions():
    assert sentence_subject("In a lengthy article Wednesday, the agency KCNA accused Washington of going ") == "the agency KCNA"
    assert find_quotes("no quotes here") == []


def test_genders_come_from_the_pronouns_and_titles_beside_one_name():
    from datasette_newsfacts.attribution import _genders

    paragraphs = [
        "Jin Park and Lee Ana met on Monday.",  # two names: no vote
        "Mr. Park arrived late.",
        "Ana said she would stay. Her office agreed.",
        "Park, whose team won, left early; Ms. Ana did not.",  # two names again
    ]
    assert _genders(paragraphs, ["Jin Park", "Lee Ana"]) == {"Jin Park": "m", "Lee Ana": "f"}


@pytest.mark.parametrize("title", ["Mr.", "Mr"])  # with the point, and the British way without
def test_a_courtesy_title_and_surname_name_the_person_named_in_full_before(title):
    quotes = attribute(["Jin Park spoke first.", f"“We are ready,” {title} Park said."])
    assert [(q.text, q.speaker) for q in quotes] == [("We are ready,", "Jin Park")]


def test_she_never_points_back_to_a_man_called_mr():
    quotes = attribute(["Jin Park and Lee Ana met on Monday.", "Mr. Park arrived late.", "“We are ready,” she said."])
    assert [(q.text, q.speaker) for q in quotes] == [("We are ready,", None)]  # Lee Ana is not told apart: no guess


def test_an_aside_in_brackets_after_a_quote_is_no_cue():
    quotes = attribute([
        "“The plan is dangerous,” Mann writes. “It rests on a fallacy.” (Current models say the warming will be smaller.)"
    ])
    assert [(q.text, q.speaker) for q in quotes] == [("The plan is dangerous,", "Mann"), ("It rests on a fallacy.", "Mann")]


@pytest.mark.parametrize(
    "paragraph, speaker",
    [
        ("Thousands of staff at universities are being treated as second-class citizens, says a report highlighting the “alarming rise” of casual work.", "a report"),
        ("“We will fight on,” said a spokesman citing the union’s vote.", "a spokesman"),
        ("“We will fight on,” said the ruling party.", "the ruling party"),
        ("“We will fight on,” said the king of the Netherlands.", "the king of the Netherlands"),
    ],
)
def test_a_participle_with_an_object_ends_the_speakers_phrase(paragraph, speaker):
    [quote] = attribute([paragraph])
    assert quote.speaker == speaker


def test_a_person_named_after_a_works_title_is_who_a_pronoun_points_back_to():
    quotes = quotes_of(
        "“Parasite” director Bong Joon Ho said backstage that no one could predict the Oscars.",
        "Speaking through an interpreter he added: “It is true that the momentum is building.”",
    )
    assert quotes == [(1, "It is true that the momentum is building.", "Bong Joon Ho", "full")]


def test_an_organisation_named_after_the_is_stored_without_it_and_with_no_role():
    [quote] = attribute(["“It is a hostile act,” the Rodong Sinmun said in a commentary."])
    assert (quote.speaker, quote.speaker_mention, quote.speaker_role) == ("Rodong Sinmun", "the Rodong Sinmun", None)


@pytest.mark.parametrize(
    "name", ["Ana Çelik", "Émile Zola", "Øystein Berg", "Łukasz Nowak", "Ülkü Şahin", "Ahmed al-Şahin", "Valéry d’Estaing"]
)
def test_names_that_open_with_a_capital_beyond_ascii_are_speakers(name):
    quotes = quotes_of("“The first plan is weak,” said Zoë Smith, a planner.", f"“The second plan is sound,” said {name}.")
    assert quotes[1] == (1, "The second plan is sound,", name, "full")


def test_a_label_over_a_list_item_is_no_speaker_but_a_transcripts_speaker_is():
    assert quotes_of("California: Students can use bathrooms “consistent with their gender identity,” under a 2013 law.") == [
        (0, "consistent with their gender identity,", None, "partial")
    ]
    assert quotes_of("Prelogar: “I can’t think of anything else that is like this.”")[0][2] == "Prelogar"


@pytest.mark.parametrize("verb", ["remembers", "recalls", "laughed", "mused", "jokes"])
def test_more_reporting_verbs(verb):
    assert quotes_of(f"“Those goats were so smart,” {verb} Shanna Challenger, a ranger.")[0][2] == "Shanna Challenger"


def test_a_pronoun_never_points_back_to_a_treaty():
    quotes = quotes_of(
        "John Fa, a biologist, said the study was “a wake-up call.”",
        "Under the Paris Agreement, countries pledged to cut emissions.",
        "“Because of the forest coverage, we must act,” he said.",
    )
    assert [q[2] for q in quotes] == ["John Fa", "John Fa"]


def test_a_mention_keeps_no_full_stop_and_a_bracketed_acronym_is_no_speaker():
    [quote] = attribute(["“It is a scandal,” says Loewenstein."])
    assert (quote.speaker, quote.speaker_mention) == ("Loewenstein", "Loewenstein")
    [quote] = attribute(
        ["But a spokesperson for the Harbour Employers’ Association (HEA) said its members were “very worried”."]
    )
    assert quote.speaker != "HEA)" and ")" not in (quote.speaker or "").replace("(HEA)", "")


@pytest.mark.parametrize(
    "name, role",
    [("Chief Executive Ana Ruiz", "Chief Executive"), ("Police Chief Tom Reyes", "Police Chief"), ("Director Jo Park", "Director")],
)
def test_more_titles_go_to_the_role(name, role):
    [quote] = attribute([f"“We will rebuild the pier,” said {name}."])
    assert (quote.speaker, quote.speaker_role) == (name.removeprefix(role + " "), role)


def test_an_uncued_quote_after_reported_speech_in_its_paragraph_is_that_speakers():
    quotes = quotes_of(
        "“With a little help,” said Ana Ruiz, a ranger, “nature can recover.”",
        "Tom Reyes says he hopes visitors will admire the island. It is easy, he says, to marvel at it. "
        "“But they don’t know the work that goes into keeping it that way.”",
    )
    assert [q[2] for q in quotes] == ["Ana Ruiz", "Ana Ruiz", "Tom Reyes"]


def test_doubled_apostrophes_quote_like_double_marks():
    found = attribute([
        "''We will hold the line,'' said Mayor Ann Rudd of Tollby. ''Nobody leaves.''",
        "The plan, she added, ''is not finished.'' It is the ferryman's job, and the 'ferry' is not ours.",
    ])
    assert [(q.paragraph, q.text, q.speaker, q.cue, q.kind) for q in found] == [
        (0, "We will hold the line,", "Ann Rudd", "said", "full"),
        (0, "Nobody leaves.", "Ann Rudd", "continues", "full"),
        (1, "is not finished.", "Ann Rudd", "added", "partial"),
    ]
    text = "The plan, she added, ''is not finished.'' It is the ferryman's job."
    (quote,) = attribute([text])
    assert text[quote.start : quote.end] == "is not finished."


def _speakers(*paragraphs):
    return [(q.paragraph, q.speaker, q.speaker_role) for q in attribute(list(paragraphs))]


def test_a_headline_in_title_case_names_nobody():
    assert _speakers(
        "Jo Marsh Defends Plan For River",
        "Jo Marsh, the mayor of Tollby, defends the river plan and says the plan is ready.",
        "“We are ready,” Marsh said.",
    ) == [(2, "Jo Marsh", None)]


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We wait,” Ada Brill finally said.",  # an adverb after the name
        "“We wait,” said Ada Brill Thursday.",  # the day it was said
        "Sen. Ada Brill (D-Ore.) said Sunday: “We wait for the vote.”",  # a party tag in brackets
    ],
)
def test_the_speakers_phrase_ends_at_its_head(paragraph):
    assert [speaker for _, speaker, _ in _speakers(paragraph)] == ["Ada Brill"]


def test_a_stretch_of_time_is_no_speaker():
    assert _speakers("Several months later said: “We wait.”") == [(0, None, None)]


@pytest.mark.parametrize(
    "paragraphs, speaker, role",
    [
        (["Ada Brill leads the council.", "“We wait,” said Brill spokesman Tom Oduya."], "Tom Oduya", "Brill spokesman"),
        (["“We wait,” said US envoy Ada Brill."], "Ada Brill", "US envoy"),
        (["Ada Brill leads the council.", "Brill senior adviser Tom Oduya said: “We wait.”"], "Tom Oduya", "Brill senior adviser"),
    ],
)
def test_the_name_beside_a_role_is_the_speaker_not_the_name_the_role_is_of(paragraphs, speaker, role):
    assert _speakers(*paragraphs)[-1][1:] == (speaker, role)


def test_they_and_it_point_back_to_a_body_never_to_a_person():
    assert _speakers(
        "The ports ministry issued a statement on Monday.",
        "“We will not wait,” the ministry said.",
        "Ada Brill, the mayor, spoke later.",
        "“It is late,” they said.",
    ) == [(1, "the ministry", None), (3, "the ministry", None)]
    assert _speakers(
        "“We will not wait,” the ministry said.", "“It is late,” said Ada Brill.", "“We are sure,” they said."
    ) == [(0, "the ministry", None), (1, "Ada Brill", None), (2, "the ministry", None)]
    assert _speakers("Ada Brill, the mayor, spoke first.", "“It is late,” it said.") == [(1, None, None)]


def test_a_word_capitalised_only_at_a_sentence_start_is_no_name():
    found = _speakers(
        "The river was back to normal and the town was ever quieter.",
        "Back at the hall: “We are done.”",
        "Ever since, “nobody has come,” the clerk said.",
    )
    assert [speaker for _, speaker, _ in found] == [None, "the clerk"]


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        (["Smiling broadly, the mayor Ada Brill spoke first.", "Smiling broadly at the crowd: “We won.”"], None),
        (["Ferry boss Tom Oduya wouldn’t say more: “We are done.”"], None),
        (["“We are talking,” said a council official who spoke anonymously."], "a council official"),
        (["“The bridge will close on Monday,” the Tollby Herald reported."], "Tollby Herald"),
    ],
)
def test_a_clause_is_no_part_of_the_speakers_phrase(paragraphs, speaker):
    assert _speakers(*paragraphs)[-1][1] == speaker


def test_a_party_tag_in_brackets_ends_the_name_in_either_word_order():
    quotes = attribute([
        "“It will keep the river out of the old town,” Sen. Jo Park (D-Ore.) said.",
        "“We will not wait for the rain,” said Rep. Tobias Fenn (R-Idaho), a member of the panel.",
    ])
    assert [(q.speaker, q.speaker_role, q.cue) for q in quotes] == [
        ("Jo Park", "Sen.", "said"), ("Tobias Fenn", "Rep. a member of the panel", "said"),
    ]


def test_a_surname_never_resolves_to_a_described_source_holding_it():
    quotes = attribute([
        "Mara Quill visited the dam on Monday.",
        "“We will open the gates at dawn,” said a Quill campaign spokesman.",
        "“It will keep the river out of the old town,” Quill said.",
    ])
    assert [q.speaker for q in quotes] == ["a Quill campaign spokesman", "Mara Quill"]


def test_an_uncued_subject_speaks_only_when_it_names_someone():
    # with no verb of saying, a described phrase or a lone adverb is what the sentence is about:
    # the quote continues the speaker before
    for opening in ("The new plans", "Specifically, Senn"):
        quotes = attribute([
            "“We will open the gates at dawn,” Mara Quill said.",
            f"{opening} “will keep the river out of the old town for a decade.”",
        ])
        assert [(q.speaker, q.cue) for q in quotes] == [("Mara Quill", "said"), ("Mara Quill", "continues")]
    # a body named by its form is a speaker, without what the sentence says it did
    assert quotes_of("The Senn Trust found “a river that has risen three times in a decade.”")[0][2] == "Senn Trust"


def test_a_title_case_conjunction_ends_a_full_name():
    from datasette_newsfacts.attribution import _person_in

    assert _person_in("Quill And Tobias Fenn") == "Tobias Fenn"
    assert _person_in("Mara Quill The") == "Mara Quill"
    assert _person_in("Quill The") is None  # one word is no full name
    assert _person_in("Mara Quill") == "Mara Quill"


def test_any_verb_right_after_a_quote_and_its_subject_reports_it():
    quotes = attribute([
        "“If they were serious about the gates, they would have opened them,” Jo Park fumed on Tuesday.",
        "“Would the council open the gates before the rain?” Tobias Fenn pressed.",
        "“We will not wait for the rain,” the mayor answered.",
    ])
    assert [(q.speaker, q.cue) for q in quotes] == [("Jo Park", "fumed"), ("Tobias Fenn", "pressed"), ("the mayor", "answered")]
    # a name used as an adjective before a plural is no subject of the verb after it
    assert quotes_of("“We will not wait for the rain,” Senn supporters chanted outside.")[0][2] is None


def test_a_participle_goes_on_with_the_main_clause_subject():
    quotes = attribute([
        "Tobias Fenn visited the dam.",
        "At a meeting in Ames, Senn, on Sunday, Mara Quill tried to calm the town, saying the council would "
        "“open the gates before the rain comes.”",
        "Back in 1999, Tobias Fenn praised the old dam, telling the Senn Herald: “It will stand for a hundred years.”",
    ])
    assert [(q.speaker, q.cue) for q in quotes] == [("Mara Quill", "saying"), ("Tobias Fenn", "telling")]


def test_the_verb_of_saying_nearest_the_quote_reports_it():
    quotes = quotes_of("Mara Quill met voters. At one point, a woman asked for a photo and Quill said, "
                       "“as long as we do not break any rules here.”")
    assert quotes[0][2] == "Mara Quill"


def test_cues_past_a_long_apposition_a_stray_apostrophe_and_any_verb_in_the_past():
    quotes = attribute([
        "''I have this memory of sitting at my desk when it came up on 'Senn Today,''' said Tobias Fenn, a former aide.",
        "“If the council had waited, I would have been under water for a long time,” Mr. Fenn, now 81 and retired "
        "in Senn, Ore., said by telephone.",
        "“Silly boys acting like they have never seen a dam before,” scoffed Mara Quill, 22, who founded the group.",
        "The river is “the worst flood in a century,” Mara Quill, the former mayor of Senn, proclaimed to a crowd.",
    ])
    assert [(q.speaker, q.cue) for q in quotes] == [
        ("Tobias Fenn", "said"), ("Tobias Fenn", "said"), ("Mara Quill", "scoffed"), ("Mara Quill", "proclaimed"),
    ]


def test_a_capitalised_auxiliary_before_a_name_is_a_given_name():
    quotes = attribute([
        "Mara Quill will say so at the meeting.",
        "“It is a pretty expensive way to run a dam,” said Will Doyle, a professor of engineering.",
    ])
    assert [(q.speaker, q.cue) for q in quotes] == [("Will Doyle", "said")]


def test_a_paragraph_ending_on_a_colon_introduces_the_quote_after_it_even_from_a_body():
    assert quotes_of(
        "Mara Quill spoke on the radio on Monday.", "Stated Quill:",
        "“I think the stakes are so high that the council will do anything to keep the gates shut.”",
    )[0][2] == "Mara Quill"
    assert quotes_of(
        "The dam matters to the town, as the Senn Trust website notes:",
        "“In the fall of 1960, some ninety farmers met at the mill and founded the trust.”",
    )[0][2] == "the Senn Trust website"


def test_role_words_in_title_case_before_the_name_and_a_cue_in_the_future():
    assert quotes_of(
        "“I do not know exactly where he stands on the dam,” said undecided Senn voter Mara Quill of Derry, before the event."
    )[0][2] == "Mara Quill"
    assert quotes_of(
        "Tobias Fenn will speak tonight.", "“Nothing truly prepares you for the demands of the office,” he will say."
    )[0][2] == "Tobias Fenn"


def test_a_run_of_quote_paragraphs_after_prose_about_someone_is_theirs():
    quotes = attribute([
        "Mara Quill also spoke about the dam, which the council wants to close.",
        "“The dam is the law of the land. But I believe very firmly that it is not a law if you cannot reach it.”",
        "“We are not fighting it strongly enough.”",
    ])
    assert [(q.speaker, q.cue) for q in quotes] == [("Mara Quill", "continues"), ("Mara Quill", "continues")]
    # prose about something, not someone, gives no speaker
    assert quotes_of("The river rose for three days.", "“The dam is the law of the land, and we will keep it.”")[0][2] is None


def test_a_tag_in_brackets_before_the_verb_and_a_cue_in_the_perfect():
    assert quotes_of(
        "Tuesday at the college in Senn, OH, after winning the county, Gov. Jo Park (R-OH), said, "
        "“I am getting ready to rent a covered wagon for the trip.”"
    )[0][2] == "Jo Park"
    assert quotes_of(
        "Sunday, on the radio, while talking about the river, Governor Mara Quill (R-OK) said the council "
        "“will not open the gates before the rain comes.”"
    )[0][2] == "Mara Quill"
    assert quotes_of(
        "Mara Quill spoke.", "“I would hope that a wise woman would, more often than not, reach a better conclusion,” "
        "Quill has said in speeches, in varying forms, before becoming a judge."
    )[0][2] == "Mara Quill"


def test_a_source_counted_or_described_by_one_speaks_after_the_verb():
    quotes = attribute(["“One of my rules for the list was whether or not they back the dam,” said one district Senn "
                        "leader. “I did not care about the rest.”"])
    assert [(q.speaker, q.cue) for q in quotes] == [("one district Senn leader", "said"), ("one district Senn leader", "continues")]


def test_a_speakers_label_after_a_heading_and_a_dash():
    assert quotes_of("SENN POLLS NOT WRONG, JUST TOO EARLY - Mara Quill: “Although the polls failed to call the race, "
                     "it is not because they were wrong.”")[0][2] == "Mara Quill"


def test_a_prepositional_phrase_names_no_speaker():
    quotes = attribute(["“He is funny, and I would love to see him,” Senn lawyer Mara Quill said of Park. Of Fenn, "
                        "Quill, who has given money to Jo Lee, said, “He is flat-out scary. I think he is a fine man.”"])
    assert [q.speaker for q in quotes] == ["Mara Quill", "Mara Quill"]

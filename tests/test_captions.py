"""Captions: credits split off and parsed, credit lines, descriptions told from prose by form."""

import pytest

from conftest import FORMS, facts_from_article
from datasette_newsfacts.captions import (
    is_credit_line,
    looks_like_picture_description,
    parse_credit,
    reads_as_description,
    reads_as_scene,
    split_credit,
)
from datasette_newsfacts.model import Credit
from datasette_newsfacts.segment import segment


@pytest.mark.parametrize(
    "line, description, credit",
    [
        (
            "Mayor Lena Ortiz speaks in Port Alden on Tuesday.  AFP PHOTO/MARTA KOVAC        "
            "(Photo credit should read MARTA KOVAC/AFP/Getty Images)",
            "Mayor Lena Ortiz speaks in Port Alden on Tuesday.",
            "AFP PHOTO/MARTA KOVAC (Photo credit should read MARTA KOVAC/AFP/Getty Images)",
        ),
        (
            "The landing opened last week. / AFP / POOL / Tom Reyes        "
            "(Photo credit should read TOM REYES/AFP/Getty Images)",
            "The landing opened last week.",
            "/ AFP / POOL / Tom Reyes (Photo credit should read TOM REYES/AFP/Getty Images)",
        ),
        (
            "A crane lifts a section of the pier on Wednesday. (AP Photo/Dana Whitfield)",
            "A crane lifts a section of the pier on Wednesday.",
            "(AP Photo/Dana Whitfield)",
        ),
        (
            "Workers carry steel beams across the road on Thursday. REUTERS/Samir Haddad",
            "Workers carry steel beams across the road on Thursday.",
            "REUTERS/Samir Haddad",
        ),
        (
            "Pilots board a tug on Saturday. (Photo by JONAS PERL/AFP via Getty Images)",
            "Pilots board a tug on Saturday.",
            "(Photo by JONAS PERL/AFP via Getty Images)",
        ),
        (
            "A man crosses the square on Monday. Photograph: Dan Kitwood/Getty Images",
            "A man crosses the square on Monday.",
            "Photograph: Dan Kitwood/Getty Images",
        ),
        ("Mira Holt (picture-alliance/dpa/J. Berger)", "Mira Holt", "(picture-alliance/dpa/J. Berger)"),
        ("A drawing of the mill (imago/UIG)", "A drawing of the mill", "(imago/UIG)"),
        ("Boats on the quay (Getty/Ana Ruiz)", "Boats on the quay", "(Getty/Ana Ruiz)"),
        ("A crew checks a house. (The Associated Press)", "A crew checks a house.", "(The Associated Press)"),
        ("The bridge at dusk. (Credit: Lee Park / Senn Herald)", "The bridge at dusk.", "(Credit: Lee Park / Senn Herald)"),
        ("The station at dusk. Credit: Ravi Shah/Wikimedia Commons", "The station at dusk.", "Credit: Ravi Shah/Wikimedia Commons"),
        ("The court sits in the city (The Hague)", "The court sits in the city (The Hague)", None),
        # No credit: the line comes back whole.
        ("Fishermen watch the barges from the quay on Sunday.", "Fishermen watch the barges from the quay on Sunday.", None),
        ("The vote passed 7/2 after a long debate.", "The vote passed 7/2 after a long debate.", None),
        ("He said the plan, known as Route A / B, was dropped.", "He said the plan, known as Route A / B, was dropped.", None),
        # bracketed or labelled, but naming no agency
        ("Shares of the firm rose (AAPL/NASDAQ)", "Shares of the firm rose (AAPL/NASDAQ)", None),
        ("Photos: Inside the old lighthouse", "Photos: Inside the old lighthouse", None),
        ("He held up the picture. Photograph: Inside the house", "He held up the picture. Photograph: Inside the house", None),
    ],
)
def test_split_credit(line, description, credit):
    assert split_credit(line) == (description, credit)


@pytest.mark.parametrize(
    "credit, photographer, agency, distributor, pool",
    [
        ("AFP PHOTO/NICHOLAS KAMM (Photo credit should read NICHOLAS KAMM/AFP/Getty Images)",
         "Nicholas Kamm", "AFP", "Getty Images", False),
        ("/ AFP / POOL / Ed Jones (Photo credit should read ED JONES/AFP/Getty Images)",
         "Ed Jones", "AFP", "Getty Images", True),
        ("(AP Photo/Evan Vucci)", "Evan Vucci", "AP", None, False),
        ("REUTERS/Kevin Lamarque", "Kevin Lamarque", "Reuters", None, False),
        ("(Photo by OLIVIER DOULIERY/AFP via Getty Images)", "Olivier Douliery", "AFP", "Getty Images", False),
        # No agency named but a distributor: the distributor is the agency too (the convention).
        ("Erin Schaff/Pool/Getty Images", "Erin Schaff", "Getty Images", "Getty Images", True),
        ("Getty Images/Sipa USA", None, "Sipa USA", "Getty Images", False),
        ("Getty Images", None, "Getty Images", "Getty Images", False),
        ("Mandel Ngan/AFP/Getty Images", "Mandel Ngan", "AFP", "Getty Images", False),
        # A distributor's regional desk is still that distributor.
        ("Drew Angerer/Getty Images North America", "Drew Angerer", "Getty Images", "Getty Images", False),
        ("Photograph: Dan Kitwood/Getty Images", "Dan Kitwood", "Getty Images", "Getty Images", False),
        ("(picture-alliance/dpa/L. Schwedes)", "L. Schwedes", "dpa", "picture-alliance", False),
        ("(imago/UIG)", None, "UIG", "imago", False),
        ("Credit: Ou Dongqu/Xinhua/ZUMA", "Ou Dongqu", "Xinhua", "ZUMA", False),
        ("Mike Blake/Reuters files", "Mike Blake", "Reuters", None, False),  # an archive picture
        ("Photo: AP", None, "AP", None, False),
        # a credit that names no known agency: the body it names stands as the agency
        ("Photograph by Jo Marsh, Senn Valley Trust", "Jo Marsh", "Senn Valley Trust", None, False),
        ("Image: Senn Valley Council", None, "Senn Valley Council", None, False),
        ("(Credit: Lee Park / Senn Herald)", "Lee Park", "Senn Herald", None, False),
        ("(Getty/Ana Ruiz)", "Ana Ruiz", "Getty Images", "Getty Images", False),
        ("(The Associated Press)", None, "AP", None, False),
        ("Left Image: Senn Valley Council, Right Image: Ana Ruiz", "Ana Ruiz", "Senn Valley Council", None, False),
    ],
)
def test_parse_credit(credit, photographer, agency, distributor, pool):
    assert parse_credit(credit) == Credit(credit, photographer, agency, distributor, pool)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Getty Images/Sipa USA", True),
        ("Erin Schaff/Pool/Getty Images", True),
        ("Jonas Perl/AFP/Getty Images", True),
        ("Drew Angerer/Getty Images North America", True),
        ("Getty Images", True),
        ("Photograph: Dan Kitwood/Getty Images", True),
        ("Photo: AP", True),
        ("Mike Blake/Reuters files", True),
        ("Photograph by Jo Marsh, Senn Valley Trust", True),
        ("Image: Senn Valley Council", True),
        ("Photo by Mia Chen / The Arden Post", True),
        ("Left Image: Senn Valley Council, Right Image: Ana Ruiz", True),
        ("Photos: Inside The Old Lighthouse", False),  # a plural label with a colon heads a gallery
        ("Image: the view from the pier at dawn", False),
        ("Gull Point/Harbour Road", False),  # slashes, but no agency, distributor or pool
        ("The river reached its highest level in forty years", False),
    ],
)
def test_is_credit_line(line, expected):
    assert is_credit_line(line) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # present tense, something one can see, when or where
        ("Fishermen watch the repair barges from the quay in Port Alden on Sunday.", True),
        ("A tug pulls a barge past the stranded ship near Maren Island on Tuesday.", True),
        ("Council member Ada Lind arrives for the vote at City Hall on Tuesday.", True),
        ("A keeper's cottage stands beside the lighthouse on Gull Point.", True),
        ("An aerial view of the flooded valley near Valdora.", True),
        ("Wide shot of a lone cyclist on an empty bridge", True),
        ("President Ana Ruiz (C) arrives at Orun Airport in Valdora on December 15, 2016.", True),
        # prose: past tense, attributed, infinitives and nouns that look like verbs
        ("Protesters gathered in Seoul on Wednesday, police said.", False),
        ("The harbour council voted on Tuesday to close the old ferry pier for repairs.", False),
        ("The fish market in Tokyo reopened on Monday.", False),
        # a visible verb after a verb in the past is no description
        ("The mayor brought his dog to the bandstand on Monday in Port Alden.", False),
        ("The work is the largest on the waterfront in a decade.", False),
        ("Residents say they watch the river in Valdora every night.", False),
        ("He walks to the office in Port Alden every day.", False),
        ("“We walk together,” she told the crowd in Arden on Sunday.", False),
        # present tense but no when or where: not enough on its own
        ("The lane runs for twelve kilometres.", False),
    ],
)
def test_looks_like_picture_description(text, expected):
    assert looks_like_picture_description(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # where the position already says "picture", the present-tense form is enough
        ("Divers inspect the hull of a stranded cargo ship.", True),
        ("A file image of a rocket.", True),
        ("The ship's owners said they would pay for the clean-up.", False),
        ("The work is the largest on the waterfront in a decade.", False),
    ],
)
def test_reads_as_description(text, expected):
    assert reads_as_description(text) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A baggage handler signals a plane out of the gate at Orun Airport on Monday, January 8.", True),
        ("Buses pick up stranded passengers outside the terminal on January 8.", True),
        ("A fallen sign is removed from the car park at Orun Airport on January 8.", True),
        ("Passengers filled the terminal on Tuesday, January 9, as flights resumed.", False),  # the past
        ("Thousands of cyclists rode through the capital on Sunday.", False),
        ("Snow closed the airport for most of Monday, the operator said.", False),
        ("Buses pick up passengers outside the terminal.", False),  # no day or date
        ("Buses run on Monday. Trains run on Tuesday.", False),  # two sentences
        ("“Buses run on Monday,” she said.", False),
        ("Will buses run on Monday?", False),
    ],
)
def test_reads_as_scene(text, expected):
    assert reads_as_scene(text) is expected


def caption(text, credit=None, photographer=None, agency=None, distributor=None, pool=False, video=None):
    return {
        "text": text, "credit": credit, "photographer": photographer, "agency": agency,
        "distributor": distributor, "pool": pool, "video": video,
    }


def test_caption_forms_in_a_dump():
    article = segment((FORMS / "captions.txt").read_text(encoding="utf-8"), "captions.txt")
    facts = facts_from_article(article)
    assert facts["captions"] == [
        caption(
            "Mayor Lena Ortiz speaks to reporters outside the council chamber in Port Alden on Tuesday.",
            "AFP PHOTO/MARTA KOVAC (Photo credit should read MARTA KOVAC/AFP/Getty Images)",
            "Marta Kovac", "AFP", "Getty Images",
        ),
        caption(
            "Ferry passengers wait at the temporary landing in Port Alden on March 3, 2021.\n"
            "The temporary landing opened last week and serves two routes.",
            "/ AFP / POOL / Tom Reyes (Photo credit should read TOM REYES/AFP/Getty Images)",
            "Tom Reyes", "AFP", "Getty Images", pool=True,
        ),
        caption(
            "A crane lifts a section of the old pier in Port Alden on Wednesday.",
            "(AP Photo/Dana Whitfield)", "Dana Whitfield", "AP",
        ),
        caption(
            "Workers carry steel beams across the harbour road on Thursday.",
            "REUTERS/Samir Haddad", "Samir Haddad", "Reuters",
        ),
        caption(
            "Residents gather at the waterfront on Friday to watch the work.",
            "Getty Images/Sipa USA", None, "Sipa USA", "Getty Images",
        ),
        caption(
            "Council member Ada Lind arrives for the vote at City Hall on Tuesday.",
            "Erin Walsh/Pool/Getty Images", "Erin Walsh", "Getty Images", "Getty Images", pool=True,
        ),
        caption(
            "Harbour pilots board a tug near the breakwater on Saturday.",
            "(Photo by JONAS PERL/AFP via Getty Images)", "Jonas Perl", "AFP", "Getty Images",
        ),
        caption("Fishermen watch the repair barges from the quay in Port Alden on Sunday."),
        caption(
            "Divers check the pier's supports from a boat near the breakwater on Monday.\n"
            "The divers work in pairs and stay below for an hour at a time.",
            "Jonas Perl/AFP/Getty Images", "Jonas Perl", "AFP", "Getty Images",
        ),
    ]
    assert facts["paragraphs"] == [
        {"text": text, "section": None}
        for text in [
            "The harbour council voted on Tuesday to close the old ferry pier for repairs.",
            "The repairs are expected to take until the spring, officials said.",
            "Council members said the pier had been inspected twice in the past year.",
            "Engineers found cracks in several of the supporting columns.",
            "The council has set aside money for a second phase of work.",
            "A spokeswoman for the port authority said the ferry timetable would not change.",
            "The vote passed by seven votes to two.",
            "The work is the largest on the waterfront in a decade.",
        ]
    ]


# The credit forms of issue 11, in invented examples: split off the description, then parsed.
@pytest.mark.parametrize(
    "line, description, credit, photographer, agency, distributor",
    [
        (
            "Rescue workers search the rubble of the old quarter on Monday. (Rana Adel/The Associated Press)",
            "Rescue workers search the rubble of the old quarter on Monday.",
            "(Rana Adel/The Associated Press)", "Rana Adel", "AP", None,
        ),
        (
            "A volunteer sorts donated coats at the church hall on Friday. Supplied",
            "A volunteer sorts donated coats at the church hall on Friday.",
            "Supplied", None, None, None,
        ),
        (
            "Ilse Marran with the choir's first trophy.(Supplied)",
            "Ilse Marran with the choir's first trophy.",
            "(Supplied)", None, None, None,
        ),
        (
            "Crowds gather at the pier in Kell Point on Sunday. Photo by JONAS KREL /AFP via Getty Images",
            "Crowds gather at the pier in Kell Point on Sunday.",
            "Photo by JONAS KREL /AFP via Getty Images", "Jonas Krel", "AFP", "Getty Images",
        ),
        (
            "Students wait outside the library after the fire broke out.Credit: Senn Valley University",
            "Students wait outside the library after the fire broke out.",
            "Credit: Senn Valley University", None, "Senn Valley University", None,
        ),
    ],
)
def test_issue_credit_forms(line, description, credit, photographer, agency, distributor):
    assert split_credit(line) == (description, credit)
    assert parse_credit(credit) == Credit(credit, photographer, agency, distributor, False)


@pytest.mark.parametrize(
    "line",
    [
        "The parts, the firm said, were never supplied",  # lower case: prose
        "Supplies ran short after the storm.",
        "Photographs by the two brothers were shown in the town hall last year",  # no name follows `by`
    ],
)
def test_issue_credit_forms_leave_prose_alone(line):
    assert split_credit(line) == (line, None)

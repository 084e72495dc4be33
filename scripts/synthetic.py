"""A deterministic synthetic corpus of seed-shaped news page dumps, for benchmarks.

Every dump is built from the templates and word lists below (no third-party article
text) by a random generator seeded with (seed, index), so dump number i is the same
whatever N is, and the same on every machine.  The dumps carry what the converter
has to recognise in the seed dump: photo captions with each credit form, video promos
in both layouts, Story highlights, datelines on their own line and inline, headings,
quotes (curly and straight, cue before and after, running over several paragraphs),
contributor lines and page furniture, separated by blank lines or not, and a few gzipped.

    python scripts/synthetic.py OUT_DIR N   # OUT_DIR/000/000000_<hash>.txt ..., OUT_DIR.manifest.json
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Bumped whenever the generator's output changes, so an old corpus is not reused.
GENERATOR_VERSION = 2
FILES_PER_DIRECTORY = 1000
GZIP_SHARE = 0.1
MIN_SIZE, MAX_SIZE = 4000, 10000

# --- word lists ---------------------------------------------------------------------------

MEN = (
    "James Daniel Michael Robert David Thomas Lukas Mateo Omar Hiroshi Kenji Min-jun Ji-hoon Rahul Arjun "
    "Pierre Louis Marco Luca Pavel Andrei Tomasz Samuel Kwame Tunde Diego Carlos Felipe Ahmed Yusuf Erik "
    "Lars Sean Patrick Victor Nikolai Ivan Hassan Karim Wei Jun Hao Aditya Emeka Rafael Gustavo Jonas"
).split()
WOMEN = (
    "Mary Sarah Emma Olivia Sofia Amara Leila Yuki Haruka Seo-yeon Ji-woo Priya Ananya Claire Camille "
    "Giulia Chiara Anna Katarzyna Elena Irina Ngozi Ama Lucia Valentina Camila Fatima Aisha Ingrid Freya "
    "Siobhan Maeve Nadia Tatiana Mei Lin Xiu Deepa Adaeze Beatriz Helena Greta Noura Rania Marta"
).split()
SURNAMES = (
    "Anderson Baker Carter Dawson Ellis Fischer Garcia Hartmann Ibrahim Jensen Kowalski Lindqvist Moreau "
    "Nakamura Okafor Petrov Quinn Rossi Schneider Tanaka Uchenna Varga Walsh Xu Yamamoto Zhang Kim Park "
    "Lee Choi Jung Sato Suzuki Mendes Alvarez Haddad Mensah Novak Horvath Byrne Kelly Okonkwo Singh "
    "Sharma Chen Wang Nguyen Tran Costa Ferreira Morales Castillo Dubois Lambert Keller Brandt Olsen "
    "Berg Holm Murphy Doyle Romano Greco Popescu Ionescu Kaya Demir Aziz Rahman Hussain Mwangi Otieno"
).split()
CITIES = (
    ("Seoul", "South Korea"), ("Tokyo", "Japan"), ("Washington", "United States"), ("London", "Britain"),
    ("Paris", "France"), ("Berlin", "Germany"), ("Rome", "Italy"), ("Madrid", "Spain"), ("Lagos", "Nigeria"),
    ("Nairobi", "Kenya"), ("Cairo", "Egypt"), ("Ankara", "Turkey"), ("Warsaw", "Poland"), ("Kyiv", "Ukraine"),
    ("Brussels", "Belgium"), ("Hong Kong", "China"), ("Beijing", "China"), ("New Delhi", "India"),
    ("Mumbai", "India"), ("Jakarta", "Indonesia"), ("Manila", "the Philippines"), ("Bangkok", "Thailand"),
    ("Hanoi", "Vietnam"), ("Sydney", "Australia"), ("Mexico City", "Mexico"), ("Bogota", "Colombia"),
    ("Lima", "Peru"), ("Sao Paulo", "Brazil"), ("Buenos Aires", "Argentina"), ("Ottawa", "Canada"),
    ("Johannesburg", "South Africa"), ("Accra", "Ghana"), ("Dakar", "Senegal"), ("Athens", "Greece"),
    ("Stockholm", "Sweden"), ("Oslo", "Norway"), ("Dublin", "Ireland"), ("Lisbon", "Portugal"),
    ("Vienna", "Austria"), ("Geneva", "Switzerland"), ("Islamabad", "Pakistan"), ("Dhaka", "Bangladesh"),
    ("Doha", "Qatar"), ("Beirut", "Lebanon"), ("Amman", "Jordan"), ("Tbilisi", "Georgia"),
)
ADJECTIVES = {
    "South Korea": "South Korean", "Japan": "Japanese", "United States": "US", "Britain": "British",
    "France": "French", "Germany": "German", "Italy": "Italian", "Spain": "Spanish", "Nigeria": "Nigerian",
    "Kenya": "Kenyan", "Egypt": "Egyptian", "Turkey": "Turkish", "Poland": "Polish", "Ukraine": "Ukrainian",
    "Belgium": "Belgian", "China": "Chinese", "India": "Indian", "Indonesia": "Indonesian",
    "the Philippines": "Philippine", "Thailand": "Thai", "Vietnam": "Vietnamese", "Australia": "Australian",
    "Mexico": "Mexican", "Colombia": "Colombian", "Peru": "Peruvian", "Brazil": "Brazilian",
    "Argentina": "Argentine", "Canada": "Canadian", "South Africa": "South African", "Ghana": "Ghanaian",
    "Senegal": "Senegalese", "Greece": "Greek", "Sweden": "Swedish", "Norway": "Norwegian",
    "Ireland": "Irish", "Portugal": "Portuguese", "Austria": "Austrian", "Switzerland": "Swiss",
    "Pakistan": "Pakistani", "Bangladesh": "Bangladeshi", "Qatar": "Qatari", "Lebanon": "Lebanese",
    "Jordan": "Jordanian", "Georgia": "Georgian",
}
ROLES = (
    "Foreign Minister", "Prime Minister", "President", "Defense Minister", "Finance Minister", "Mayor",
    "Senator", "Governor", "Health Minister", "opposition leader", "spokesman", "spokeswoman",
    "Interior Minister", "Trade Minister", "Ambassador", "party chairman", "union leader", "police chief",
)
INSTITUTIONS = (
    "the foreign ministry", "the central bank", "the Ministry of National Defense", "the health ministry",
    "the election commission", "the national police", "the supreme court", "the finance ministry",
    "the state news agency", "the transport ministry", "the environment agency", "the parliament",
)
GROUPS = (
    "the Center for Strategic Studies", "the Institute for Public Policy", "Human Rights Watch",
    "Amnesty International", "the World Bank", "the International Monetary Fund", "the United Nations",
    "the Red Cross", "the Asia Society", "the Council on Regional Affairs", "Global Witness",
)
UNIVERSITIES = (
    "Troy University", "Seoul National University", "King's College London", "Sciences Po",
    "the University of Nairobi", "Georgetown University", "the London School of Economics",
    "Keio University", "the University of Cape Town", "Columbia University", "Tsinghua University",
)
# (subject, short name, field)
TOPICS = (
    ("the intelligence-sharing pact", "pact", "security"), ("the new trade agreement", "agreement", "trade"),
    ("the pension reform bill", "bill", "pensions"), ("the water-sharing treaty", "treaty", "water"),
    ("the vaccination campaign", "campaign", "health"), ("the high-speed rail project", "project", "transport"),
    ("the border fence", "fence", "migration"), ("the coal plant closure", "closure", "energy"),
    ("the fishing quota deal", "deal", "fisheries"), ("the minimum wage increase", "increase", "labor"),
    ("the ceasefire agreement", "ceasefire", "conflict"), ("the tax overhaul", "overhaul", "taxes"),
    ("the new data protection law", "law", "privacy"), ("the airport expansion", "expansion", "aviation"),
    ("the flood defense program", "program", "climate"), ("the teachers' strike", "strike", "education"),
    ("the mining license review", "review", "mining"), ("the housing plan", "plan", "housing"),
    ("the emergency budget", "budget", "the economy"), ("the satellite launch", "launch", "space"),
    ("the election recount", "recount", "elections"), ("the anti-corruption inquiry", "inquiry", "corruption"),
    ("the stadium bid", "bid", "sport"), ("the drought relief fund", "fund", "agriculture"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)
OUTLETS = ("CNN",) * 6 + ("CNN Business", "CNN Politics", "HLN")

# --- sentence parts -------------------------------------------------------------------------

SUBJECTS = (
    "{Role} {name}", "{name}", "Officials in {city}", "The {adj} government", "Opposition lawmakers",
    "Analysts", "Local residents", "Business groups", "A spokesman for {institution}", "Critics of {topic}",
    "Supporters of {topic}", "Diplomats in {city}", "Economists at {group}", "Several ministers",
    "Protest organizers", "Lawmakers from the ruling party", "Regional leaders", "Farmers near {city}",
    "Researchers at {university}", "A senior official at {institution}",
)
PREDICATES = (
    "had long pushed for {topic}", "said the {short} would cost more than ${n} million",
    "warned that {topic} could face fresh delays", "questioned whether the {short} would survive a legal challenge",
    "met in {city} to discuss {field}", "called for a full review of {topic}",
    "welcomed {topic} as overdue", "rejected claims that the {short} had been rushed",
    "said {pct}% of respondents backed the {short}", "pointed to rising costs in {field}",
    "accused the government of ignoring {field}", "argued that {topic} would help {country}",
    "predicted the {short} would be approved by {month}", "had spent {n} months negotiating the {short}",
    "raised concerns about {field} in a letter to {institution}",
    "said the talks in {city} had made little progress", "signed a statement in support of the {short}",
    "questioned the timing of {topic}", "urged {country} to delay the {short}",
    "estimated that {n},000 people would be affected", "said the {short} was the biggest change in {field} in {n} years",
    "described {topic} as a turning point", "had been divided over {topic} for years",
    "said a vote on the {short} was expected on {weekday}",
)
TAILS = (
    "", "", "", " last week", " on {weekday}", ", according to local media", " despite objections from {group}",
    " earlier this year", " in {month}", " after months of talks", ", officials said", " in a statement",
    " at a press conference in {city}", " for the first time since {year}",
)
FACTS = (
    "{country} first proposed the {short} in {year}, but talks stalled for {n} months.",
    "The {short} has been in the pipeline for {n} years.",
    "More than {n},000 people took part in demonstrations in {city} last month.",
    "A poll published on {weekday} found {pct}% of voters opposed the {short}.",
    "The {short} still needs the approval of {institution}.",
    "{city} has been at the center of the debate over {field} since {year}.",
    "The last comparable {short} collapsed in {year} amid disputes over funding.",
    "Under the terms of the {short}, both sides will report to {group} every {n} months.",
    "The cost of {topic} has risen by {pct}% since it was announced.",
    "Officials said the first phase would begin in {month}.",
    "{name} has led the negotiations since {year}.",
    "It is the {ordinal} time this year that {country} has revised its plans for {field}.",
)
QUOTES = (
    "We will not accept {topic} on these terms", "This is a historic day for {country}",
    "The people of {city} deserve better than this", "Nobody expected the {short} to pass so quickly",
    "We have waited {n} years for this moment", "It is irresponsible to rush a decision on {field}",
    "The numbers simply do not add up", "Our priority is the safety of every citizen",
    "This {short} will change how we think about {field}", "We are ready to talk, but not under pressure",
    "There is still a lot of work to do", "It would be a dereliction of duty not to act",
    "The government has lost the trust of the people", "We expect results by {month}",
    "I have never seen anything like it", "The door to dialogue remains open",
    "Every family in {city} will feel the difference", "We should not pretend the risks are small",
)
PARTIAL_QUOTES = (
    "a turning point", "deeply flawed", "long overdue", "a historic mistake", "a betrayal of {city}",
    "insecurity and instability in the region", "the best deal on the table", "a diplomatic humiliation",
    "unworkable in its current form", "a victory for common sense",
)
QUOTE_MORE = (
    "Anyone who has followed {field} knows that", "We said from the start that", "I told my colleagues that",
    "The evidence shows that", "History will judge whether",
)
# (subject, is it one person)
CAPTION_SUBJECTS = (
    ("Protesters", False), ("Supporters of {topic}", False), ("{adj} soldiers", False), ("Residents", False),
    ("Police officers", False), ("{Role} {name}", True), ("{name}", True), ("Demonstrators", False),
    ("Workers", False), ("Delegates", False), ("Students", False), ("Farmers", False), ("Volunteers", False),
    ("Journalists", False), ("Rescue workers", False), ("A woman", True), ("A police officer", True),
)
CAPTION_ACTIONS = (
    "hold a rally", "march through the streets", "speak to reporters", "arrive for talks", "wave flags",
    "gather outside {institution}", "attend a ceremony", "wait in line", "carry banners", "listen to speeches",
    "stand guard", "shake hands", "pose for a photo", "sign the {short}", "inspect the damage", "chant slogans",
)
HEADINGS = (
    "{Field} under pressure", "A fragile consensus", "What comes next", "Rising costs", "Critics at home",
    "The view from {city}", "Years in the making", "{Short} in doubt", "A long road", "Unanswered questions",
    "Fragile administration", "Regional reaction", "Intelligence sharing", "Money matters", "The deal's critics",
    "Fears in {city}", "Looking ahead", "Pressure from {country}",
)
VIDEO_TITLES = (
    "How will {name} handle {field}?", "What is the {short}?", "{city} residents react to {topic}",
    "Inside the fight over {field}", "{country}: {Role} {name} faces questions", "Why {topic} matters",
    "See the moment the {short} was signed", "Protests erupt in {city}", "Explained: {topic}",
    "{name} on {field}: 'We will not back down'",
)
HIGHLIGHTS = (
    "{Topic} comes amid rising tension in {country}", "Critics say the {short} was rushed",
    "Both sides will report to {group}", "{pct}% of voters oppose the plan, a poll found",
    "Talks in {city} lasted {n} days", "The {short} still needs approval from {institution}",
    "{name} called it a turning point", "Costs have risen {pct}% since it was announced",
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
PHOTO_AGENCIES = ("AFP", "AFP", "AFP", "AP", "Reuters", "EPA", "Getty Images", "Anadolu")


@dataclass
class Person:
    first: str
    last: str
    role: str
    woman: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def pronoun(self) -> str:
        return "she" if self.woman else "he"


class _FastRandom(random.Random):
    """random.Random with choice/randint/randrange from one random() call each (5x faster, as deterministic)."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def randrange(self, stop: int) -> int:  # type: ignore[override]
        return int(self.random() * stop)


class _Slots(dict):
    """The values of a template's slots, drawn when the template first names them."""

    def __init__(self, article: "_Article", person: Person | None):
        super().__init__()
        self.article = article
        self.person = person

    def __missing__(self, key: str) -> str | int:
        a, rng = self.article, self.article.rng
        if key in ("name", "Role"):
            person = self.person or rng.choice(a.cast)
            self.person = person
            value = person.name if key == "name" else person.role[:1].upper() + person.role[1:]
        elif key == "city":
            value = a.city if rng.random() < 0.6 else a.other_city
        elif key == "country":
            value = a.country if rng.random() < 0.7 else a.other_country
        elif key == "adj":
            value = ADJECTIVES[self["country"]]
        elif key == "n":
            value = rng.randint(2, 95)
        elif key == "pct":
            value = rng.randint(11, 89)
        elif key == "year":
            value = rng.randint(a.year - 20, a.year)
        else:
            value = _FIXED[key](a) if key in _FIXED else rng.choice(_LISTS[key])
        self[key] = value
        return value


_FIXED = {
    "topic": lambda a: a.topic, "Topic": lambda a: a.topic[:1].upper() + a.topic[1:],
    "short": lambda a: a.short, "Short": lambda a: a.short.capitalize(),
    "field": lambda a: a.field, "Field": lambda a: a.field.capitalize(),
}
_LISTS = {
    "institution": INSTITUTIONS, "group": GROUPS, "university": UNIVERSITIES, "weekday": WEEKDAYS,
    "month": MONTHS, "ordinal": ORDINALS,
}


class _Article:
    """The state of one dump being written: its cast, its style and its slot values."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.city, self.country = rng.choice(CITIES)
        self.other_city, self.other_country = rng.choice(CITIES)
        self.topic, self.short, self.field = rng.choice(TOPICS)
        self.cast = [self.person() for _ in range(rng.randint(2, 5))]
        self.curly = rng.random() < 0.7
        self.year = rng.randint(1995, 2023)

    def person(self) -> Person:
        rng = self.rng
        woman = rng.random() < 0.5
        return Person(rng.choice(WOMEN if woman else MEN), rng.choice(SURNAMES), rng.choice(ROLES), woman)

    def fill(self, template: str, person: Person | None = None) -> str:
        """Fill a template's slots; a slot the template does not name costs nothing."""
        if "{" not in template:
            return template
        return template.format_map(_Slots(self, person))

    def quote_marks(self) -> tuple[str, str]:
        # Some dumps mix both styles, as pages pasted together do.
        if self.curly and self.rng.random() < 0.95:
            return "“", "”"
        return '"', '"'

    # --- body text ----------------------------------------------------------------------

    def sentence(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return self.fill(rng.choice(FACTS))
        return self.fill(rng.choice(SUBJECTS) + " " + rng.choice(PREDICATES) + rng.choice(TAILS) + ".")

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choice((1, 2, 2, 2, 3, 3))))

    def quoted(self) -> str:
        text = self.fill(self.rng.choice(QUOTES))
        if self.rng.random() < 0.3:
            text = self.fill(self.rng.choice(QUOTE_MORE)) + " " + text[:1].lower() + text[1:]
        return text

    def quote_paragraphs(self) -> list[str]:
        """One quote paragraph, or a quote running over two or three, cue in one of the usual places."""
        rng = self.rng
        person = rng.choice(self.cast)
        opening, closing = self.quote_marks()
        form = rng.randrange(8)
        text = self.quoted()
        if form == 0:
            return [f"{opening}{text},{closing} said {person.name}, {self.fill('{Role}', person).lower()} of {self.country}."]
        if form == 1:
            return [f"{opening}{text},{closing} {person.name} said."]
        if form == 2:
            lead = self.fill(rng.choice(SUBJECTS), person)
            return [f"{lead} said the {self.short} was {opening}{self.fill(rng.choice(PARTIAL_QUOTES))}.{closing}"]
        if form == 3:
            return [f"The {self.short} is {opening}{self.fill(rng.choice(PARTIAL_QUOTES))},{closing} according to {person.name} of {rng.choice(UNIVERSITIES)}."]
        if form == 4:
            return [f"{person.name} said: {opening}{text}.{closing}"]
        if form == 5:
            # The speaker was named just before; the cue is a pronoun.
            return [
                f"{person.name} said the talks had been difficult.",
                f"{opening}{text},{closing} {person.pronoun} said. {opening}{self.quoted()}.{closing}",
            ]
        # A quote over several paragraphs: each opens with a mark, only the last one closes.
        more = self.quoted()
        parts = [f"{opening}{text}, and {more[:1].lower()}{more[1:]}."]
        for _ in range(rng.randint(0, 1)):
            parts.append(f"{opening}{self.quoted()}.")
        if rng.random() < 0.5:
            parts.append(f"{opening}{self.quoted()},{closing} said {person.name}.")
        else:
            # Named in the paragraph before the quote; the cue is a pronoun.
            parts.insert(0, f"{person.name}, {self.fill('{Role}', person).lower()}, was blunt.")
            parts.append(f"{opening}{self.quoted()},{closing} {person.pronoun} said.")
        return parts

    # --- pictures, videos and furniture -------------------------------------------------

    def photographer(self) -> str:
        rng = self.rng
        return f"{rng.choice(MEN + WOMEN)} {rng.choice(SURNAMES)}"

    def picture_description(self) -> str:
        rng = self.rng
        when = rng.choice((
            f" in {self.city} on {rng.choice(WEEKDAYS)}",
            f" in {self.city} on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {self.year}",
            f" at {rng.choice(UNIVERSITIES)} in {self.city} on {rng.choice(WEEKDAYS)}",
            f" {rng.choice(WEEKDAYS)} in {self.city}",
        ))
        subject, singular = rng.choice(CAPTION_SUBJECTS)
        subject = self.fill(subject)
        action = self.fill(rng.choice(CAPTION_ACTIONS))
        if singular:
            action = _third_person(action)
        tail = rng.choice(("", "", f" against {self.topic}", f" ahead of a vote on the {self.short}"))
        return f"{subject} {action}{tail}{when}."

    def caption(self) -> list[str]:
        """One photo caption, in one of the credit forms pages print, as one line or two."""
        rng = self.rng
        text = self.picture_description()
        name = self.photographer()
        form = rng.randrange(8)
        if form == 0:
            upper = name.upper()
            return [f"{text}  AFP PHOTO/{upper}        (Photo credit should read {upper}/AFP/Getty Images)"]
        if form == 1:
            more = self.fill(rng.choice(FACTS))
            return [text, f'{more} / AFP / POOL / {name}        (Photo credit should read {name.upper()}/AFP/Getty Images)']
        if form == 2:
            return [f"{text} (AP Photo/{name})"]
        if form == 3:
            return [f"{text} REUTERS/{name}"]
        if form == 4:
            return [text, f"{name}/Pool/Getty Images" if rng.random() < 0.6 else f"{name}/{rng.choice(PHOTO_AGENCIES)}/Getty Images"]
        if form == 5:
            return [f"{text} (Photo by {name.upper()}/AFP via Getty Images)"]
        if form == 6:
            return [f"{text} {rng.choice(('EPA', 'Anadolu Agency', 'Xinhua'))}/{name}" if rng.random() < 0.3 else text]
        return [text]

    def video(self) -> list[str]:
        rng = self.rng
        title = self.fill(rng.choice(VIDEO_TITLES))
        minutes, seconds = rng.randint(0, 9), rng.randint(0, 59)
        duration = f"{minutes:02d}:{seconds:02d}"
        source = rng.choice(OUTLETS)
        lines = self.caption()[:1] if rng.random() < 0.6 else []
        if rng.random() < 0.6:
            return lines + [title, f"{duration} - Source: {source}"]
        return ["Video Ad Feedback", title, duration, "- Source:", source]

    def furniture(self) -> str:
        rng = self.rng
        return rng.choice((
            "Ad Feedback",
            f"Updated {rng.randint(1, 12)}:{rng.randint(0, 59):02d} {rng.choice(('AM', 'PM'))} "
            f"{rng.choice(('EST', 'EDT', 'ET', 'GMT'))}, {rng.choice(WEEKDAYS)[:3]} {rng.choice(MONTHS)} {rng.randint(1, 28)}, {self.year}",
            f"{rng.randint(2, 12)} minute read",
        ))

    def contributors(self) -> str:
        rng = self.rng
        names = [f"{self.person().name}" for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        outlet = rng.choice(("CNN", "CNN"))
        apostrophe = "’" if self.curly else "'"
        return rng.choice((
            f"{outlet}{apostrophe}s {joined} contributed to this report.",
            f"{outlet}{apostrophe}s {joined} contributed reporting.",
            f"{joined} contributed to this report.",
            f"{outlet}{apostrophe}s {joined} contributed reporting from {self.other_city}.",
        ))

    def highlights(self) -> list[str]:
        rng = self.rng
        return ["Story highlights"] + [self.fill(h) for h in rng.sample(HIGHLIGHTS, rng.randint(2, 4))]


def _third_person(action: str) -> str:
    verb, _, rest = action.partition(" ")
    verb = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if verb.endswith(("sh", "ch", "s")) else verb + "s"
    )
    return f"{verb} {rest}"


def article_text(index: int, seed: int = 0) -> str:
    """The text of synthetic dump number `index`: the same for the same (index, seed), always."""
    rng = _FastRandom(f"newsfacts-synthetic:{seed}:{index}")
    a = _Article(rng)
    target = rng.randint(MIN_SIZE, MAX_SIZE)
    blocks: list[list[str]] = []  # each block: its lines, kept together even in a blank-line dump

    # The top of the page: furniture, maybe a lead picture or video, highlights, the dateline.
    if rng.random() < 0.5:
        blocks.append([a.furniture()])
    if rng.random() < 0.35:
        blocks.append([a.furniture()])
    if rng.random() < 0.6:
        blocks.append(a.video() if rng.random() < 0.6 else a.caption())
    if rng.random() < 0.5:
        blocks.extend([line] for line in a.highlights())
    dateline = rng.randrange(4)
    first = a.paragraph()
    if dateline == 0:
        blocks.append([f"{a.city} {rng.choice(OUTLETS)}  — "])
    elif dateline == 1:
        first = f"{a.city.upper()} ({rng.choice(('CNN', 'CNN', 'AP', 'Reuters'))}) {rng.choice(('--', '—'))} {first}"
    elif dateline == 2:
        blocks.append([f"{a.city} ({rng.choice(OUTLETS)}) —"])
    blocks.append([first])

    size = sum(len(line) + 1 for block in blocks for line in block)
    next_heading = rng.randint(4, 9)
    body = 0
    while size < target:
        roll = rng.random()
        if roll < 0.55:
            new = [[a.paragraph()]]
        elif roll < 0.72:
            new = [[p] for p in a.quote_paragraphs()]
        elif roll < 0.8:
            new = [a.caption()]
        elif roll < 0.86:
            new = [a.video()]
        elif roll < 0.9:
            new = [[a.furniture()]]
        else:
            new = [[a.fill(rng.choice(FACTS))]]
        body += 1
        if body >= next_heading:
            new.insert(0, [a.fill(rng.choice(HEADINGS))])
            next_heading = body + rng.randint(4, 10)
        blocks.extend(new)
        size += sum(len(line) + 1 for block in new for line in block)
    if rng.random() < 0.8:
        blocks.append([a.contributors()])

    # Blank lines between blocks, or none, or a mix; a few dumps with Windows line ends.
    style = rng.random()
    out = []
    for number, block in enumerate(blocks):
        if number:
            out.append("\n\n" if style < 0.6 or (style < 0.8 and rng.random() < 0.5) else "\n")
        out.append("\n".join(block))
    text = "".join(out) + ("\n" if rng.random() < 0.7 else "")
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    return text


def article_file(index: int, seed: int = 0) -> tuple[str, bytes]:
    """(relative path, bytes as written) of dump `index`; about one in ten is gzipped."""
    text = article_text(index, seed)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:16]
    name = f"{index // FILES_PER_DIRECTORY:03d}/{index:06d}_{digest}.txt"
    if random.Random(f"gzip:{seed}:{index}").random() < GZIP_SHARE:
        return name + ".gz", gzip.compress(data, compresslevel=6, mtime=0)
    return name, data


def manifest_path(directory: Path) -> Path:
    """The manifest sits beside the corpus, not in it, so that no converter walking the corpus reads it."""
    directory = Path(directory)
    return directory.with_name(directory.name + ".manifest.json")


def read_manifest(directory: Path) -> dict | None:
    try:
        return json.loads(manifest_path(directory).read_text())
    except (OSError, ValueError):
        return None


def is_complete(directory: Path, n: int, seed: int = 0) -> bool:
    """True when `directory` holds exactly the corpus build_corpus(directory, n, seed) writes."""
    manifest = read_manifest(directory)
    return bool(
        manifest
        and manifest.get("complete")
        and manifest.get("files") == n
        and manifest.get("seed") == seed
        and manifest.get("generator_version") == GENERATOR_VERSION
        and Path(directory).is_dir()
    )


def _write_shard(job: tuple[str, int, int, int]) -> tuple[list[tuple[bytes, int]], int, int, int]:
    """Write dumps start..stop-1 (one shard directory); return their text digests and byte counts."""
    directory, start, stop, seed = job
    keys, disk_bytes, text_bytes, gzipped = [], 0, 0, 0
    (Path(directory) / f"{start // FILES_PER_DIRECTORY:03d}").mkdir(exist_ok=True)
    for index in range(start, stop):
        name, data = article_file(index, seed)
        text = gzip.decompress(data) if name.endswith(".gz") else data
        keys.append((hashlib.blake2b(text, digest_size=16).digest(), index))
        with open(os.path.join(directory, name), "wb") as out:
            out.write(data)
        disk_bytes += len(data)
        text_bytes += len(text)
        gzipped += name.endswith(".gz")
    return keys, disk_bytes, text_bytes, gzipped


def build_corpus(directory: Path, n: int, seed: int = 0, progress=None, workers: int | None = None) -> dict:
    """Write N dumps into `directory` (emptied first) and its manifest beside it; return the manifest.

    Shards are written in parallel (one process per CPU); each dump depends only on its
    index and the seed, so the corpus is the same however many processes write it.
    Refuses to empty a directory this module did not make; raises if two dumps come out alike.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        if read_manifest(directory) is None:
            raise SystemExit(f"{directory} holds files this script did not write; choose another --workdir")
        shutil.rmtree(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # Written first (incomplete) so that a later run may empty a half-written corpus.
    manifest_path(directory).write_text(json.dumps({"complete": False, "files": n, "seed": seed}) + "\n")
    started = time.perf_counter()
    jobs = [
        (str(directory), start, min(start + FILES_PER_DIRECTORY, n), seed)
        for start in range(0, n, FILES_PER_DIRECTORY)
    ]
    workers = workers or min(os.cpu_count() or 1, len(jobs)) or 1
    seen: dict[bytes, int] = {}
    disk_bytes = text_bytes = gzipped = done = 0
    with multiprocessing.get_context("fork").Pool(workers) if workers > 1 else _Serial() as pool:
        for keys, disk, text, gz in pool.imap_unordered(_write_shard, jobs):
            for key, index in keys:
                if key in seen:
                    raise RuntimeError(f"dumps {seen[key]} and {index} came out alike; change the generator")
                seen[key] = index
            disk_bytes, text_bytes, gzipped, done = disk_bytes + disk, text_bytes + text, gzipped + gz, done + len(keys)
            if progress:
                progress(done)
    manifest = {
        "complete": True, "files": n, "seed": seed, "generator_version": GENERATOR_VERSION, "gzipped": gzipped,
        "disk_bytes": disk_bytes, "text_bytes": text_bytes,
        "seconds": round(time.perf_counter() - started, 2), "workers": workers,
    }
    manifest_path(directory).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


class _Serial:
    """A stand-in for a one-process Pool."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap_unordered(self, function, jobs):
        return map(function, jobs)


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        raise SystemExit(__doc__)
    print(json.dumps(build_corpus(Path(sys.argv[1]), int(sys.argv[2])), indent=2))

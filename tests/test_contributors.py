"""Contributor lines: the people named, with their outlet."""

import pytest

from conftest import FORMS, facts_from_article
from datasette_newsfacts.contributors import parse_contributors
from datasette_newsfacts.segment import segment


@pytest.mark.parametrize(
    "line, people",
    [
        ("CNN’s James Griffiths contributed to this report.", [("James Griffiths", "CNN")]),
        ("Reuters’ Øystein Berg and Émile Roux contributed.", [("Øystein Berg", "Reuters"), ("Émile Roux", "Reuters")]),
        ("CNN's Ana Ruiz and Tom Li contributed reporting.", [("Ana Ruiz", "CNN"), ("Tom Li", "CNN")]),
        (
            "CNN's Ana Ruiz, Tom Li and Sara Okafor contributed to this report.",
            [("Ana Ruiz", "CNN"), ("Tom Li", "CNN"), ("Sara Okafor", "CNN")],
        ),
        (
            "Ana Ruiz, Tom Li, and Sara Okafor contributed to this report.",
            [("Ana Ruiz", None), ("Tom Li", None), ("Sara Okafor", None)],
        ),
        ("Reuters' Ivan Petrov contributed reporting.", [("Ivan Petrov", "Reuters")]),
        ("Ana Ruiz of Reuters contributed to this report.", [("Ana Ruiz", "Reuters")]),
        ("Ana Ruiz contributed reporting from Lagos.", [("Ana Ruiz", None)]),
        ("CNN’s Ana Ruiz also contributed to this report.", [("Ana Ruiz", "CNN")]),
        ("CNN's Ana de la Cruz contributed to this report.", [("Ana de la Cruz", "CNN")]),
        (
            "Associated Press writers Ana Ruiz and Tom Li contributed to this report.",
            [("Ana Ruiz", "Associated Press"), ("Tom Li", "Associated Press")],
        ),
        # wire style: reporters, not the editors after the semicolon; not where they filed from
        (
            "Additional reporting by Steve Gorman; Editing by Marguerita Choy and Nick Zieminski",
            [("Steve Gorman", None)],
        ),
        (
            "Reporting by Ana Ruiz in Lagos and Tom Li in Accra; Writing by Jo Smith",
            [("Ana Ruiz", None), ("Tom Li", None)],
        ),
    ],
)
def test_contributor_line(line, people):
    found = parse_contributors(7, line)
    assert [(c.position, c.name, c.outlet) for c in found] == [(7, name, outlet) for name, outlet in people]


@pytest.mark.parametrize(
    "line",
    [
        "The festival contributed to this report.",  # one word is no person's name
        "Local farmers contributed to the fund.",
        "Many people contributed to this report.",
        "Organisers said Ana Ruiz contributed to the success of the festival.",
        "CNN’s James Griffiths reported from Seoul.",
        "Reporting by the staff of the museum.",
        "Editing by Marguerita Choy",
    ],
)
def test_not_a_contributor_line(line):
    assert parse_contributors(0, line) is None


def test_contributors_in_a_dump():
    article = segment((FORMS / "contributors.txt").read_text(encoding="utf-8"), "contributors.txt")
    facts = facts_from_article(article)
    assert facts["contributors"] == [
        {"name": "Maya Torres", "outlet": "CNN"},
        {"name": "Ivan Petrov", "outlet": "Reuters"},
        {"name": "Li Wen", "outlet": "Reuters"},
        {"name": "Sara Okafor", "outlet": "Reuters"},
    ]
    # Contributor lines are not body paragraphs.
    assert [p["text"] for p in facts["paragraphs"]] == [
        "The festival drew more than ten thousand visitors over three days.",
        "Organisers said they would return to the same site next year.",
    ]
    assert [(c.position, c.name) for c in article.contributors] == [
        (2, "Maya Torres"), (3, "Ivan Petrov"), (3, "Li Wen"), (3, "Sara Okafor"),
    ]

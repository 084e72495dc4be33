"""Page furniture: kept as boilerplate blocks, out of the body."""

import pytest

from conftest import FORMS, facts_from_article
from datasette_newsfacts.furniture import is_furniture
from datasette_newsfacts.segment import segment


@pytest.mark.parametrize(
    "line",
    [
        "Video Ad Feedback",
        "Ad Feedback",
        "Link Copied!",
        "Updated 9:22 PM EST, Mon November 6, 2023",
        "Published 6:00 AM EDT, Tue October 3, 2023",
        "11 minute read",
        "3 min read",
        "Share this article",
        "Share on Facebook",
        "Share via email",
        "Follow us on Twitter",
        "Listen to this article",
        "Play video",
        "Comments (12)",
        "Sign up for our weekly newsletter",
        "Subscribe now",
        "Advertisement",
        "Story continues below advertisement",
        "1 of 12",
        "3 / 20",
        "Read more",
        "Read more: The lighthouse keepers of Gull Point",
        "Related: Gull Point museum plans",
        "Photos: Inside the old lighthouse",
        "Hide caption",
        "Share Adjust Comment Print",
        "Write a comment",
        "Related Coverage",
        "Slideshow (14 Images)",
        "(END)",
        "reporter@example.org",
        "This story has been updated with additional developments.",
        "© 2023 Example Media",
        "Copyright 2023 Example Media Inc. All rights reserved.",
        # a promotion that ends by asking the reader to sign up or send something in
        "Every week our editors pick the best of the Gull Point Gazette. Sign up for the newsletter here.",
        "Were you at the harbour on Monday? Please share your photos and stories with us.",
        # a date and time alone, where the story first ran, a study's reference, legal lines, tags
        "January 10, 2020 9:00AM (UTC)",
        "21 August 2019, 7:40am",
        "Posted on Friday, March 4, 2024",
        "This post originally appeared on Harbour News.",
        "Courtesy of the Gull Point Museum",
        "More information: Ana Ruiz et al. Storm damage to timber piers, Coastal Engineering (2020).",
        "Citation: Storm damage to timber piers (2020, January 20), retrieved 20 January 2020 from https://example.org/",
        "™ & © 2020 Harbour News Network, Inc. All rights reserved.",
        "Copyright 2023 Example Media, Inc. All rights reserved. This material may not be published, broadcast, "
        "rewritten, or redistributed.",
        "Comics / weather / piers / happy gulls",
        "SHARE / TWEET / 82 COMMENTS",
        "Related Topics Harbours Storms Gull Point",
        "Loading comments...",
        "#GullPoint",
        "— Ana Ruiz (@anaruiz) July 3, 2019",
        "•",
        "* * *",
        "(Sourcing: much of this list comes from the harbour authority's records).",
        # an editor's note about the story itself
        "Update July 3rd, 8:05AM ET: Added the harbour master's statement.",
        "Correction: An earlier version of this story misstated the year the pier opened.",
        "Editor’s note: This story was first published in 2019.",
    ],
)
def test_furniture(line):
    assert is_furniture(line) is True


@pytest.mark.parametrize(
    "line",
    [
        # section headings and sentences that start with a button's word
        "Follow the money",
        "Close to home",
        "More questions than answers",
        "Save the date",
        "Watch the full video",
        "Share prices fell sharply",
        "More people died.",
        "Copyright law is changing fast",
        "Updated figures are due next week.",
        "The old lighthouse on Gull Point will be turned into a museum, the county said on Monday.",
        "Intelligence sharing",
        "Write to the council before Friday.",
        "End of an era",
        # the reader's things in prose, not asked for
        "The mayor urged residents to share your photos of the flood, she said.",
        "Officials said they would send your letters on.",
        "Your newsletter subscription helps pay for the lifeboat, the charity said.",
        # dates, sources and slashes in prose
        "May 5, 2021 was the day the river rose.",
        "The story was first published on Monday, the editor said.",
        "Courtesy of the museum, visitors can see the boats on Monday.",
        "The vote passed 7 / 2 / 1 after a long debate.",
        "Loading the boats took three hours.",
        "Correction officers said the inmates were moved: all of them.",
        "Updates to the pier plan were approved on Monday.",
        "#1 seed wins the title",
    ],
)
def test_not_furniture(line):
    assert is_furniture(line) is False


def test_furniture_in_a_dump():
    article = segment((FORMS / "furniture.txt").read_text(encoding="utf-8"), "furniture.txt")
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("boilerplate", "Gull Point Gazette"),  # a short line the page repeats
        ("boilerplate", "Ad Feedback"),
        ("boilerplate", "Link Copied!"),
        ("boilerplate", "Updated 9:22 PM EST, Mon November 6, 2023"),
        ("boilerplate", "11 minute read"),
        ("boilerplate", "Share this article"),
        ("boilerplate", "Sign up for our weekly newsletter"),
        ("paragraph", "The old lighthouse on Gull Point will be turned into a museum, the county said on Monday."),
        ("boilerplate", "Advertisement"),
        ("caption", "Visitors walk along the pier below the lighthouse on Gull Point on Sunday."),
        ("boilerplate", "1 of 12"),
        # image alt text repeating a caption, after it and before it
        ("boilerplate", "Visitors walk along the pier below the lighthouse on Gull Point on Sunday."),
        ("paragraph", "The county bought the lighthouse from a private trust last year."),
        ("boilerplate", "A keeper's cottage stands beside the lighthouse on Gull Point."),
        ("caption", "A keeper's cottage stands beside the lighthouse on Gull Point. (AP Photo/Rui Santos)"),
        ("boilerplate", "Read more"),
        ("paragraph", "The museum is expected to open in two years."),
        ("boilerplate", "Gull Point Gazette"),
    ]
    facts = facts_from_article(article)
    assert facts["paragraphs"] == [
        {"text": "The old lighthouse on Gull Point will be turned into a museum, the county said on Monday.", "section": None},
        {"text": "The county bought the lighthouse from a private trust last year.", "section": None},
        {"text": "The museum is expected to open in two years.", "section": None},
    ]
    assert [(c["text"], c["credit"]) for c in facts["captions"]] == [
        ("Visitors walk along the pier below the lighthouse on Gull Point on Sunday.", None),
        ("A keeper's cottage stands beside the lighthouse on Gull Point.", "(AP Photo/Rui Santos)"),
    ]
    assert facts["headings"] == []

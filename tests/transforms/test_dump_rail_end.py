"""A rail of headlines under a heading the shared rules cut ends a dump's story, even where
the first stage reads the headlines as story (transforms/dump/story_end.py; round story35).
Every page is invented."""

from __future__ import annotations

from newsnorm.transforms.adapters import BUILTIN
from newsnorm.transforms.pipeline import process_text

ADAPTERS = tuple(adapter() for adapter in BUILTIN)

MENU = ["Valley Ledger", "Home", "Local", "Politics", "Sport", "Opinion", "Obituaries"]
HEADLINE = "Bridge repairs on Mill Road to finish before the winter freeze"
STORY = [
    "Crews working on the Mill Road bridge expect to finish the deck repairs by the end of "
    "the month, the county engineer said on Monday, well before the first hard frost.",
    "The bridge has been limited to one lane since August, when inspectors found cracks in "
    "two of the support beams that carry traffic over the creek.",
    "Drivers have complained about long waits at the temporary signals, especially during "
    "the school run in the mornings and the late afternoon.",
    "The county said the total cost of the repairs would stay within the budget approved by "
    "the board last spring, at a little under two million dollars.",
    "Once the work is done, both lanes will reopen and the weight limit on the bridge will be "
    "lifted for delivery trucks and school buses.",
]
MORE = [
    "Engineers will close the bridge overnight for two nights next week so that the new "
    "beams can be lifted into place by a crane parked on the east bank.",
    "Residents on the far side of the creek will be able to use the farm track by the mill "
    "pond as a detour, which the county has graded and lit for the purpose.",
    "The county engineer thanked drivers for their patience and said the signals would be "
    "taken down on the same day the second lane opens again.",
]
RAIL = [
    "Farmers market moves indoors for the colder months this year",
    "High school robotics team heads to state finals in April",
    "Volunteers plant three hundred trees along the river path",
]


def _page(*blocks: list[str]) -> str:
    return "\n\n".join(line for block in blocks for line in block) + "\n"


def test_headlines_under_a_cut_rail_heading_leave_the_body() -> None:
    article = process_text(_page(MENU, [HEADLINE], STORY, ["Trending now"], RAIL), ADAPTERS)
    assert article.title == HEADLINE
    assert article.paragraphs == tuple(STORY)
    ended = [r for r in article.removals if r.rule == "outside-story:below_story_end"]
    assert [r.text for r in ended] == RAIL


def test_a_story_that_goes_on_below_an_inline_box_of_links_keeps_it() -> None:
    box = ["Related stories", RAIL[0]]
    article = process_text(_page(MENU, [HEADLINE], STORY, box, MORE), ADAPTERS)
    assert article.paragraphs[-len(MORE) :] == tuple(MORE)
    assert not any(r.rule == "outside-story:below_story_end" for r in article.removals)

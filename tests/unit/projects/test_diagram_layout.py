"""The driver diagram's layout and outline: pure functions, no database."""

from hypothesis import given, settings
from hypothesis import strategies as st

from projects.diagram.layout import COLUMN_TITLES, Style, estimated_measure, layout, wrap
from projects.diagram.nodes import DiagramInput, IdeaInput, PrimaryInput, SecondaryInput
from projects.diagram.outline import as_text, outline, summary

A4_LANDSCAPE_WIDTH_POINTS = 297 / 25.4 * 72
STYLE = Style()
MEASURE = estimated_measure(STYLE)

FALLS = DiagramInput(
    aim="Reduce inpatient falls with harm by 30% across Wessex acute trusts by March 2018",
    primaries=(
        PrimaryInput(1, "Reliable falls risk assessment", (
            SecondaryInput(11, "Assessed within 6 hours of admission"),
            SecondaryInput(12, "Lying and standing blood pressure recorded"),
        )),
        PrimaryInput(2, "Safe ward environment", (SecondaryInput(21, "Call bells in reach"),)),
        PrimaryInput(3, "Patients and families involved"),
    ),
    ideas=(
        IdeaInput(101, "Daily safety huddle reviews everyone at risk", (11, 21)),
        IdeaInput(102, "Falls checklist in the admission pack", (11,)),
        IdeaInput(103, "Bay nursing", ()),
    ),
    title="Driver diagram: Reducing falls",
)  # fmt: skip


def test_the_page_is_a4_landscape_wide_and_the_text_at_least_9_points():
    drawn = layout(FALLS, MEASURE)
    assert abs(drawn.width - A4_LANDSCAPE_WIDTH_POINTS) < 0.1
    assert drawn.style.font_size >= 9
    assert drawn.style.line_height >= drawn.style.font_size


def test_columns_run_left_to_right_under_their_headers():
    drawn = layout(FALLS, MEASURE)
    assert [h.title for h in drawn.headers] == list(COLUMN_TITLES)
    columns = {kind: {box.x for box in drawn.boxes if box.kind == kind}
               for kind in ("aim", "primary", "secondary", "idea")}  # fmt: skip
    assert all(len(xs) == 1 for xs in columns.values())
    xs = [columns[kind].pop() for kind in ("aim", "primary", "secondary", "idea")]
    assert xs == sorted(xs) == [h.x for h in drawn.headers]


def test_every_word_is_in_its_box_and_every_line_fits():
    drawn = layout(FALLS, MEASURE)
    texts = {"aim": FALLS.aim, "primary-1": "Reliable falls risk assessment",
             "idea-101": "Daily safety huddle reviews everyone at risk"}  # fmt: skip
    for key, text in texts.items():
        assert " ".join(line.text for line in drawn.box(key).lines) == text
    assert len(drawn.box("aim").lines) > 1  # wrapped, not clipped
    for box in drawn.boxes:
        for line in box.lines:
            assert MEASURE(line.text) <= STYLE.text_width
            assert box.y < line.baseline < box.y + box.height


def test_a_word_too_long_for_a_line_is_broken():
    lines = wrap("Supercalifragilisticexpialidocious-and-more-besides", 60, MEASURE)
    assert len(lines) > 1
    assert "".join(lines) == "Supercalifragilisticexpialidocious-and-more-besides"
    assert all(MEASURE(line) <= 60 for line in lines)


def test_empty_text_still_gets_a_box():
    assert wrap("   ", 100, MEASURE) == ("",)


def test_a_shared_change_idea_has_a_line_from_each_driver_it_serves():
    drawn = layout(FALLS, MEASURE)
    into_huddle = {c.source for c in drawn.connectors if c.target == "idea-101"}
    assert into_huddle == {"secondary-11", "secondary-21"}
    huddle = drawn.box("idea-101")
    for connector in drawn.connectors:
        if connector.target == "idea-101":
            source = drawn.box(connector.source)
            assert connector.points[0] == (source.right, source.middle)
            assert connector.points[-1] == (huddle.x, huddle.middle)


def test_the_tree_is_connected_aim_to_primary_to_secondary():
    drawn = layout(FALLS, MEASURE)
    pairs = {(c.source, c.target) for c in drawn.connectors}
    assert {("aim", "primary-1"), ("aim", "primary-2"), ("aim", "primary-3")} <= pairs
    assert {("primary-1", "secondary-11"), ("primary-1", "secondary-12"),
            ("primary-2", "secondary-21")} <= pairs  # fmt: skip


def test_children_sit_beside_their_parent():
    drawn = layout(FALLS, MEASURE)
    primary = drawn.box("primary-1")
    first, last = drawn.box("secondary-11"), drawn.box("secondary-12")
    assert first.middle <= primary.middle <= last.middle
    checklist = drawn.box("idea-102")  # beside the first driver it serves
    assert checklist.y < drawn.box("secondary-12").y


def test_ideas_serving_no_driver_go_at_the_bottom_unconnected():
    drawn = layout(FALLS, MEASURE)
    bay = drawn.box("idea-103")
    assert bay.y > max(b.y for b in drawn.boxes if b.key != "idea-103")
    assert not [c for c in drawn.connectors if "idea-103" in (c.source, c.target)]


def test_links_to_secondary_drivers_not_in_the_diagram_are_ignored():
    diagram = DiagramInput("Aim", ideas=(IdeaInput(1, "Orphan", (999,)),))
    drawn = layout(diagram, MEASURE)
    assert drawn.connectors == ()
    assert outline(diagram).unlinked_ideas == diagram.ideas


def test_an_empty_diagram_is_the_aim_alone():
    drawn = layout(DiagramInput("Fewer falls"), MEASURE)
    assert [box.key for box in drawn.boxes] == ["aim"]
    assert drawn.height > drawn.box("aim").y + drawn.box("aim").height


def test_the_input_is_hashable_so_renderings_can_be_cached():
    assert hash(FALLS) == hash(DiagramInput(FALLS.aim, FALLS.primaries, FALLS.ideas, FALLS.title))


texts = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=120)


@st.composite
def diagrams(draw):
    primaries, ids = [], iter(range(1, 10_000))
    for _ in range(draw(st.integers(0, 4))):
        secondaries = tuple(SecondaryInput(next(ids), draw(texts))
                            for _ in range(draw(st.integers(0, 4))))  # fmt: skip
        primaries.append(PrimaryInput(next(ids), draw(texts), secondaries))
    secondary_ids = [s.id for p in primaries for s in p.secondaries]
    ideas = tuple(
        IdeaInput(next(ids), draw(texts), tuple(draw(
            st.lists(st.sampled_from(secondary_ids), unique=True, max_size=3)
        ) if secondary_ids else ()))
        for _ in range(draw(st.integers(0, 8)))
    )  # fmt: skip
    return DiagramInput(draw(texts), tuple(primaries), ideas)


@settings(max_examples=60, deadline=None)
@given(diagrams())
def test_boxes_never_overlap_and_stay_on_the_page(diagram):
    drawn = layout(diagram, MEASURE)
    for kind in ("primary", "secondary", "idea"):
        column = sorted((b for b in drawn.boxes if b.kind == kind), key=lambda b: b.y)
        for upper, lower in zip(column, column[1:], strict=False):
            assert upper.y + upper.height <= lower.y + 1e-6
    for box in drawn.boxes:
        assert box.x >= 0 and box.right <= drawn.width
        assert drawn.style.top <= box.y and box.y + box.height <= drawn.height
    links = sum(len(idea.secondary_ids) for idea in diagram.ideas)
    tree = len(diagram.primaries) + len(diagram.secondaries)
    assert len(drawn.connectors) == links + tree


# The outline -----------------------------------------------------------------------------------


def test_a_shared_change_idea_appears_under_each_secondary_driver():
    tree = outline(FALLS)
    under = {s.text: [i.text for i in s.ideas] for p in tree.primaries for s in p.secondaries}
    assert under["Assessed within 6 hours of admission"] == [
        "Daily safety huddle reviews everyone at risk", "Falls checklist in the admission pack"
    ]  # fmt: skip
    assert under["Call bells in reach"] == ["Daily safety huddle reviews everyone at risk"]
    assert [i.text for i in tree.unlinked_ideas] == ["Bay nursing"]


def test_the_summary_counts_in_words():
    assert summary(FALLS) == "3 primary drivers, 3 secondary drivers and 3 change ideas"
    one = DiagramInput("Aim", (PrimaryInput(1, "P", (SecondaryInput(2, "S"),)),),
                       (IdeaInput(3, "I", (2,)),))  # fmt: skip
    assert summary(one) == "1 primary driver, 1 secondary driver and 1 change idea"


def test_the_text_outline_indents_by_level():
    lines = as_text(outline(FALLS)).splitlines()
    assert lines[0].startswith("Aim: Reduce inpatient falls")
    assert "  Primary driver: Reliable falls risk assessment" in lines
    assert "    Secondary driver: Call bells in reach" in lines
    assert lines.count("      Change idea: Daily safety huddle reviews everyone at risk") == 2
    assert lines[-1] == "  Change idea not linked to a driver: Bay nursing"

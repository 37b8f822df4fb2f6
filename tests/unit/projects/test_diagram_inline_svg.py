"""The driver diagram as a page shows it: inline SVG the strict Content-Security-Policy lets
the browser style."""

import xml.etree.ElementTree as ET

from projects.diagram.nodes import DiagramInput, IdeaInput, PrimaryInput, SecondaryInput
from projects.diagram.render import inline_svg

SVG = "http://www.w3.org/2000/svg"


def test_the_driver_diagram_in_a_page_has_no_style_attributes_or_stylesheet():
    diagram = DiagramInput(
        "Reduce falls by 20%",
        (PrimaryInput(1, "Safer wards", (SecondaryInput(2, "Low beds"),)),),
        (IdeaInput(3, "Bed alarms", (2,)),),
        "Driver diagram: Falls",
    )
    root = ET.fromstring(inline_svg(diagram))
    assert not [element.tag for element in root.iter() if "style" in element.attrib]
    assert root.find(f"{{{SVG}}}style") is None
    filled = {element.get("fill") for element in root.iter(f"{{{SVG}}}path")}
    assert {"#005eb8", "#e8f1f8", "#ffffff"} <= filled  # the boxes keep their colours

"""Left-to-right layout of a driver diagram: Aim | Primary | Secondary drivers | Change ideas.

Pure: the standard library only (no Django, no matplotlib), so it is tested without a database and
a renderer just draws what it is given. Coordinates are points (1/72 inch) with y growing downwards
on a page exactly as wide as A4 landscape: printed at A4 width, text is `Style.font_size` points.

Each primary driver gets a horizontal band tall enough for its secondary drivers, and each
secondary driver a band tall enough for the change ideas listed beside it, so children sit next to
their parent. A change idea serving several secondary drivers is placed beside the first of them
and gets a connector from each; ideas serving none are stacked at the bottom of their column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from projects.diagram.nodes import DiagramInput, IdeaInput, PrimaryInput, SecondaryInput

COLUMN_TITLES = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")

Measure = Callable[[str], float]
"""Width in points of one line of text at `Style.font_size`."""


@dataclass(frozen=True)
class Style:
    page_width: float = 841.89  # A4 landscape, 297 mm
    margin: float = 18
    column_gap: float = 30  # room for the connectors' elbows
    font_size: float = 10
    header_font_size: float = 11
    line_spacing: float = 1.2
    ascent: float = 0.93  # DejaVu Sans's ascender, in ems: where the first baseline sits
    padding: float = 6
    box_gap: float = 8
    group_gap: float = 16  # between primary drivers' bands, so the groups read apart
    header_height: float = 24
    header_gap: float = 14
    fit: float = 0.95  # rasterisers' hinting can widen text a few per cent beyond its metrics

    @property
    def column_width(self) -> float:
        return (self.page_width - 2 * self.margin - 3 * self.column_gap) / 4

    @property
    def text_width(self) -> float:
        return (self.column_width - 2 * self.padding) * self.fit

    @property
    def line_height(self) -> float:
        return self.font_size * self.line_spacing

    @property
    def top(self) -> float:
        return self.margin + self.header_height + self.header_gap

    def column_x(self, column: int) -> float:
        return self.margin + column * (self.column_width + self.column_gap)

    def box_height(self, line_count: int) -> float:
        return 2 * self.padding + line_count * self.line_height


@dataclass(frozen=True)
class TextLine:
    x: float
    baseline: float
    text: str


@dataclass(frozen=True)
class Box:
    key: str  # "aim", "primary-3", "secondary-7", "idea-12"
    kind: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[TextLine, ...]

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Header:
    title: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Connector:
    source: str
    target: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    style: Style
    headers: tuple[Header, ...]
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]

    def box(self, key: str) -> Box:
        return next(box for box in self.boxes if box.key == key)


def estimated_measure(style: Style) -> Measure:
    """A generous guess (DejaVu Sans averages under 0.6 em a character) for when no font is at
    hand; the renderer passes the font's real metrics."""
    return lambda text: len(text) * style.font_size * 0.62


def _split_long_word(word: str, width: float, measure: Measure) -> list[str]:
    pieces, current = [], ""
    for character in word:
        if current and measure(current + character) > width:
            pieces.append(current)
            current = ""
        current += character
    return pieces + [current]


def wrap(text: str, width: float, measure: Measure) -> tuple[str, ...]:
    """Greedy word wrap to `width` points; a word too long for a line is broken."""
    lines, current = [], ""
    for word in text.split():
        for piece in _split_long_word(word, width, measure):
            candidate = f"{current} {piece}" if current else piece
            if current and measure(candidate) > width:
                lines.append(current)
                candidate = piece
            current = candidate
    return tuple(lines + [current]) if current else ("",)


def _stack_height(heights: list[float], gap: float) -> float:
    return sum(heights) + gap * (len(heights) - 1) if heights else 0.0


class _Placer:
    """Walks the tree top to bottom, giving every box its top edge (`tops`)."""

    def __init__(self, diagram: DiagramInput, heights: dict[str, float], style: Style):
        self.heights, self.style, self.tops = heights, style, {}
        self.beside, self.unlinked = _ideas_beside_secondaries(diagram)
        self.diagram = diagram

    def place(self) -> float:
        """Places every box; returns the height of the content below the headers."""
        y = self.style.top
        for primary in self.diagram.primaries:
            y += self._primary(primary, y) + self.style.group_gap
        if self.unlinked:
            y += self._stack([f"idea-{i.id}" for i in self.unlinked], y) + self.style.group_gap
        drivers_height = max(0.0, y - self.style.group_gap - self.style.top)
        band = max(drivers_height, self.heights["aim"])
        self.tops["aim"] = self.style.top + (band - self.heights["aim"]) / 2
        return band

    def _stack(self, keys: list[str], y: float) -> float:
        start = y
        for key in keys:
            self.tops[key] = y
            y += self.heights[key] + self.style.box_gap
        return y - start - self.style.box_gap if keys else 0.0

    def _secondary_band(self, secondary: SecondaryInput) -> tuple[str, list[str], float, float]:
        key = f"secondary-{secondary.id}"
        ideas = [f"idea-{i.id}" for i in self.beside[secondary.id]]
        ideas_height = _stack_height([self.heights[k] for k in ideas], self.style.box_gap)
        return key, ideas, ideas_height, max(self.heights[key], ideas_height)

    def _primary(self, primary: PrimaryInput, y: float) -> float:
        key = f"primary-{primary.id}"
        bands = [self._secondary_band(s) for s in primary.secondaries]
        block = _stack_height([height for *_, height in bands], self.style.box_gap)
        band = max(self.heights[key], block)
        self.tops[key] = y + (band - self.heights[key]) / 2
        y += (band - block) / 2
        for secondary_key, ideas, ideas_height, height in bands:
            self.tops[secondary_key] = y + (height - self.heights[secondary_key]) / 2
            self._stack(ideas, y + (height - ideas_height) / 2)
            y += height + self.style.box_gap
        return band


def _ideas_beside_secondaries(diagram: DiagramInput):
    """Each idea goes beside the first (in display order) secondary driver it serves."""
    order = {s.id: index for index, s in enumerate(diagram.secondaries)}
    beside: dict[int, list[IdeaInput]] = {s_id: [] for s_id in order}
    unlinked = []
    for idea in diagram.ideas:
        served = [s_id for s_id in idea.secondary_ids if s_id in order]
        if served:
            beside[min(served, key=order.__getitem__)].append(idea)
        else:
            unlinked.append(idea)
    return beside, unlinked


def _nodes(diagram: DiagramInput) -> list[tuple[str, str, int, str]]:
    """(key, kind, column, text) for every box."""
    nodes = [("aim", "aim", 0, diagram.aim)]
    for primary in diagram.primaries:
        nodes.append((f"primary-{primary.id}", "primary", 1, primary.text))
        nodes += [(f"secondary-{s.id}", "secondary", 2, s.text) for s in primary.secondaries]
    nodes += [(f"idea-{idea.id}", "idea", 3, idea.text) for idea in diagram.ideas]
    return nodes


def _box(key, kind, column, top, lines, style: Style) -> Box:
    x = style.column_x(column)
    first = top + style.padding + style.ascent * style.font_size
    text = tuple(
        TextLine(x + style.padding, first + i * style.line_height, line)
        for i, line in enumerate(lines)
    )
    return Box(key, kind, x, top, style.column_width, style.box_height(len(lines)), text)


def _elbow(parent: Box, child: Box, style: Style) -> tuple[tuple[float, float], ...]:
    bend = parent.right + style.column_gap / 2
    return ((parent.right, parent.middle), (bend, parent.middle), (bend, child.middle),
            (child.x, child.middle))  # fmt: skip


def _connectors(diagram: DiagramInput, boxes: dict[str, Box], style: Style) -> list[Connector]:
    connectors = []
    for primary in diagram.primaries:
        p = boxes[f"primary-{primary.id}"]
        connectors.append(Connector("aim", p.key, _elbow(boxes["aim"], p, style)))
        for secondary in primary.secondaries:
            s = boxes[f"secondary-{secondary.id}"]
            connectors.append(Connector(p.key, s.key, _elbow(p, s, style)))
    for idea in diagram.ideas:
        i = boxes[f"idea-{idea.id}"]
        for s_id in idea.secondary_ids:
            s = boxes.get(f"secondary-{s_id}")
            if s:  # straight lines, so several reaching one idea stay distinguishable
                connectors.append(Connector(s.key, i.key, ((s.right, s.middle), (i.x, i.middle))))
    return connectors


def layout(
    diagram: DiagramInput, measure: Measure | None = None, style: Style | None = None
) -> Layout:
    style = style or Style()
    measure = measure or estimated_measure(style)
    nodes = _nodes(diagram)
    wrapped = {key: wrap(text, style.text_width, measure) for key, _, _, text in nodes}
    heights = {key: style.box_height(len(lines)) for key, lines in wrapped.items()}
    placer = _Placer(diagram, heights, style)
    content_height = placer.place()
    boxes = {
        key: _box(key, kind, column, placer.tops[key], wrapped[key], style)
        for key, kind, column, _ in nodes
    }
    headers = tuple(
        Header(title, style.column_x(c), style.margin, style.column_width, style.header_height)
        for c, title in enumerate(COLUMN_TITLES)
    )
    return Layout(
        width=style.page_width,
        height=style.top + content_height + style.margin,
        style=style,
        headers=headers,
        boxes=tuple(boxes.values()),
        connectors=tuple(_connectors(diagram, boxes, style)),
    )

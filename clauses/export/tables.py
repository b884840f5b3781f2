"""Tables in paged formats (Word, PDF): which rows are lines to fill in, and how wide each column is."""

from __future__ import annotations

from clauses.model import Inline

# Column widths in cm across the 16 cm between the margins: the first column carries the most text.
TEXT_WIDTH = 16.0
COLUMN_WIDTHS = {2: (5.0, 11.0), 3: (7.0, 6.0, 3.0)}
# How wide a word in a table cell can be, per character, in cm: generous (a wide fallback font at
# 9.5 pt), so a column made wide enough never has to break a word.
CHARACTER_CM = 0.21
CELL_MARGINS_CM = 0.45


def to_fill_in(row: tuple[Inline, ...]) -> bool:
    """A row empty but for its first cell (a number) is a line to fill in by hand (the kit's forms)."""
    return len(row) > 1 and not any(run.text.strip() for cell in row[1:] for run in cell)


def widths(header: tuple[Inline, ...], rows: tuple[tuple[Inline, ...], ...], total: float) -> list[float]:
    """Column widths in cm: the usual proportions, each column widened to hold its longest word.

    Word breaks a word that does not fit its cell in the middle ("Ambassadeursprogram|ma"); a
    column as wide as its longest word never has to.
    """
    count = len(header)
    base = COLUMN_WIDTHS.get(count, (TEXT_WIDTH / count,) * count)
    planned = [width * total / sum(base) for width in base]
    needed = [0.0] * count
    for row in (header, *rows):
        for index, cell in enumerate(row[:count]):
            words = "".join(run.text for run in cell).split()
            longest = max((len(word) for word in words), default=0)
            needed[index] = max(needed[index], longest * CHARACTER_CM + CELL_MARGINS_CM)
    short = [max(need - width, 0.0) for need, width in zip(needed, planned, strict=True)]
    spare = [max(width - need, 0.0) for need, width in zip(needed, planned, strict=True)]
    missing, available = sum(short), sum(spare)
    if not missing or not available:
        return planned
    # Give each narrow column what it lacks, taken from the others in proportion to their room.
    taken = min(missing, available)
    return [
        width + (taken * lack / missing if lack else -taken * room / available)
        for width, lack, room in zip(planned, short, spare, strict=True)
    ]

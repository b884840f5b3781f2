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


def _text(cell: Inline) -> str:
    return "".join(run.text for run in cell).strip()


def to_fill_in(row: tuple[Inline, ...]) -> bool:
    """A row with an empty cell is a line to fill in by hand (the kit's forms: a remark, a date, a
    signature); the policy's own tables never leave a cell empty."""
    return len(row) > 1 and any(not _text(cell) for cell in row)


def _weights(header: tuple[Inline, ...], rows: tuple[tuple[Inline, ...], ...]) -> tuple[float, ...]:
    """Proportions for a table of four columns or more (the kit's forms): by the longest text in each
    column, a column left empty for handwriting as wide as a name."""
    weights = []
    for index, title in enumerate(header):
        texts = [_text(row[index]) for row in rows if index < len(row)]
        longest = max((len(text) for text in texts), default=0)
        weights.append(min(max(longest if any(texts) else 16, len(_text(title)), 4), 30))
    return tuple(weights)


def widths(header: tuple[Inline, ...], rows: tuple[tuple[Inline, ...], ...], total: float) -> list[float]:
    """Column widths in cm: the usual proportions, each column widened to hold its longest word.

    Word breaks a word that does not fit its cell in the middle ("Ambassadeursprogram|ma"); a
    column as wide as its longest word never has to.
    """
    count = len(header)
    base = COLUMN_WIDTHS.get(count) or _weights(header, rows)
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

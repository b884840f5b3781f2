"""A block of a policy as a reader finds it, before it is located under its heading."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Raw:
    text: str
    line: int | None
    is_heading: bool = False
    is_item: bool = False
    is_label: bool = False  # a table's header row
    source: int | None = None  # a DOCX paragraph's number in document order

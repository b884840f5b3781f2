"""The dates of the work rules procedure, computed from the day the draft is posted.

The rules are those of the legal reference (belgium.md, section 1, Act of 8 April 1965 on work rules):
- without a works council, a register of remarks is open for 15 days from the posting: the posting day
  and the 14 days after it, so it closes on posting + 14;
- with no remarks, the amended work rules apply from the 15th day after posting: posting + 15;
- with a works council, the council meets on the draft no earlier than 15 and no later than 30 days
  after posting;
- either way, a copy goes to the Social Law Inspection within 8 days of entry into force.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

REMARKS_DAYS = 15
COUNCIL_EARLIEST, COUNCIL_LATEST = 15, 30
COPY_DAYS = 8


@dataclass(frozen=True, slots=True)
class ProcedureDates:
    """`in_force` and `copy_by` hold without a works council and without remarks; with a works
    council the date of entry into force depends on its decision, so there are none."""

    posted: datetime.date
    remarks_until: datetime.date
    in_force: datetime.date | None
    copy_by: datetime.date | None
    council_from: datetime.date | None
    council_until: datetime.date | None


def procedure_dates(posted: datetime.date, works_council: bool) -> ProcedureDates:
    day = datetime.timedelta(days=1)
    if works_council:
        return ProcedureDates(
            posted=posted,
            remarks_until=posted + (REMARKS_DAYS - 1) * day,
            in_force=None,
            copy_by=None,
            council_from=posted + COUNCIL_EARLIEST * day,
            council_until=posted + COUNCIL_LATEST * day,
        )
    in_force = posted + REMARKS_DAYS * day
    return ProcedureDates(
        posted=posted,
        remarks_until=posted + (REMARKS_DAYS - 1) * day,
        in_force=in_force,
        copy_by=in_force + COPY_DAYS * day,
        council_from=None,
        council_until=None,
    )


def earliest_entry_into_force(dates: ProcedureDates) -> datetime.date:
    """The first day the amended work rules can apply: the 15th day after posting without a works
    council, the council's earliest meeting with one."""
    earliest = dates.in_force or dates.council_from
    assert earliest is not None
    return earliest

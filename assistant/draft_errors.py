"""A draft that cannot be read, found or written, said in the language the user talks in.

`dialogue` raises DraftError with an English message and, beside it, what happened (`kind`) and the
facts (`details`, `problem`); the words for each kind are in assistant/lang/*.yaml under draft_errors.
"""

from __future__ import annotations

from assistant.texts import UiTexts
from dialogue.drafts import DraftError


def said(error: DraftError, texts: UiTexts) -> str:
    """The error in `texts`' language; its English message for a kind no language file knows."""
    key = f"draft_errors.{error.kind}"
    if key not in texts:
        return str(error)
    details = dict(error.details)
    if error.problem is not None:
        details["problem"] = texts(f"draft_errors.problems.{error.problem.code}", part=error.problem.part)
    return texts(key, **details)

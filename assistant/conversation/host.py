"""What a conversation needs from the app that runs it (assistant.app.PolicyAssistant), so that it
never imports the app."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from assistant.drafting import PolicyDrafter
from assistant.keeper import DraftKeeper
from assistant.texts import UiTexts


class Host(Protocol):
    @property
    def texts(self) -> UiTexts:
        """The texts of the language the user talks in now."""
        ...

    @property
    def keeper(self) -> DraftKeeper: ...

    @property
    def drafter(self) -> PolicyDrafter: ...

    @property
    def export_folder(self) -> Path:
        """Where exports go unless the user says otherwise."""
        ...

    def offer_downloads(self, files: Sequence[Path]) -> bool:
        """In a browser, hand each file to it as a download: True if the app runs in one (and did)."""
        ...

    def warm_up(self) -> None:
        """Load what the first answer and the first preview need, off the event loop."""
        ...

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool: ...

    def run_worker(self, work: Callable[[], Any], **options: Any) -> Any: ...

    def call_later(self, callback: Callable[..., Any], *args: Any) -> bool:
        """Run `callback` on the event loop (thread-safe: workers report through it)."""
        ...

    def notify(
        self, message: str, *, severity: str = ..., timeout: float | None = ..., markup: bool = ...
    ) -> None:
        """A toast, also when the chat is not the screen on top."""
        ...

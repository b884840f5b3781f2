"""The garbage collector runs while the user reads, never in the middle of their typing."""

from __future__ import annotations

import gc
from pathlib import Path

from uihelp import async_test, chat_of, give, make_app, wait_for

from assistant.memory import IDLE, MEMORY, RARE_FULL_COLLECTIONS, THAW_EVERY, MemoryKeeper


class Recorder:
    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[str] = []

    def keeper(self) -> MemoryKeeper:
        return MemoryKeeper(
            clock=lambda: self.now,
            collect=lambda: self.calls.append("collect"),
            freeze=lambda: self.calls.append("freeze"),
            unfreeze=lambda: self.calls.append("unfreeze"),
        )


def test_nothing_is_collected_before_start_up_is_settled_or_while_the_user_is_busy() -> None:
    clock = Recorder()
    keeper = clock.keeper()
    keeper.touched()
    clock.now = 10.0
    assert not keeper.tick() and clock.calls == []  # start-up not settled yet
    thresholds = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's defaults
        keeper.settle()
        assert clock.calls == ["freeze"]
        assert gc.get_threshold() == (700, 10, RARE_FULL_COLLECTIONS)  # full collections made rare
    finally:
        gc.set_threshold(*thresholds)
    keeper.touched()
    clock.now += IDLE / 2
    assert not keeper.tick()  # still typing
    keeper.touched()
    clock.now += IDLE / 2
    assert not keeper.tick()
    clock.now += IDLE
    assert keeper.tick() and clock.calls == ["freeze", "collect", "freeze"]
    clock.now += 10 * IDLE
    assert not keeper.tick(), "nothing happened since: nothing to collect"


def test_every_few_collections_the_frozen_objects_are_scanned_too() -> None:
    clock = Recorder()
    keeper = clock.keeper()
    keeper.settled = True
    for _ in range(THAW_EVERY):
        keeper.touched()
        clock.now += IDLE
        assert keeper.tick()
    assert clock.calls.count("unfreeze") == 1
    assert clock.calls[-3:] == ["unfreeze", "collect", "freeze"]


@async_test
async def test_the_app_collects_once_the_user_pauses_after_an_answer(home: Path) -> None:
    app = make_app(home, new=True)
    async with app.run_test(size=(80, 24)) as pilot:
        chat = chat_of(app)
        await wait_for(pilot, lambda: MEMORY.settled, timeout=20, what="start-up settled")
        before = MEMORY.collections
        await give(pilot, "limited")
        await wait_for(pilot, lambda: chat.session.current.id == "org_name")
        await wait_for(pilot, lambda: MEMORY.collections > before, timeout=IDLE * 10, what="a collection")

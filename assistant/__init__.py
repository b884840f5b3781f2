"""The terminal app and command line that wire the interview (dialogue) to the policy (clauses)."""

from datafiles import compiled

# Before any module of ours creates a dataclass: their methods come compiled from the cache folder
# (datafiles.compiled; about 20 ms of a start, docs/decisions.md, "Start-up").
compiled.install()

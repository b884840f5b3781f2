"""The terminal app and command line that wire the interview (dialogue) to the policy (clauses)."""

"""The interview as data and the engine that walks it. Knows nothing of the UI."""

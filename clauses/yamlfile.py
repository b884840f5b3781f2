"""Safe YAML reading that remembers where each mapping starts, for error messages that name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from clauses.errors import LibraryError


class Located(dict[str, Any]):
    """A YAML mapping that knows its line in the file (1-based)."""

    line: int = 0


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (its C parser when available), keeping line numbers, refusing duplicate keys.

    PyYAML silently keeps the last of two equal keys; in a clause file that hides a mistake.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Located:  # type: ignore[override]
        mapping = Located()
        mapping.line = node.start_mark.line + 1
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise LibraryError(f"keys must be text, not {key!r}", line=key_node.start_mark.line + 1)
            if key in mapping:
                raise LibraryError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)


def load(path: Path) -> Any:
    """Read a YAML file; any problem becomes a one-line LibraryError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError(f"cannot read the file ({error.__class__.__name__})", file=path) from None
    try:
        return yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects
    except LibraryError as error:
        raise LibraryError(error.problem, file=path, line=error.line) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise LibraryError(
            f"not valid YAML: {error.problem or error.context}", file=path, line=line
        ) from None
    except yaml.YAMLError as error:
        raise LibraryError(f"not valid YAML: {error}", file=path) from None


def line_of(value: Any) -> int | None:
    return value.line if isinstance(value, Located) else None

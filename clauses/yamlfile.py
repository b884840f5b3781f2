"""Safe YAML reading that remembers where each mapping starts, for error messages that name the line.

A clause folder may come from someone else, so reading it is safe against files built to hurt: PyYAML's
safe loader (no Python objects: `!!python/object` is an error), a size limit read before the file, a
number or date the constructor cannot make reported with its line, and aliases that would repeat a value
until it fills the memory ("billion laughs") refused before anything walks them.
"""

from __future__ import annotations

import reprlib
from pathlib import Path
from typing import Any

import yaml

from clauses import safefiles
from clauses.errors import LibraryError
from clauses.yamlguard import ScalarGuard


class Located(dict[str, Any]):
    """A YAML mapping that knows its line in the file (1-based)."""

    line: int = 0


class _Loader(ScalarGuard, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (its C parser when available), keeping line numbers, refusing duplicate keys,
    scalars too long to resolve and base-60 numbers (clauses.yamlguard).

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


def _guarded(construct: Any, problem: str) -> Any:
    """A scalar constructor whose ValueError (PyYAML gives it no line) becomes a LibraryError with one."""

    def build(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            value = str(node.value)
            shown = value if len(value) <= 24 else value[:24] + "…"
            raise LibraryError(problem.format(value=shown), line=node.start_mark.line + 1) from None

    return build


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor(
    "tag:yaml.org,2002:int", _guarded(_Base.construct_yaml_int, "{value} has too many digits to be a number")
)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", _guarded(_Base.construct_yaml_timestamp, "{value} is not a real date")
)

MAX_FILE_BYTES = safefiles.MAX_FILE_BYTES
MAX_VALUES = 200_000  # values once aliases are followed; ours hold a few thousand


def read_text(path: Path, what: str = "file") -> str:
    """A library file's text; a file that is not a regular file, too large, unreadable or not UTF-8
    is a LibraryError naming it (see clauses.safefiles)."""
    return safefiles.read_text(path, what)


def expanded_size(data: Any, limit: int = MAX_VALUES) -> int:
    """How many values `data` holds with every alias followed, counting no further than `limit` + 1."""
    count = 0
    stack = [data]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            count += len(item) // 100
    return count


def load(path: Path) -> Any:
    """Read a YAML file; any problem becomes a one-line LibraryError naming the file and line."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader is a SafeLoader: no arbitrary objects
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
    except RecursionError:
        raise LibraryError("not valid YAML: nested too deeply", file=path) from None
    if expanded_size(data) > MAX_VALUES:
        raise LibraryError(
            f"holds more than {MAX_VALUES:,} values once its aliases (*name) are followed; a clause "
            "library file needs far fewer",
            file=path,
        )
    return data


def short(value: Any) -> str:
    """A value quoted in a message: a few items and characters, however large the value."""
    return _SHORT.repr(value)


_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxlist, _SHORT.maxdict, _SHORT.maxstring, _SHORT.maxother = 2, 4, 4, 60, 60


def line_of(value: Any) -> int | None:
    return value.line if isinstance(value, Located) else None

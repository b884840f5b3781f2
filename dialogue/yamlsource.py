"""Safe YAML that remembers where things are, so errors can name the file and the line.

Safe also against data built to hurt: a number or date the constructor cannot make is an error with its
line, and aliases that repeat a value until it would fill the memory when walked ("billion laughs") are
refused before anything walks them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dialogue.errors import DefinitionError
from dialogue.yamlguard import ScalarGuard


class Located(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]


class LocatedList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


# libyaml's parser is about ten times faster than PyYAML's pure-Python one; both are equally safe.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(ScalarGuard, _SafeBase):  # type: ignore[misc, valid-type]
    """Also refuses scalars too long to resolve and base-60 numbers (dialogue.yamlguard)."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    result = Located()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _guarded(construct: Any, problem: str) -> Any:
    """A scalar constructor whose ValueError (PyYAML gives it no line) becomes an error with the line."""

    def build(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, problem.format(value=_clip(str(node.value))), node.start_mark
            ) from None

    return build


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor(
    "tag:yaml.org,2002:int",
    _guarded(_SafeBase.construct_yaml_int, "{value} has too many digits to be a number"),
)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _guarded(_SafeBase.construct_yaml_timestamp, "{value} is not a real date"),
)

# What a file may hold once its aliases are followed: far more than any interview, answers file or
# draft needs, far less than what would stall the program walking it.
MAX_VALUES = 200_000


def expanded_size(data: Any, limit: int = MAX_VALUES) -> int:
    """How many values `data` holds with every alias followed, counting no further than `limit` + 1.

    A long string counts as one value per 100 characters: repeated by aliases, it costs what a list of
    that many values would.
    """
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


def parse_yaml(text: str, file: Path | str) -> Any:
    """Parse YAML safely; any problem becomes a DefinitionError with the file and line."""
    try:
        data = yaml.load(text, Loader=_Loader)  # _Loader derives from (C)SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(error.problem or error.context or "not valid YAML").split())
        raise DefinitionError(problem, file=file, line=mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as error:
        line = text[: max(error.position, 0)].count("\n") + 1
        raise DefinitionError(
            f"contains a character YAML does not allow (#x{error.character:04x})"
            if isinstance(error.character, int)
            else "contains a character YAML does not allow",
            file=file,
            line=line,
        ) from None
    except yaml.YAMLError as error:
        raise DefinitionError(f"not valid YAML ({' '.join(str(error).split())})", file=file) from None
    except RecursionError:
        raise DefinitionError("nested too deeply", file=file) from None
    if expanded_size(data) > MAX_VALUES:
        raise DefinitionError(
            f"holds more than {MAX_VALUES:,} values once its aliases (*name) are followed; "
            "it cannot be what this program reads",
            file=file,
        )
    return data


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DefinitionError("is not UTF-8 text", file=path) from None
    except OSError as error:
        raise DefinitionError(f"cannot be read ({error.strerror})", file=path) from None
    return parse_yaml(text, path)


def line_of(container: Any, key: Any = None) -> int | None:
    """The line of `key` in a Located mapping, or of an item in a LocatedList, or of the container."""
    if key is not None:
        if isinstance(container, Located):
            return container.key_lines.get(key, container.line)
        if isinstance(container, LocatedList) and isinstance(key, int) and key < len(container.item_lines):
            return container.item_lines[key]
    return getattr(container, "line", None) or None

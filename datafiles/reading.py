"""The one YAML reader: safe, keeping line marks, and guarded against files built to hurt.

- PyYAML's safe loader (its C parser when there is one): `!!python/object` and the like are errors.
- Every mapping and list remembers its line and the line of each key or item (`datafiles.marks`);
  with `text_lines=True` every text does too.
- Two equal keys in one mapping are an error: PyYAML would silently keep the last, hiding a mistake.
- A number or date the constructor cannot make is an error with its line (PyYAML gives none).
- Aliases that repeat a value until it would fill the memory when walked ("billion laughs") are
  refused before anything walks them; so is nesting too deep to walk.
- A YAML 1.1 base-60 number (`1:30`, built in time that grows with the square of its length) and any
  value over 100,000 characters are refused before they are resolved (`datafiles.scalars`).
- `read_text` and `read_yaml` read regular files only (a FIFO would block the reader forever, a
  device such as /dev/zero would be read until the memory runs out), refuse a file over `max_bytes`
  before reading it, and a link that leads out of `within` (a folder received from someone else could
  otherwise make any file on this computer, a private key, part of its data).
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from datafiles.errors import DataFileError, FileTooLarge, NotText, OutsideFolder, Unreadable
from datafiles.marks import Located, LocatedList, LocatedText
from datafiles.scalars import ScalarGuard, ScalarRefused

# What a file may hold once its aliases are followed: far more than any interview, clause library,
# rules, answers file or draft needs, far less than what would stall the program walking it.
MAX_VALUES = 200_000

# libyaml's parser is about ten times faster than PyYAML's pure-Python one; both are equally safe.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Refused(yaml.constructor.ConstructorError):
    """YAML that parses, holding what no data file may: raised by our own checks, never by PyYAML."""


def _clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[:size] + "…"


class _Loader(ScalarGuard, _SafeBase):  # type: ignore[misc, valid-type]
    # ScalarGuard first: its resolve and construct_scalar run before PyYAML's.
    text_keys = False  # keys must be text (the clause library), or any plain value (answers: `1: x`)

    def construct_located_mapping(self, node: yaml.MappingNode) -> Located:
        self.flatten_mapping(node)  # `<<: *defaults` merge keys
        result = Located()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if self.text_keys and not isinstance(key, str):
                raise _Refused(None, None, f"keys must be text, not {key!r}", key_node.start_mark)
            try:
                hash(key)
            except TypeError:
                raise _Refused(None, None, "a key must be a plain value", key_node.start_mark) from None
            if key in result:
                raise _Refused(None, None, f"duplicate key '{key}'", key_node.start_mark)
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def construct_located_sequence(self, node: yaml.SequenceNode) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


def _guarded(construct: Any, problem: str) -> Any:
    """A scalar constructor whose ValueError (PyYAML gives it no line) becomes an error with the line."""

    def build(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            raise _Refused(
                None, None, problem.format(value=_clip(str(node.value))), node.start_mark
            ) from None

    return build


def _located_text(loader: _Loader, node: yaml.ScalarNode) -> LocatedText:
    text = LocatedText(loader.construct_scalar(node))
    text.line = node.start_mark.line + 1
    return text


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_located_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _Loader.construct_located_sequence)
_Loader.add_constructor(
    "tag:yaml.org,2002:int",
    _guarded(_SafeBase.construct_yaml_int, "{value} has too many digits to be a number"),
)
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    _guarded(_SafeBase.construct_yaml_timestamp, "{value} is not a real date"),
)


@functools.cache
def _loader(text_keys: bool, text_lines: bool) -> type[_Loader]:
    loader = type("Loader", (_Loader,), {"text_keys": text_keys})
    if text_lines:
        loader.add_constructor("tag:yaml.org,2002:str", _located_text)
    return loader


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


def parse_yaml(
    text: str, file: Path | str | None = None, *, text_keys: bool = False, text_lines: bool = False
) -> Any:
    """The data `text` holds; DataFileError (with `file` and the line) for anything wrong with it.

    `text_keys`: every key must be text. `text_lines`: every text is a LocatedText.
    """
    try:
        data = yaml.load(text, Loader=_loader(text_keys, text_lines))  # a SafeLoader: no Python objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DataFileError(
            str(error.problem or error.context or "not valid YAML"),
            file=file,
            line=mark.line + 1 if mark else None,
            syntax=not isinstance(error, _Refused | ScalarRefused),
        ) from None
    except yaml.reader.ReaderError as error:
        line = text[: max(error.position, 0)].count("\n") + 1
        character = f" (#x{error.character:04x})" if isinstance(error.character, int) else ""
        raise DataFileError(
            f"contains a character YAML does not allow{character}", file=file, line=line, syntax=True
        ) from None
    except yaml.YAMLError as error:
        raise DataFileError(str(error), file=file, syntax=True) from None
    except RecursionError:
        raise DataFileError("nested too deeply", file=file, syntax=True) from None
    if expanded_size(data) > MAX_VALUES:
        raise DataFileError(
            f"holds more than {MAX_VALUES:,} values once its aliases (*name) are followed; "
            "no file this program reads needs that many",
            file=file,
        )
    return data


def ensure_inside(path: Path, folder: Path) -> None:
    """OutsideFolder when `path` (a link, or a name with `..`) leads out of `folder`."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise OutsideFolder(path)


# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (the type is then refused).
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (a named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a link"),
)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (from its st_mode); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_text(path: Path, *, max_bytes: int | None = None, within: Path | None = None) -> str:
    """The UTF-8 text of `path`: FileTooLarge, NotText, Unreadable or OutsideFolder otherwise."""
    if within is not None:
        ensure_inside(path, within)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            info = os.fstat(descriptor)  # the file opened, not a name that may since lead elsewhere
            kind = kind_of(info.st_mode)
            if kind is not None:
                raise Unreadable(path, f"it is {kind}, not a file", "NotAFile")
            if max_bytes is not None and info.st_size > max_bytes:
                raise FileTooLarge(path, info.st_size, max_bytes)
            data = _read(descriptor, None if max_bytes is None else max_bytes + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise Unreadable(path, str(error.strerror or error), type(error).__name__) from None
    if max_bytes is not None and len(data) > max_bytes:  # it grew while it was read
        raise FileTooLarge(path, len(data), max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotText(path) from None
    # Line ends as Path.read_text gives them (universal newlines), which readers were written for.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _read(descriptor: int, limit: int | None) -> bytes:
    """Up to `limit` bytes (all, for None) of an open file."""
    chunks: list[bytes] = []
    size = 0
    while limit is None or size < limit:
        chunk = os.read(descriptor, 1024 * 1024 if limit is None else min(1024 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_yaml(
    path: Path,
    *,
    max_bytes: int | None = None,
    within: Path | None = None,
    text_keys: bool = False,
    text_lines: bool = False,
) -> Any:
    """`read_text`, then `parse_yaml`: the data in the file, or a DataFileError naming it."""
    return parse_yaml(
        read_text(path, max_bytes=max_bytes, within=within), path, text_keys=text_keys, text_lines=text_lines
    )


def dump_yaml(data: Any) -> str:
    """`data` (plain values, lists and mappings) as YAML this reader reads back the same."""
    # libyaml's emitter, where there is one: the app saves before each question.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)

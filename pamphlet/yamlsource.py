"""YAML that remembers where each value came from.

``load(path)`` returns plain Python values in which mappings, lists and
strings also carry the 1-based line they were written on, so every later
check can say ``file:line``. Duplicate keys are errors (plain PyYAML keeps
the last one silently, which would lose text).

Content files are written by hand and passed between people, so a file is
refused before it is parsed when it is larger than any pamphlet needs, and
while it is parsed at the first anchor alias (``*name``: content files have
no use for them, and nested aliases expand exponentially) or nesting deeper
than any content file has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from yaml.composer import Composer
from yaml.resolver import Resolver

from .errors import Location, PamphletError, Problem, Problems
from .limits import MAX_YAML_BYTES, MAX_YAML_DEPTH
from .yamlcache import recalled, remember


class LStr(str):
    line: int


class LMap(dict):
    def __init__(self, *args, line: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LList(list):
    line: int
    item_lines: list[int]


def load(path: Path) -> Any:
    """Read one YAML file; raise PamphletError with file:line on any problem."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise PamphletError(Problem(Location(path), f"file is {size / 1e6:.1f} MB",
                                        f"expected a YAML file of at most {MAX_YAML_BYTES / 1e6:g} MB"))
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PamphletError(Problem(Location(path), "file not found", "expected a YAML file here"))
    except IsADirectoryError:
        raise PamphletError(Problem(Location(path), "is a folder", "expected a YAML file here"))
    except UnicodeDecodeError as exc:
        raise PamphletError(_not_utf8(path, exc))
    found = recalled(text)
    if found is not None:
        return found
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        raise PamphletError(Problem(Location(path, exc.line), exc.message, exc.expected))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file
        line = text.count("\n", 0, exc.position) + 1
        raise PamphletError(Problem(Location(path, line), f"control character U+{exc.character:04X} in the file",
                                    "expected printable text (remove it; tabs and new lines are fine)"))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if mark and text[mark.index:mark.index + 1] == "\t":
            raise PamphletError(Problem(Location(path, line), f"a tab at column {mark.column + 1}",
                                        "expected spaces: YAML indents with spaces, never tabs"))
        if "nesting depth" in (exc.problem or ""):  # libyaml's own limit (1000), met before ours when it scans ahead
            raise PamphletError(Problem(Location(path, line), f"values nested more than {MAX_YAML_DEPTH} deep", NESTING_EXPECTED))
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise PamphletError(Problem(Location(path, line), f"invalid YAML: {what}", "expected well-formed YAML"))
    finally:
        loader.dispose()
    if node is None:
        return LMap()
    problems = Problems()
    value = _convert(node, path, problems)
    problems.raise_if_any()
    remember(text, value)
    return value


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> Problem:
    data, start = exc.object, exc.start
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return Problem(Location(path, 1), "the file is UTF-16", "expected a UTF-8 text file (save it as UTF-8 in your editor)")
    line = data.count(b"\n", 0, start) + 1
    column = start - data.rfind(b"\n", 0, start)
    return Problem(Location(path, line), f"not UTF-8 (byte 0x{data[start]:02X} at column {column})",
                   "expected a UTF-8 text file (save it as UTF-8 in your editor)")


def load_mapping(path: Path, what: str) -> "LMap":
    """``load`` for a file whose top level must be a mapping (a brand, layout,
    profile or manifest); ``what`` names it in the message ('the brand file')."""
    data = load(path)
    if not isinstance(data, LMap):
        kind = "a list" if isinstance(data, list) else f"the value {str(data)[:40]!r}"
        raise PamphletError(Problem(Location(path, getattr(data, "line", 1)), f"{what} is {kind}",
                                    "expected a mapping of keys to values"))
    return data


NESTING_EXPECTED = "expected the shallow mappings and lists of a content file"
_scalars = yaml.SafeLoader("")


class _Refused(Exception):
    def __init__(self, mark, message: str, expected: str):
        self.line, self.message, self.expected = mark.line + 1, message, expected


class _Composer(Composer):
    """PyYAML's composer, refusing aliases and deep nesting as it meets them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            first = self.anchors.get(event.anchor)
            defined = f" (anchor '&{event.anchor}' on line {first.start_mark.line + 1})" if first else ""
            raise _Refused(event.start_mark, f"YAML alias '*{event.anchor}'{defined}",
                           "expected the value written out (content files do not use anchors and aliases)")
        self.depth = getattr(self, "depth", 0) + 1
        if self.depth > MAX_YAML_DEPTH:
            raise _Refused(self.peek_event().start_mark, f"values nested more than {MAX_YAML_DEPTH} deep", NESTING_EXPECTED)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


try:  # libyaml's parser when PyYAML has it (several times faster); marks are the same
    from yaml._yaml import CParser as _Parser

    class _Loader(_Composer, _Parser, Resolver):
        def __init__(self, text: str):
            _Parser.__init__(self, text)
            _Composer.__init__(self)
            Resolver.__init__(self)
except ImportError:
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, _Composer, Resolver):
        def __init__(self, text: str):
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            _Composer.__init__(self)
            Resolver.__init__(self)


def _convert(node: yaml.Node, path: Path, problems: Problems) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = LMap(line=line)
        for key_node, value_node in node.value:
            key = _convert(key_node, path, problems)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.add(Location(path, key_line), f"key {key!r} is not text", "expected a name")
                key = str(key)
            if key in result:
                problems.add(
                    Location(path, key_line),
                    f"duplicate key '{key}' (first on line {result.key_lines[key]})",
                    "expected each key once",
                )
                continue
            result.key_lines[key] = key_line
            result[key] = _convert(value_node, path, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = LList(_convert(item, path, problems) for item in node.value)
        result.line = line
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    try:
        value = _scalars.construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # a bad tag, or a date that does not exist
        tag = "" if node.tag.startswith("tag:yaml.org,2002:") else f" (tagged {node.tag})"
        reason = getattr(exc, "problem", None) or str(exc)
        problems.add(Location(path, line), f"value {node.value!r}{tag} cannot be read: {reason}",
                     "expected text, a number, or true/false (quote it to keep it as text)")
        return LStr(node.value)
    if isinstance(value, str):
        value = LStr(value)
        value.line = line
    return value

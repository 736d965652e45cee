"""YAML that remembers where each value came from.

``load(path)`` returns plain Python values in which mappings, lists and
strings also carry the 1-based line they were written on, so every later
check can say ``file:line``. Duplicate keys are errors (plain PyYAML keeps
the last one silently, which would lose text).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Location, PamphletError, Problem, Problems


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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PamphletError(Problem(Location(path), "file not found", "expected a YAML file here"))
    except UnicodeDecodeError as exc:
        raise PamphletError(Problem(Location(path), f"not UTF-8 ({exc.reason})", "expected a UTF-8 text file"))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise PamphletError(Problem(Location(path, line), f"invalid YAML: {what}", "expected well-formed YAML"))
    if node is None:
        return LMap()
    problems = Problems()
    value = _convert(node, path, problems)
    problems.raise_if_any()
    return value


_scalars = yaml.SafeLoader("")
# libyaml's parser when PyYAML has it (several times faster); marks are the same.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    value = _scalars.construct_object(node)
    if isinstance(value, str):
        value = LStr(value)
        value.line = line
    return value

"""Values named on the command line: languages, layouts, print profiles,
brands and the fixed choices (``--scheme``, ``--sheet``, ...), checked
before any work is done.

A wrong value is a usage error (exit status 2): it names what was not
found, suggests the likely one (``zh-hans`` -> ``zh-Hans``) and lists what
is available. The command line turns ``UnknownChoice`` into click's error
for the option.
"""

from __future__ import annotations

from pathlib import Path

import click

from .suggest import did_you_mean


class UnknownChoice(ValueError):
    """A value on the command line that names nothing available."""


def pick(value: str, available: list[str], what: str, absent: str = "") -> tuple[str, ...]:
    """The values of a comma list (or 'all'), each one of ``available``;
    ``absent`` says why a known value is not available (``{}``: the values)."""
    if value == "all":
        return tuple(available)
    chosen = tuple(dict.fromkeys(v.strip() for v in value.replace(" ", ",").split(",") if v.strip()))
    expected = f"expected one of: {', '.join(available)}, or all"
    if not chosen:
        raise UnknownChoice(f"no {what} given; {expected}")
    unknown = [v for v in chosen if v not in available]
    if unknown:
        if absent:
            raise UnknownChoice(f"{absent.format(', '.join(unknown))}; {expected}")
        named = ", ".join(v + did_you_mean(v, available) for v in unknown)
        raise UnknownChoice(f"unknown {what} {named}; {expected}")
    return chosen


def pick_one(value: str, available: list[str], what: str) -> str:
    """Exactly one of ``available``."""
    value = value.strip()
    if value in available:
        return value
    expected = f"expected one {what}: {', '.join(available)}"
    if "," in value or value == "all":
        raise UnknownChoice(f"{value!r} names more than one; {expected}")
    raise UnknownChoice(f"unknown {what} {value}{did_you_mean(value, available)}; {expected}" if value else f"no {what} given; {expected}")


def profiles(value: str) -> tuple[str, ...]:
    """--print: profile names in profiles/, a comma list, or 'all'."""
    from .profiles import available_profiles

    return pick(value, available_profiles(), "print profile")


def profile(value: str) -> str:
    from .profiles import available_profiles

    return pick_one(value, available_profiles(), "print profile")


def brands(value: str) -> tuple[str, ...]:
    """--brand: names in brands/, paths to brand files, folders (every brand
    file in it), comma separated; 'all' is every brand in brands/."""
    from .partner.brand import available_brands

    known = available_brands()
    expected = f"expected one of: {', '.join(known)}, all, a brand .yaml file or a folder of them"
    chosen: list[str] = []
    for entry in (v.strip() for v in value.split(",")):
        if not entry:
            continue
        if entry == "all":
            chosen += known
        elif Path(entry).is_dir():
            found = available_brands(Path(entry))
            if not found:
                raise UnknownChoice(f"{entry} holds no brand files; expected *.yaml files in it")
            chosen += found
        elif entry.endswith((".yaml", ".yml")):
            if not Path(entry).is_file():
                raise UnknownChoice(f"brand file {entry} not found; {expected}")
            chosen.append(entry)
        elif entry in known:
            chosen.append(entry)
        else:
            raise UnknownChoice(f"unknown brand {entry}{did_you_mean(entry, known)}; {expected}")
    if not chosen:
        raise UnknownChoice(f"no brand given; {expected}")
    return tuple(dict.fromkeys(chosen))


class Choice(click.Choice):
    """click's fixed choices, with the likely one suggested for a wrong value."""

    def get_invalid_choice_message(self, value, ctx) -> str:
        said = super().get_invalid_choice_message(value, ctx).rstrip(".")
        return said + did_you_mean(str(value), [str(c) for c in self.choices]) + "."

"""Typed settings read from ``config.toml`` (tomllib).

Every setting has a default, so a missing file is fine. Unknown keys and bad values raise
ConfigError naming the file, the line, the key and what was expected.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ConfigError


@dataclass(frozen=True)
class RefreshConfig:
    """How feeds and pages are fetched."""

    concurrency: int = 16
    """Feeds fetched at once."""
    per_host: int = 4
    """At most this many connections to one host."""
    timeout: float = 20.0
    """Seconds before one request gives up."""
    max_bytes: int = 10_000_000
    """Largest feed or page accepted, in bytes; larger responses end in an error."""
    full_text: bool = True
    """Fetch and clean each new story's web page (per feed: `reader feed-set`)."""
    auto_minutes: int = 0
    """Refresh all feeds in the app every N minutes (0 = never)."""
    workers: int = 2
    """Processes used for parsing, cleaning and entity recognition."""


@dataclass(frozen=True)
class DisplayConfig:
    """How articles are shown."""

    width: int = 88
    """Longest line of article text, in cells."""
    related: bool = True
    """Show the related-stories panel beside the article."""
    highlight: bool = True
    """Colour the people, organisations and places in the article."""


@dataclass(frozen=True)
class Config:
    """All settings. ``keys`` maps binding ids to keys (Textual keymap)."""

    theme: str = "reader-dark"
    """Theme name (bundled or in the config dir's themes/ folder)."""
    refresh: RefreshConfig = field(default_factory=RefreshConfig)
    display: DisplayConfig = field(default_factory=DisplayConfig)
    keys: dict[str, str] = field(default_factory=dict)
    """Key bindings by id, e.g. ``next_unread = "n,ctrl+n"``."""
    path: Path | None = None


_SECTIONS = {"refresh": RefreshConfig, "display": DisplayConfig}


def _line_of(text: str, key: str) -> int | None:
    # [ \t]* rather than \s*: \s would run over blank lines and report the line above.
    k = re.escape(key)
    pattern = re.compile(rf"^[ \t]*(?:\"?{k}\"?[ \t]*=|\[[ \t]*{k}[ \t]*\])", re.M)
    m = pattern.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _where(path: Path, text: str, key: str) -> str:
    line = _line_of(text, key.rsplit(".", 1)[-1])
    return f"{path}:{line}" if line else str(path)


def _check(path: Path, text: str, dotted: str, value: Any, default: Any) -> Any:
    kind = type(default)
    if kind is bool:
        ok = isinstance(value, bool)
        expected = "true or false"
    elif kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        expected = "a whole number >= 0"
    elif kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
        expected = "a number > 0"
        value = float(value) if ok else value
    else:
        ok = isinstance(value, str) and value != ""
        expected = "a non-empty string"
    if not ok:
        raise ConfigError(
            f"{_where(path, text, dotted)}: {dotted} = {value!r}: expected {expected}"
        )
    return value


def _build(cls: type, data: dict, path: Path, text: str, prefix: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in fields or key == "path":
            known = ", ".join(n for n in fields if n != "path")
            raise ConfigError(
                f"{_where(path, text, dotted)}: unknown key {dotted!r} (known: {known})"
            )
        default = getattr(cls(), key)
        if key in _SECTIONS and prefix == "":
            if not isinstance(value, dict):
                raise ConfigError(f"{_where(path, text, dotted)}: [{key}] must be a table")
            values[key] = _build(_SECTIONS[key], value, path, text, f"{key}.")
        elif key == "keys" and prefix == "":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(
                    f"{_where(path, text, dotted)}: [keys] must map binding ids to key strings"
                )
            values[key] = dict(value)
        else:
            values[key] = _check(path, text, dotted, value, default)
    return cls(**values)


def load_config(path: Path) -> Config:
    """Read settings from ``path``; a missing file gives the defaults."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    config = _build(Config, data, path, text, "")
    return dataclasses.replace(config, path=path)

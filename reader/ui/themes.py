"""Themes are TOML files turned into ``textual.theme.Theme`` with reader's entity colours.

A theme file::

    name = "reader-dark"
    dark = true
    [colors]        # Textual's theme colours: primary (required), secondary, accent, ...
    primary = "#5fafd7"
    [entities]      # reader's variables: entity-person, entity-org, ... (all optional)
    person = "#e5c07b"
    [variables]     # any other Textual CSS variables (optional)

Bundled themes live in ``themes/``; user themes in the config dir's ``themes/``. A bad file is
reported by name and skipped, never fatal. The chosen theme is remembered in the state file.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader import paths
from reader.models import ENTITY_LABELS

DEFAULT_THEME = "reader-dark"
COLOR_KEYS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)
#: Entity colours for themes that define none (Textual's built-in themes).
ENTITY_DEFAULTS = {
    "entity-person": "#e5c07b",
    "entity-org": "#61afef",
    "entity-place": "#98c379",
    "entity-group": "#c678dd",
    "entity-event": "#e06c75",
    "entity-work": "#56b6c2",
    "entity-other": "#abb2bf",
}


class ThemeError(ValueError):
    """A theme file that cannot be used."""


@dataclass
class LoadedThemes:
    themes: list[Theme] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _at(path: Path, key: str) -> str:
    """``name:line`` of the first ``key = ...`` in the theme file (the name alone if absent)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return path.name
    m = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", text, re.M)
    return f"{path.name}:{text.count(chr(10), 0, m.start()) + 1}" if m else path.name


def _colour(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{_at(path, key)}: {key} must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{_at(path, key)}: {key} = {value!r} is not a colour") from None
    return value


def theme_from_toml(path: Path) -> Theme:
    """Read one theme file; raises ThemeError with the file's name and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeError(f"{path.name}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{path.name}: not valid TOML: {exc}") from None
    name = data.get("name") or path.stem
    if not isinstance(name, str):
        raise ThemeError(f"{_at(path, 'name')}: name must be a string")
    colors = data.get("colors", {})
    if not isinstance(colors, dict) or "primary" not in colors:
        raise ThemeError(f"{path.name}: [colors] with at least primary is required")
    unknown = set(colors) - set(COLOR_KEYS)
    if unknown:
        raise ThemeError(f"{_at(path, min(unknown))}: unknown colours {sorted(unknown)}")
    kwargs = {k: _colour(path, k, v) for k, v in colors.items()}
    entities = data.get("entities", {})
    bad = set(entities) - set(ENTITY_LABELS)
    if bad:
        raise ThemeError(f"{_at(path, min(bad))}: unknown entity types {sorted(bad)}")
    variables = {f"entity-{k}": _colour(path, k, v) for k, v in entities.items()}
    extra = data.get("variables", {})
    if not isinstance(extra, dict) or not all(isinstance(v, str) for v in extra.values()):
        raise ThemeError(f"{path.name}: [variables] must map names to strings")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"{_at(path, 'dark')}: dark must be true or false")
    return Theme(name=name, dark=dark, variables={**extra, **variables}, **kwargs)


def load_themes(dirs: list[Path] | None = None) -> LoadedThemes:
    """Bundled themes, then the user's (a user theme may replace a bundled one by name)."""
    dirs = dirs if dirs is not None else [paths.bundled_themes_dir(), paths.user_themes_dir()]
    loaded = LoadedThemes()
    for folder in dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                loaded.themes.append(theme_from_toml(path))
            except ThemeError as exc:
                loaded.errors.append(f"theme {exc}")
    return loaded


def load_state() -> dict:
    """The small UI state remembered between runs ({} when missing or unreadable)."""
    try:
        data = json.loads(paths.state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(**changes: object) -> None:
    """Merge ``changes`` into the state file (best effort: a read-only disk is not fatal)."""
    state = {**load_state(), **changes}
    path = paths.state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def initial_theme(config_theme: str, available: set[str]) -> str:
    """The theme to start with: the one last chosen in the app, unless the config changed."""
    state = load_state()
    remembered = state.get("theme")
    if remembered in available and state.get("config_theme") == config_theme:
        return remembered
    if config_theme in available:
        return config_theme
    return DEFAULT_THEME if DEFAULT_THEME in available else "textual-dark"

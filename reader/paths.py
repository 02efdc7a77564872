"""Where reader keeps its files (XDG dirs through platformdirs)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP = "reader"


def data_dir() -> Path:
    """The user data dir: ``$XDG_DATA_HOME/reader`` on Linux."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """The user config dir: ``$XDG_CONFIG_HOME/reader`` on Linux."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "reader.db"


def default_config_path() -> Path:
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    """Extra themes the user adds (one TOML file per theme)."""
    return config_dir() / "themes"


def state_path() -> Path:
    """Small UI state remembered between runs (chosen theme ...)."""
    return data_dir() / "state.json"


def bundled_themes_dir() -> Path:
    """Themes shipped with reader: ``themes/`` in a checkout, ``reader/_themes`` when installed."""
    here = Path(__file__).resolve().parent
    installed = here / "_themes"
    if installed.is_dir():
        return installed
    return here.parent / "themes"

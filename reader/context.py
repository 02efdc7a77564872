"""What every command gets: settings, where the cache is, and the store (opened lazily)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.config import Config


@dataclass
class Context:
    """Resolved settings and paths for one run of reader."""

    config: Config
    db_path: Path
    config_path: Path
    _store: object | None = field(default=None, repr=False)

    @property
    def store(self):  # -> reader.store.Store (imported lazily: keeps --help fast)
        if self._store is None:
            from reader.store import Store

            self._store = Store.open(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()  # type: ignore[attr-defined]
            self._store = None

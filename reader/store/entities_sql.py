"""SQL for named entities: mentions per article, canonical entities, entity -> articles.

(Stub: the entities work fills this in.)
"""

from __future__ import annotations

import sqlite_utils

from reader.models import EntitySpan


class EntitiesSQL:
    db: sqlite_utils.Database

    def _write_mentions(self, article_id: int, spans: list[EntitySpan]) -> None:
        """Replace the article's mentions; the caller holds the transaction."""
        return None

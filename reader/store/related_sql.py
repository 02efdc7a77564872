"""SQL for related stories: stored term statistics and candidate queries.

(Stub: the related-stories work fills this in.)
"""

from __future__ import annotations

from typing import Any

import sqlite_utils


class RelatedSQL:
    db: sqlite_utils.Database

    def _write_terms(self, article_id: int, terms: Any) -> None:
        """Replace the article's stored term data; the caller holds the transaction."""
        return None

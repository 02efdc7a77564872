"""SQL for refresh: inserting and updating entries, saving cleaned text and its analysis.

(Stub: the refresh work fills this in.)
"""

from __future__ import annotations

import sqlite_utils


class IngestSQL:
    db: sqlite_utils.Database

"""Refresh from the app: ``reader refresh --progress-json`` in a subprocess.

Fetching, parsing, cleaning and entity recognition are CPU-heavy; in a child process they
never freeze the screen, and the app imports none of that machinery. Each stdout line is one
JSON event (``feed``, ``articles``, ``done`` ...); a failed run ends with a ``failed`` event.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

from reader.sanitize import clean_line


def refresh_argv(db_path: Path, config_path: Path | None, feed_id: int | None = None) -> list[str]:
    """The command line of a refresh of one feed or all."""
    argv = [sys.executable, "-m", "reader", "--db", str(db_path)]
    if config_path is not None:
        argv += ["--config", str(config_path)]
    argv += ["refresh", "--progress-json"]
    if feed_id is not None:
        argv.append(str(feed_id))
    return argv


async def run_refresh(argv: Sequence[str]) -> AsyncIterator[dict]:
    """Run ``argv`` and yield its JSON events; the process is ended if the caller stops."""
    proc = await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    # stderr is read alongside stdout, so a chatty child can never fill the pipe and block.
    stderr_task = asyncio.ensure_future(proc.stderr.read())  # type: ignore[union-attr]
    try:
        assert proc.stdout is not None
        async for raw in proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if isinstance(event, dict):
                yield event
        code = await proc.wait()
        err = (await stderr_task).decode("utf-8", "replace").strip().splitlines()
        if code != 0:
            yield {
                "event": "failed",
                "code": code,
                "message": clean_line(err[-1] if err else f"refresh exited with {code}"),
            }
    finally:
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 5)
            except TimeoutError:
                proc.kill()
        stderr_task.cancel()

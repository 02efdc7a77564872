"""``reader refresh``: fetch feeds and new stories' pages into the cache."""

from __future__ import annotations

import argparse
import json
import sys
import time


def register(sub) -> None:
    parser = sub.add_parser(
        "refresh",
        help="fetch new articles from all (or some) feeds",
        description=(
            "Fetch all feeds, or the FEEDs given (id, URL or title prefix), store new and"
            " updated articles, fetch and clean each new article's web page (unless"
            " --feeds-only or switched off in the config or per feed), and tag people,"
            " organisations and places. Feeds that asked to be left alone (Retry-After) or"
            " keep failing are skipped until their wait is over. Prints a progress bar on a"
            " terminal (stderr) and a summary; exit code 0 even when some feeds failed."
        ),
    )
    parser.add_argument("feeds", nargs="*", metavar="FEED", help="feed id, URL or title prefix")
    parser.add_argument(
        "--feeds-only",
        action="store_true",
        help="fetch feeds only: no article pages, and entity tagging left to the next refresh",
    )
    parser.add_argument(
        "--progress-json",
        action="store_true",
        help="print one JSON object per line on stdout for each feed and a final summary",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:
    from reader.errors import ReaderError
    from reader.services.refresh import refresh

    feed_ids = None
    if args.feeds:
        feed_ids = []
        for spec in args.feeds:
            feed_ids.append(ctx.store.resolve_feed(spec).id)
    ctx.close()  # the refresh opens its own connection (in its writer thread)
    if args.progress_json:
        show = _JsonProgress()
    elif args.quiet:
        show = None
    elif sys.stderr.isatty():
        show = _Bar()
    else:
        show = _Lines()
    try:
        summary = refresh(ctx.db_path, ctx.config, feed_ids, args.feeds_only, show)
    except OSError as exc:
        raise ReaderError(f"refresh failed: {exc}") from None
    if show is not None and hasattr(show, "close"):
        show.close()
    if args.progress_json:
        return 0
    if args.json:
        from reader.output import print_json

        print_json(summary.to_dict())
        return 0
    print(_summary_line(summary))
    return 0


def _summary_line(s) -> str:
    parts = [
        f"{s.feeds} feeds",
        f"{s.new} new articles",
        f"{s.updated} updated",
        f"{s.unchanged} unchanged",
        f"{s.errors} errors",
    ]
    if s.gone:
        parts.append(f"{s.gone} gone")
    if s.skipped:
        parts.append(f"{s.skipped} skipped")
    if s.pages or s.pages_failed:
        parts.append(f"{s.pages} pages ({s.pages_failed} failed)")
    return ", ".join(parts) + f" in {s.seconds:.1f} s"


def _result_line(result) -> str:
    from reader.sanitize import clean_line

    what = result.status
    if result.new or result.updated:
        what = f"{result.new} new, {result.updated} updated"
    line = f"{result.feed_id}: {result.url}: {what}"
    if result.error:
        line += f": {result.error}"
    return clean_line(line)


class _JsonProgress:
    """--progress-json: one JSON object per line on stdout (the app reads these)."""

    def __call__(self, event) -> None:
        if event.event == "feed":
            r = event.result
            obj = {
                "event": "feed",
                "feed_id": r.feed_id,
                "url": r.url,
                "status": r.status,
                "new": r.new,
                "updated": r.updated,
                "error": r.error,
                "done": event.done,
                "total": event.total,
            }
        elif event.event == "articles":
            obj = {"event": "articles", "done": event.done, "total": event.total}
        elif event.event == "done":
            obj = {"event": "done", **event.summary.to_dict()}
        else:
            obj = {"event": event.event, "stage": event.stage, "total": event.total}
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()


class _Lines:
    """Not a terminal: a plain line per failed feed and at every tenth of the way (stderr)."""

    def __init__(self) -> None:
        self.step: dict[str, int] = {}

    def __call__(self, event) -> None:
        if event.event not in ("feed", "articles"):
            return
        if event.event == "feed" and event.result.status in ("error", "gone"):
            print(_result_line(event.result), file=sys.stderr)
        step = event.done * 10 // max(event.total, 1)
        if step != self.step.get(event.event):
            self.step[event.event] = step
            print(f"{event.event}: {event.done}/{event.total}", file=sys.stderr)


class _Bar:
    """A progress bar on stderr, redrawn at most 10 times a second."""

    def __init__(self) -> None:
        self.last = 0.0
        self.new = 0
        self.errors = 0
        self.shown = False

    def __call__(self, event) -> None:
        if event.event == "feed":
            self.new += event.result.new
            self.errors += event.result.status == "error"
            label = "feeds"
        elif event.event == "articles":
            label = "articles"
        else:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and event.done < event.total:
            return
        self.last = now
        total = max(event.total, 1)
        width = 30
        filled = int(width * min(event.done, total) / total)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(
            f"\r[{bar}] {event.done}/{event.total} {label}  {self.new} new  {self.errors} errors"
            "\x1b[K"
        )
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()

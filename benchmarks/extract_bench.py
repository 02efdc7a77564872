"""Cleaning quality and speed: reader's cleaner vs plain readability-lxml, on both datasets.

Runs ``../shared/bench/extract_eval.py`` (the Scrapinghub benchmark's metric: 4-token shingle
precision / recall / F1 averaged per page) on

- ``scrapinghub-article-extraction-benchmark`` (181 news pages, human ground truth), and
- the 94 real pages of ``mozilla-readability-test-pages`` (``real-pages.txt``),

for three extractors:

- ``baseline``: readability-lxml's ``Document(html).summary()`` HTML, turned into text by the
  scorer's own block-aware converter (the figure the issue quotes);
- ``reader``: ``reader.extract`` with the numbered-link markers left out of the text (the
  markers are a display choice, not article text: "[3]" would count as a word);
- ``reader+refs``: ``reader.extract.clean_html(...).text`` exactly as stored, markers included.

Usage: python benchmarks/extract_bench.py [--shared ../shared] [--only reader] [--limit N]
Prints one line per (dataset, extractor) with P, R, F1 and milliseconds per page.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve()
DEFAULT_SHARED = HERE.parents[2] / "shared"


# -- extractors (imported by the scorer through --func benchmarks/extract_bench.py:NAME) ------


def baseline(html: str, url: str | None = None) -> str:
    """readability-lxml as it comes: summary HTML (the scorer converts it to text)."""
    from readability import Document

    return Document(html, url=url or None).summary(html_partial=True)


def reader_text(html: str, url: str | None = None) -> str:
    """reader's cleaner, link markers left out."""
    from reader.extract.article import extract_article

    return extract_article(html, url or None, link_refs=False).text


def reader_refs(html: str, url: str | None = None) -> str:
    """reader's cleaner, text exactly as stored (with ``[n]`` link markers)."""
    from reader.extract import clean_html

    return clean_html(html, url or None).text


EXTRACTORS = {
    "baseline": ("baseline", True),
    "reader": ("reader_text", False),
    "reader+refs": ("reader_refs", False),
}


def datasets(shared: Path) -> list[tuple[str, Path, list[str]]]:
    data = shared / "datasets"
    moz = data / "mozilla-readability-test-pages"
    return [
        ("scrapinghub (181)", data / "scrapinghub-article-extraction-benchmark", []),
        ("mozilla real (94)", moz, ["--ids", str(moz / "real-pages.txt")]),
    ]


def run_one(scorer: Path, folder: Path, extra: list[str], name: str, limit: int | None):
    func, html_output = EXTRACTORS[name]
    cmd = [sys.executable, str(scorer), str(folder), "--func", f"{HERE}:{func}", "--worst", "0"]
    cmd += extra
    if html_output:
        cmd.append("--html-output")
    if limit:
        cmd += ["--limit", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"scorer failed for {name} on {folder.name}:\n{proc.stderr[-2000:]}")
    figures: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("precision", "recall", "F1"):
            figures[parts[0]] = float(parts[1])
        # "time      median 96.6 ms/page, mean 180.1 ms/page, errors 0"
        timing = re.match(r"time\s+median ([\d.]+) ms/page, mean ([\d.]+) ms/page", line)
        if timing:
            figures["median_ms"] = float(timing.group(1))
            figures["mean_ms"] = float(timing.group(2))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    parser.add_argument("--limit", type=int, help="only the first N pages of each dataset")
    args = parser.parse_args(argv)
    scorer = args.shared / "bench" / "extract_eval.py"
    if not scorer.exists():
        raise SystemExit(f"no scorer at {scorer} (give --shared)")
    names = args.only or list(EXTRACTORS)
    print(
        f"{'dataset':<20} {'extractor':<12} {'P':>7} {'R':>7} {'F1':>7}"
        f" {'median ms':>10} {'mean ms':>8}"
    )
    for label, folder, extra in datasets(args.shared):
        for name in names:
            f = run_one(scorer, folder, extra, name, args.limit)
            print(
                f"{label:<20} {name:<12} {f.get('precision', 0):7.4f} {f.get('recall', 0):7.4f}"
                f" {f.get('F1', 0):7.4f} {f.get('median_ms', 0):10.1f} {f.get('mean_ms', 0):8.1f}",
                flush=True,
            )
    print("(ms: time per page of the extractor alone, as the scorer measures it)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

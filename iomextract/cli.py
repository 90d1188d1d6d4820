"""The ``iomextract`` command: a thin layer over the importable API.

Exit status: 0 all inputs parsed, 1 some failed (each failure reported on stderr; for ``batch``, also a run stopped
by a full disk, an unwritable output or dying workers: run it again with --resume), 2 usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import api
from .evaluate import evaluate


def _parse_command(args: argparse.Namespace) -> int:
    try:
        published = api.normalise_published(args.published)
    except (TypeError, ValueError) as err:
        print(f"iomextract parse: {err}", file=sys.stderr)
        return 2
    failures = 0
    indent = 2 if args.pretty else None
    for name in args.inputs:
        try:
            source = sys.stdin.buffer.read() if name == "-" else Path(name)
            if name != "-" and not source.is_file():
                raise FileNotFoundError(f"no such file: {name}")
            record = api.parse(source, published=published).to_dict()
        except Exception as err:  # one bad input must not stop the others; it is reported and counted
            failures += 1
            print(f"iomextract parse: {name}: {type(err).__name__}: {err}", file=sys.stderr)
            continue
        record["source"] = {"file": name}
        print(json.dumps(record, ensure_ascii=False, indent=indent), flush=True)
    return 1 if failures else 0


def _eval_command(args: argparse.Namespace) -> int:
    report = evaluate(args.corpus, keep_errors=args.errors)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(report.table())
    if args.errors:
        for error in report.errors:
            print(json.dumps(error, ensure_ascii=False), file=sys.stderr)
    return 1 if report.crashed else 0


def _batch_command(args: argparse.Namespace) -> int:
    try:
        from . import batch
    except ImportError as err:  # pyarrow, warcio or tqdm missing
        print(f"iomextract batch: {err}; install the extra: pip install 'iomextract[batch]'", file=sys.stderr)
        return 2
    try:
        options = batch.ReadOptions(field=args.field, date_fields=tuple(args.date_fields or ("published", "date")),
                                    max_bytes=args.max_bytes, max_ratio=args.max_ratio,
                                    warc_date=not args.no_warc_date)
        summary = batch.run(args.inputs, args.output, fmt=args.format, options=options, published=args.published,
                            workers=args.workers, batch_size=args.batch_size, resume=args.resume,
                            overwrite=args.overwrite, progress=not args.quiet)
    except (batch.BatchUsageError, ValueError) as err:
        print(f"iomextract batch: {err}", file=sys.stderr)
        return 2
    except (batch.BatchOutputError, batch.BatchWorkerError) as err:  # disk full, unwritable output, dying workers
        print(f"iomextract batch: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("iomextract batch: interrupted; run the same command with --resume to finish", file=sys.stderr)
        return 130
    if not args.quiet:
        print(summary.text(), file=sys.stderr)
    return 1 if summary.total_failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="iomextract", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse releases and print one JSON record per input (JSON Lines)")
    p.add_argument("inputs", nargs="+", metavar="FILE", help="text or HTML files; '-' reads standard input")
    p.add_argument("--pretty", action="store_true", help="indent the JSON (one record spans several lines)")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date anchoring dates without a year")
    p.set_defaults(run=_parse_command)
    e = sub.add_parser("eval", help="score iomextract on an annotated corpus (gold/ and raw/ folders)")
    e.add_argument("corpus", metavar="CORPUS_DIR")
    e.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    e.add_argument("--errors", action="store_true", help="print each document's errors on stderr")
    e.set_defaults(run=_eval_command)
    b = sub.add_parser("batch", help="parse folders, archives, JSON Lines and WARC files into JSON Lines, Parquet or CSV")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help="folders, .zip, .tar(.gz/.bz2/.xz), .jsonl(.gz), "
                   ".warc(.gz), .json, .txt or .html files")
    b.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="out.jsonl, out.jsonl.gz, or a folder out.parquet / out.csv for the tidy tables")
    b.add_argument("--format", choices=("jsonl", "parquet", "csv"), help="output format (default: from OUT's name)")
    b.add_argument("--field", default="text", help="JSON field holding the text or HTML (default: text)")
    b.add_argument("--date-field", action="append", dest="date_fields", metavar="NAME",
                   help="JSON field giving the publication date; repeat for fallbacks (default: published, date)")
    b.add_argument("--max-bytes", type=int, default=10_000_000, help="documents larger than this become errors")
    b.add_argument("--max-ratio", type=float, default=100.0,
                   help="compressed members expanding more than this many times become errors (default 100)")
    b.add_argument("--no-warc-date", action="store_true", help="do not use WARC-Date (the capture date) as a fallback publication date")
    b.add_argument("--published", metavar="YYYY-MM-DD", help="publication date of documents whose metadata has none")
    b.add_argument("--workers", type=int, default=1, help="parse in N processes (default 1)")
    b.add_argument("--batch-size", type=int, default=32, help="documents parsed and committed together")
    b.add_argument("--resume", action="store_true", help="finish an interrupted run of the same command")
    b.add_argument("--overwrite", action="store_true", help="replace the results of an earlier run")
    b.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    b.set_defaults(run=_batch_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

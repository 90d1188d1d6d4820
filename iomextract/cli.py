"""The ``iomextract`` command: a thin layer over the importable API.

Exit status: 0 all inputs parsed, 1 some failed (each failure reported on stderr), 2 usage error.
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

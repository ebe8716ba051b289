"""The ``dltrends`` command (also ``python -m dltrends``).

    dltrends pipeline [CHAPTER ...] [--jobs N] [--no-build]   re-execute, write data/derived, build
    dltrends chapter NAME [-p KEY VALUE ...] [-o OUT.ipynb]   one chapter with other parameters
    dltrends build                                            build the site from the notebooks
    dltrends bench [--build-only]                             times and sizes (changes no file)

Run it inside a clone of the book's repository (or set ``DLTRENDS_ROOT``).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from dltrends.checks import DltrendsError


def _value(text: str) -> object:
    """A parameter value: a Python literal (3, 2.5, True, None, 'x'), else the text."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dltrends", description="Build and check the book 'What deep learning costs to run'."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = commands.add_parser("pipeline", help="re-execute every chapter, write data/derived, build the site")
    p.add_argument("chapters", nargs="*", help="chapter names (default: all, in table-of-contents order)")
    p.add_argument(
        "--jobs", type=int, default=None, help="chapters executed at once (default: CPUs, at most 4)"
    )
    p.add_argument("--no-build", action="store_true", help="execute only, do not build the site")

    c = commands.add_parser("chapter", help="execute one chapter with other parameters into a new notebook")
    c.add_argument("name", help="chapter name, e.g. energy")
    c.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("KEY", "VALUE"),
        help="a parameter of the chapter's parameters cell (VALUE is a Python literal or text)",
    )
    c.add_argument(
        "-o", "--output", type=Path, default=None, help="where to write (default: ./NAME-run.ipynb)"
    )

    commands.add_parser("build", help="build the site from the committed notebooks (warnings are errors)")

    b = commands.add_parser("bench", help="time the build and the pipeline, size the pages (changes no file)")
    b.add_argument("--build-only", action="store_true", help="skip the full pipeline")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``dltrends`` command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        from dltrends.build import pipeline
        from dltrends.build.paths import find_root
    except ImportError as error:
        print(
            f"error: {error}. The build commands need the book's extras: pip install 'dltrends[book]'",
            file=sys.stderr,
        )
        return 1
    try:
        root = find_root()
        if args.command == "pipeline":
            return pipeline.main(args.chapters, jobs=args.jobs, no_build=args.no_build, root=root)
        if args.command == "chapter":
            known = pipeline.chapters_in_toc_order(root / "book")
            if args.name not in known:
                print(f"unknown chapter {args.name!r}; known: {', '.join(known)}", file=sys.stderr)
                return 2
            output = (args.output or Path(f"{args.name}-run.ipynb")).resolve()
            if output.parent == (root / "book").resolve():
                print("write the run elsewhere than book/ (the book's own notebooks)", file=sys.stderr)
                return 2
            parameters = {key: _value(value) for key, value in args.parameter}
            pipeline.execute_to(args.name, root / "book", output, parameters)
            print(f"wrote {output}")
            return 0
        if args.command == "build":
            return pipeline.build(root)
        from dltrends.build import bench

        return bench.main(root, build_only=args.build_only)
    except pipeline.ChapterFailed as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    except DltrendsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1

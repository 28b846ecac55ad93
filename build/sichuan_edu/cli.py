"""Command line: `python -m sichuan_edu build --seeds seeds --db sichuan_edu.db`."""
from __future__ import annotations

import argparse
import sys

from .pipeline import main_build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sichuan-edu", description="Build the sichuan-edu database from page files.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the SQLite database from a seeds folder")
    b.add_argument("--seeds", default="seeds", help="folder with page files (*.txt) and manifest.csv (default: seeds)")
    b.add_argument("--db", default="sichuan_edu.db", help="database to write (default: sichuan_edu.db)")
    args = parser.parse_args(argv)
    if args.command == "build":
        return main_build(args.seeds, args.db)
    return 1


if __name__ == "__main__":
    sys.exit(main())

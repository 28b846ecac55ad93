"""Command line: `python -m sichuan_edu build --seeds seeds --db sichuan_edu.db`.

Each command imports what it needs when it runs (the parser, jieba and Datasette take a fifth of a second
or more to import), so `--help` and a mistyped option answer at once."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["serve"]:  # its options pass through to `datasette serve`, so it parses its own
        from .serve import main as serve_main

        return serve_main(argv[1:])
    parser = argparse.ArgumentParser(prog="sichuan-edu", description="Build the sichuan-edu database from page files.")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the SQLite database from a seeds folder")
    b.add_argument("--seeds", default="seeds", help="folder with page files (*.txt) and manifest.csv (default: seeds)")
    b.add_argument("--db", default="sichuan_edu.db", help="database to write (default: sichuan_edu.db)")
    b.add_argument("--workers", type=int, default=1, help="processes parsing pages (default: 1)")
    b.add_argument("--cache", default=None, help="folder caching each page's rows (default: none)")
    b.add_argument("--full", action="store_true", help="always rebuild from scratch (no append to the old database)")
    sub.add_parser("serve", add_help=False,
                   help="serve the site in one process per core (sichuan-edu serve --help; takes `datasette serve`'s options)")
    e = sub.add_parser("explain", help="show where each line of a page went (role and row)")
    e.add_argument("page", help="a page file")
    e.add_argument("--paper", default=None, help="the paper's name, as in the manifest (helps find furniture)")
    e.add_argument("--pdf-page", type=int, default=1, help="for a PDF: which page (default: 1)")
    args = parser.parse_args(argv)
    if args.command == "build":
        from .pipeline import main_build

        return main_build(args.seeds, args.db, workers=args.workers, cache=args.cache, incremental=not args.full)
    if args.command == "explain":
        from pathlib import Path

        from .explain import explain
        from .knowledge import load_knowledge
        from .parse import parse_page

        path = Path(args.page)
        if path.suffix.lower() == ".pdf":
            from .pdf_layout import parse_pdf_page

            print(explain(parse_pdf_page(path, args.pdf_page, load_knowledge(), paper=args.paper)[0]))
            return 0
        print(explain(parse_page(path.name, path.read_bytes(), load_knowledge(), paper=args.paper)))
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""sichuan-edu: Sichuan education newspaper pages as an open SQLite dataset.

The build reads top to bottom as the data flows:
manifest -> pages (bytes -> numbered lines) -> lines (pieces and their measures) -> order (reading order)
-> roles (a role for every piece) -> blocks (articles, headlines placed) -> furniture -> articles / tables /
people / institutions / places (pure parsing) -> load (sqlite-utils) -> schema.
"""

"""sichuan-edu: Sichuan education newspaper pages as an open SQLite dataset.

The build reads top to bottom as the data flows:
manifest -> pages (bytes -> lines) -> blocks (lines -> source lines, bodies, headlines, tables)
-> articles / tables / people / institutions / places (pure parsing) -> load (sqlite-utils) -> schema.
"""

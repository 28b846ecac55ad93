"""Errors that speak to the user: file, line, message."""
from __future__ import annotations


class BuildError(Exception):
    """A problem with the input that stops the build."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line, self.message = str(file), line, message
        super().__init__(str(self))

    def __reduce__(self):  # so an error raised in a worker process reaches the main one intact
        return (BuildError, (self.file, self.line, self.message))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

"""Reading and writing the files the command line is given, and its progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

__all__ = ["CliError", "Progress", "read_text", "write_text"]


class CliError(Exception):
    """A bad option or file: shown as one line, and the command exits with status 2."""


def read_text(path: Path) -> str:
    """The UTF-8 text of a file, line ends as written; a problem is one :class:`CliError`."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        msg = f"{path}: no such file"
    except IsADirectoryError:
        msg = f"{path}: is a folder, not a file"
    except UnicodeDecodeError as error:
        msg = f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8"
    except OSError as error:
        msg = f"{path}: cannot be read: {error.strerror or error}"
    raise CliError(msg)


def write_text(path: Path | None, text: str) -> None:
    """Write text to a file (UTF-8, line ends as given), or to standard output for None."""
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        # newline="": the text's own line ends, so CSV's \r\n is not doubled on Windows.
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        msg = f"{path}: cannot be written: {error.strerror or error}"
        raise CliError(msg) from None


class Progress:
    """A one-line progress bar on a terminal; nothing when the stream is not one."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        """Show progress over ``total`` steps, when there are several and it is a terminal."""
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.shown = total > 1 and self.stream.isatty()

    def step(self, done: int, label: str) -> None:
        """Show that ``done`` steps are finished and the next is ``label``."""
        if not self.shown:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r\033[K[{bar}] {done}/{self.total} {label}")
        self.stream.flush()

    def close(self) -> None:
        """Clear the bar."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

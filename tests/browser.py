"""Headless Chromium for the tests that check what a browser shows (Debian's package)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As root, without the sandbox; without the background services that would reach out to a
# network this machine does not have.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
#: Under CI the browser is installed by .ci/run, so a missing one is a failure, not a skip.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (Debian package 'chromium')",
)


def run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with a fresh profile folder and ``extra`` flags."""
    assert CHROMIUM is not None, "Chromium is required under CI"
    return subprocess.run(  # noqa: S603 - a fixed browser binary on a file the test wrote
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

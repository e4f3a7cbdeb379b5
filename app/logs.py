"""The log file: a rotating file in the user's data folder, set up at start by the window
and the command line, and the one place an unexpected error is written down in full.

`start(part)` sets up the file (once per process); `unexpected(exc)` logs an error nobody
expected with its traceback and returns the log file's path, for the message that names it.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from app import identity, paths

LOG_NAME = "boardpack.log"
MAX_BYTES = 1_000_000
KEEP = 5  # boardpack.log.1 ... .5: a few weeks of an officer's use, a few MB at most

log = logging.getLogger("boardpack")
_handler: logging.Handler | None = None


def log_file() -> Path:
    return paths.user_log_dir() / LOG_NAME


def start(part: str) -> Path | None:
    """Log to the rotating file from now on; `part` ("window", "command line") is said in the
    first line. Returns the file, or None if it cannot be written (the app runs without)."""
    global _handler
    target = log_file()
    if _handler is not None and Path(getattr(_handler, "baseFilename", "")) == target:
        return target
    stop()
    import logging.handlers  # here, not at import: the window starts the log after painting

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    _handler = handler
    log.info("%s %s (%s) started, Python %s", identity.NAME, identity.VERSION, part,
             sys.version.split()[0])
    return target


def stop() -> None:
    """Stop writing the log file (tests, and a second `start` with other folders)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def unexpected(exc: BaseException, where: str = "") -> Path:
    """Write an unexpected error and its traceback to the log; the log file's path."""
    if _handler is None:  # before the window started it: never lose a traceback
        start("before the log was started")
    log.error("Unexpected error%s: %s: %s", f" in {where}" if where else "",
              type(exc).__name__, exc, exc_info=(type(exc), exc, exc.__traceback__))
    return log_file()

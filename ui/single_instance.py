"""One Boardpack window per user: a second launch hands its file to the running one.

Double-clicking a plan while Boardpack runs would otherwise start a rival process that finds
the file locked. The running app listens on a local socket (a named pipe on Windows) whose
name is private to the user; a new launch first asks it to open the path
(`ask_running_window_to_open`) and exits if it agreed. Anything that wants "the other window
has it" (e.g. reopening a plan another window holds) can make the same request.

The request is one line of JSON, {"open": PATH or null, "read_only": BOOL}; the answer is
"ok". The answer is sent before the file is opened, so a question the window asks (a locked
file, a damaged one) never keeps the new launch waiting.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app import paths

ANSWER = b"ok\n"


def server_name() -> str:
    """Per user and per data folder, so two users (or two test runs) never meet."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        user = ""
    key = f"{user}\0{paths.user_data_dir().absolute()}".encode()
    return f"boardpack-{hashlib.sha256(key).hexdigest()[:16]}"


def ask_running_window_to_open(path: str | Path | None, read_only: bool = False,
                               timeout_ms: int = 3000, name: str | None = None) -> bool:
    """Ask the running Boardpack to open `path` (or, with None, just to come forward).
    True if it took the request; False if none is running or it did not answer."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    request = {"open": str(Path(path).absolute()) if path is not None else None,
               "read_only": read_only}
    socket.write(json.dumps(request).encode() + b"\n")
    socket.waitForBytesWritten(timeout_ms)
    answer = b""
    while not answer.endswith(b"\n"):
        # The answer may have come in already (while the request was being written).
        if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
            break
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == ANSWER


class OpenRequests(QObject):
    """The running app's side: listens, and emits `open_requested(path, read_only)` for each
    request (path "" to just come forward), and for each file macOS asks the app to open."""

    open_requested = Signal(str, bool)

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. False if another live instance already has the name (asked
        first: on Unix Qt would silently take the name over, and Windows allows several
        pipes of one name)."""
        if _answers(self.name):
            return False
        # Whatever is left is a socket file of a process that died: nobody answers on it.
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # macOS hands a double-clicked document to the running app as an event, not argv.
        if event.type() == QEvent.Type.FileOpen:
            self.open_requested.emit(event.file(), False)
            return True
        return super().eventFilter(watched, event)

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.setParent(self)
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.readAll().data())
        if b"\n" not in buffer:
            return
        try:
            request = json.loads(bytes(buffer).split(b"\n", 1)[0])
            path = request.get("open") or ""
            read_only = bool(request.get("read_only", False))
            if not isinstance(path, str):
                raise TypeError(path)
        except (ValueError, TypeError, AttributeError):
            socket.disconnectFromServer()
            return
        socket.write(ANSWER)
        socket.flush()
        QTimer.singleShot(0, lambda: self.open_requested.emit(path, read_only))


def _answers(name: str) -> bool:
    """Whether a live instance answers on `name` (connects at all)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(500)
    socket.abort()
    return alive


def serve(window, requests: OpenRequests) -> None:
    """Let `requests` reach `window`: open the path asked for, and come to the front."""

    def bring_up(path: str, read_only: bool) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if path:
            window.file_actions.open_path(path, read_only=read_only)

    requests.open_requested.connect(bring_up)
    app = QCoreApplication.instance()
    if app is not None:
        app.installEventFilter(requests)

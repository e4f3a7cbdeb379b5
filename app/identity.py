"""What the app is called, for people and for operating systems: one home for the name,
the version and the identifiers the desktop, the installer and the file type share."""

from __future__ import annotations

from app import __version__

NAME = "Boardpack"
VERSION = __version__
#: Reverse-DNS id: the .desktop file, AppStream metainfo, icon and macOS bundle id.
APP_ID = "org.boardpack.Boardpack"
#: The plan file type: extension and MIME type (Linux), UTI (macOS), ProgID (Windows).
FILE_EXTENSION = ".boardpack"
FILE_MIME_TYPE = "application/x-boardpack"
FILE_UTI = "org.boardpack.plan"
FILE_DESCRIPTION = "Boardpack plan"

"""Boardpack's core. Its name and version live here, in one place: pyproject.toml reads
`__version__` (setuptools dynamic version), and the command line, the About box and the
bundle all read it from here (importlib.metadata would need the installed metadata, which a
PyInstaller bundle does not carry)."""

__version__ = "0.1.0"

"""Each test has its own settings and data folders, even after earlier tests used Qt's."""

from PySide6.QtCore import QSettings

from app import paths
from ui.application import make_app
from ui.preferences import Preferences


def _inside(path, folder) -> bool:
    return str(path).startswith(str(folder) + "/")


def test_settings_preferences_and_user_data_live_in_this_tests_folders(qtbot, user_folders):
    make_app()
    config = user_folders["XDG_CONFIG_HOME"]
    assert _inside(QSettings().fileName(), config)
    assert _inside(Preferences.path(), config)
    assert _inside(paths.user_sample_path(), user_folders["XDG_DATA_HOME"])


def test_settings_written_by_one_test_are_not_seen_by_the_next(qtbot, user_folders):
    make_app()
    assert QSettings().value("window/geometry") is None
    QSettings().setValue("window/geometry", b"from this test")
    QSettings().sync()
    assert _inside(QSettings().fileName(), user_folders["XDG_CONFIG_HOME"])


def test_and_the_next_test_starts_with_no_settings(qtbot):
    make_app()
    assert QSettings().value("window/geometry") is None

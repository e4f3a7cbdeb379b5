"""The plan-file lock seam: importing the store needs no POSIX module, and the Windows lock
(msvcrt, faked here) locks a byte SQLite never reads and unlocks it again."""

import json
import subprocess
import sys
import textwrap

from db import file_lock
from db import store as db_store

NO_FCNTL = "import sys\nsys.modules['fcntl'] = None  # as on Windows: `import fcntl` fails\n"

# A stand-in for Windows' msvcrt that records each locking() call with the descriptor's
# position (msvcrt locks from there) and, like Windows, refuses a range another handle holds.
FAKE_MSVCRT = NO_FCNTL + textwrap.dedent("""
    import errno, os, types
    calls, held = [], set()
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = 0, 1, 2

    def locking(fd, mode, nbytes):
        position = os.lseek(fd, 0, os.SEEK_CUR)
        calls.append([mode, position, nbytes])
        key = (os.fstat(fd).st_ino, position, nbytes)
        if mode == msvcrt.LK_NBLCK:
            if key in held:
                raise PermissionError(errno.EACCES, "Permission denied")
            held.add(key)
        elif mode == msvcrt.LK_UNLCK:
            held.remove(key)

    msvcrt.locking = locking
    sys.modules["msvcrt"] = msvcrt
""")


def run_child(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_fcntl_the_store_imports_and_uses_the_windows_lock(plan_file):
    db_store.create(plan_file).close()
    code = FAKE_MSVCRT + textwrap.dedent("""
        import db.store
        from app.domain import PlanFileError, Plan
        from db import file_lock, store
        import app.cli, app.services  # the composition root's import path too
        chosen = file_lock.implementation().__name__
        first = store.open_store(sys.argv[1])
        after_open = list(calls)
        try:
            store.open_store(sys.argv[1])
            second = "opened"
        except PlanFileError as exc:
            second = exc.problem
        with first.transaction():
            first.insert(Plan(title="written under the Windows lock"))
        first.close()
        after_close = list(calls)
        again = store.open_store(sys.argv[1])
        titles = [p.title for p in again.find(Plan)]
        again.close()
        print(json.dumps({"chosen": chosen, "after_open": after_open, "second": second,
                          "after_close": after_close, "titles": titles,
                          "fcntl_loaded": sys.modules.get("fcntl") is not None}))
    """)
    out = run_child("import json\n" + code, str(plan_file))
    assert out["chosen"] == "MsvcrtLock"
    assert not out["fcntl_loaded"]
    byte = 0x40000000 + 512  # just after SQLite's PENDING, RESERVED and SHARED bytes
    assert byte == file_lock.MsvcrtLock.OFFSET
    lock, unlock = [2, byte, 1], [0, byte, 1]
    assert out["after_open"] == [lock]
    # A second writer is refused (its attempt is recorded too) and told it is in use.
    assert out["second"] == "in_use"
    assert out["after_close"] == [lock, lock, unlock]
    assert out["titles"] == ["written under the Windows lock"]


def test_with_no_lock_at_all_the_store_imports_and_opens_read_only(plan_file):
    db_store.create(plan_file).close()
    code = NO_FCNTL + textwrap.dedent("""
        import json
        sys.modules["msvcrt"] = None
        from db import file_lock, store
        s = store.open_store(sys.argv[1], read_only=True)
        read_only = s.read_only
        s.close()
        try:
            file_lock.implementation()
            refusal = ""
        except OSError as exc:
            refusal = str(exc)
        print(json.dumps({"read_only": read_only, "refusal": refusal}))
    """)
    out = run_child(code, str(plan_file))
    assert out["read_only"]
    assert "no file locking" in out["refusal"]


def test_this_platform_gets_its_own_lock():
    if sys.platform == "win32":
        assert file_lock.implementation() is file_lock.MsvcrtLock
    else:
        assert file_lock.implementation() is file_lock.FlockLock

"""The embedded PostgreSQL server: binaries from the `pgserver` package, data under var/pgdata.

Started on first need (see `newsroom.pg.base`), left running for the next command, reused by it.
Only this module starts or stops it; everything here is stdlib until a start is really needed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# sun_path is 108 bytes on Linux (104 on macOS), NUL included; PostgreSQL names its socket .s.PGSQL.5432.
SOCKET_PATH_MAX = 103
SOCKET_NAME = ".s.PGSQL.5432"
SUPERUSER = "postgres"
# As root PostgreSQL refuses to run; it runs as this OS user, the one the pgserver package creates.
SYSTEM_USER = "pgserver"
START_TIMEOUT = 60  # seconds; pg_ctl -t; crash recovery of a dev database fits easily
LOCK_FILE_TAKEN = re.compile(r'lock file ".*" already exists')  # lock file "postmaster.pid" already exists


class EmbeddedPostgresError(RuntimeError):
    """The embedded server could not be brought up; the message says why and what to do."""


@dataclass(frozen=True)
class EmbeddedPostgres:
    """One data directory and the database the project keeps in it."""

    pgdata: Path
    database: str = "newsroom"

    @property
    def socket_dir(self) -> Path:
        """The data directory itself, or a short directory under the temp dir when its path is too long.

        >>> EmbeddedPostgres(Path("/srv/newsroom/var/pgdata")).socket_dir
        PosixPath('/srv/newsroom/var/pgdata')
        """
        if len(os.fsencode(self.pgdata / SOCKET_NAME)) <= SOCKET_PATH_MAX:
            return self.pgdata
        digest = hashlib.sha256(os.fsencode(self.pgdata)).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"newsroom-pg-{digest}"

    @property
    def log_file(self) -> Path:
        return self.pgdata / "server.log"

    def pid(self) -> int | None:
        """The postmaster's pid when a PostgreSQL server is running on this data directory, else None."""
        return self._postmaster()[0]

    def is_ready(self) -> bool:
        """Running, done starting, and its socket is where we look for it."""
        pid, status = self._postmaster()
        return pid is not None and status == "ready" and (self.socket_dir / SOCKET_NAME).exists()

    def ensure_running(self) -> None:
        """Initialise, start and create the database as needed; safe to call from many processes at once."""
        with self._lock():
            self._wait_for_transition()
            if not self.is_ready():
                self._init_if_needed()
                self._start()
            self._create_database_if_missing()

    def stop(self) -> bool:
        """Stop the server (fast shutdown: sessions are ended); True when one was running."""
        with self._lock():
            if self.pid() is None:
                return False
            self._pg_ctl("stop", "-m", "fast", "-w", "-t", str(START_TIMEOUT))
            return True

    def replica_make(self, pgdata: Path) -> EmbeddedPostgres:
        """A streaming replica of this running server in `pgdata` (pg_basebackup -R: a hot standby that
        follows this server, read-only), not started yet: its ensure_running() starts it. For benchmarks and
        trials on one machine; a deployment's replicas are its own PostgreSQL servers."""
        if pgdata.exists() and any(pgdata.iterdir()):
            raise EmbeddedPostgresError(f"{pgdata} is not empty: a replica is made in a new directory")
        _prepare_permissions(pgdata.parent)
        _make_server_dir(pgdata, mode=0o700)
        try:
            self._run(
                _bin("pg_basebackup"),
                *("-h", str(self.socket_dir), "-U", SUPERUSER, "-D", str(pgdata)),
                *("--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast"),
                cwd=pgdata,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            raise EmbeddedPostgresError(f"pg_basebackup failed for {pgdata}:\n{_output(err)}") from err
        # The primary's socket and its lock, copied from its data directory, where it keeps them.
        for copied in (SOCKET_NAME, f"{SOCKET_NAME}.lock"):
            (pgdata / copied).unlink(missing_ok=True)
        return EmbeddedPostgres(pgdata, database=self.database)

    def uri(self, database: str | None = None) -> str:
        """A libpq URI for psql and friends."""
        return f"postgresql://{SUPERUSER}@/{database or self.database}?host={self.socket_dir}"

    # -- internals -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        # Next to the data directory, not in it: `make clean-db` removes the data directory.
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        with open(self.pgdata.parent / f".{self.pgdata.name}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _postmaster(self) -> tuple[int | None, str]:
        """(pid of a live postmaster or None, its status: starting / stopping / ready / standby)."""
        try:
            lines = (self.pgdata / "postmaster.pid").read_text().splitlines()
            pid = int(lines[0])
        except (OSError, ValueError, IndexError):
            return None, ""
        if not _is_postgres_process(pid):
            return None, ""
        # The status is line 8; PostgreSQL writes the file in steps, so a short one is still starting.
        return pid, lines[7].strip() if len(lines) >= 8 else "starting"

    def _wait_for_transition(self) -> None:
        # A server that is starting (another process's start, crash recovery) or stopping: let it settle.
        deadline = time.monotonic() + START_TIMEOUT
        while self._postmaster()[1] in ("starting", "stopping") and time.monotonic() < deadline:
            time.sleep(0.1)

    def _init_if_needed(self) -> None:
        _prepare_permissions(self.pgdata.parent)
        if (self.pgdata / "PG_VERSION").exists():
            return
        if self.pgdata.exists() and any(self.pgdata.iterdir()):
            raise EmbeddedPostgresError(
                f"{self.pgdata} is not empty but holds no PostgreSQL cluster (no PG_VERSION). "
                "Move it away, or remove it with `make clean-db`, and retry."
            )
        logger.info("Creating an embedded PostgreSQL cluster in %s", self.pgdata)
        # initdb into a scratch directory and rename: an interrupted initdb never looks like a cluster.
        scratch = self.pgdata.with_name(f"{self.pgdata.name}.initdb")
        shutil.rmtree(scratch, ignore_errors=True)
        _make_server_dir(scratch, mode=0o700)
        try:
            self._run(
                _bin("initdb"),
                *("-D", str(scratch), "-U", SUPERUSER, "--auth=trust"),
                *("--encoding=UTF8", "--locale=C", "--no-instructions"),
                cwd=scratch,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            shutil.rmtree(scratch, ignore_errors=True)
            raise EmbeddedPostgresError(f"initdb failed for {self.pgdata}:\n{_output(err)}") from err
        if self.pgdata.exists():
            self.pgdata.rmdir()
        scratch.rename(self.pgdata)

    def _start(self) -> None:
        socket_dir = self.socket_dir
        if socket_dir != self.pgdata:
            _make_server_dir(socket_dir, mode=0o755)
        options = " ".join(
            [
                "-c listen_addresses=''",  # unix socket only: nothing to collide with on a port
                f"-c unix_socket_directories={shlex.quote(str(socket_dir))}",
                # Every commit the app reports is on disk: an editor's correction cannot be re-derived from
                # the files. PostgreSQL's defaults (fsync, synchronous_commit on) are kept, and said here.
                "-c fsync=on",
                "-c synchronous_commit=on",
            ]
        )
        logger.info("Starting the embedded PostgreSQL server (%s)", self.pgdata)
        for attempt in (1, 2):
            log_start = self.log_file.stat().st_size if self.log_file.exists() else 0
            try:
                self._pg_ctl("start", "-w", "-t", str(START_TIMEOUT), "-l", str(self.log_file), "-o", options)
                return
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
                self._stop_half_started()
                log = _read_from(self.log_file, log_start)
                if attempt == 1 and LOCK_FILE_TAKEN.search(log) and self._remove_stale_lock_files():
                    continue
                raise EmbeddedPostgresError(
                    f"The embedded PostgreSQL server in {self.pgdata} did not start.\n"
                    f"pg_ctl said: {_output(err)}\n"
                    f"The server log ({self.log_file}) said:\n{log.strip()}\n"
                    "If this persists, `make clean-db` removes the development database and starts afresh."
                ) from None

    def _remove_stale_lock_files(self) -> bool:
        """Remove lock files naming a postmaster that is gone; True when there was one.

        PostgreSQL judges a lock file stale when its pid is dead, but not when the pid was reused by another
        process of the same user, or is a zombie not yet reaped. We look at what the process is.
        """
        removed = False
        for lock in (self.pgdata / "postmaster.pid", self.socket_dir / f"{SOCKET_NAME}.lock"):
            try:
                pid = int(lock.read_text().splitlines()[0])
            except (OSError, ValueError, IndexError):
                continue
            if not _is_postgres_process(pid):
                logger.warning("Removing %s: it names pid %s, which is no PostgreSQL server", lock, pid)
                lock.unlink(missing_ok=True)
                removed = True
        return removed

    def _stop_half_started(self) -> None:
        pid = self.pid()
        if pid is None:
            return
        logger.warning("Stopping a half-started PostgreSQL server (pid %s)", pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGQUIT)  # immediate shutdown
        deadline = time.monotonic() + 10
        while self.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        if self.pid() is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def _create_database_if_missing(self) -> None:
        import psycopg

        with psycopg.connect(self.uri("postgres"), autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.database]).fetchone():
                return
            logger.info("Creating database %s", self.database)
            conn.execute(f'CREATE DATABASE "{self.database}"')

    def _pg_ctl(self, *args: str) -> None:
        self._run(_bin("pg_ctl"), "-D", str(self.pgdata), *args, cwd=self.pgdata)

    @staticmethod
    def _run(*argv: str, cwd: Path) -> None:
        """Run a PostgreSQL program, as the server user when we are root.

        Output goes to files, not pipes: the server that `pg_ctl start` leaves behind could hold a pipe
        open and hang us. cwd is one the server user may enter (it may not enter /root, say).
        """
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        with tempfile.TemporaryFile("w+") as out:
            try:
                subprocess.run(
                    argv,
                    check=True,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    text=True,
                    user=SYSTEM_USER if _is_root() else None,
                    cwd=cwd,
                    env=env,
                    timeout=2 * START_TIMEOUT,
                )
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
                out.seek(0)
                err.output = out.read()
                raise


def _make_server_dir(path: Path, *, mode: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=mode, exist_ok=True)
    if _is_root():
        import pwd

        _ensure_system_user()
        entry = pwd.getpwnam(SYSTEM_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _prepare_permissions(parent: Path) -> None:
    """As root: the server user can reach the binaries (inside .venv) and the data directory's parent."""
    if not _is_root():
        return
    import stat

    ensure_folder_permissions, ensure_prefix_permissions = _pgserver_utils(
        "ensure_folder_permissions", "ensure_prefix_permissions"
    )
    _ensure_system_user()
    ensure_prefix_permissions(parent)
    parent.chmod(parent.stat().st_mode | stat.S_IXGRP | stat.S_IXOTH)
    bin_dir = _bin_dir()
    ensure_prefix_permissions(bin_dir)
    readable = stat.S_IRGRP | stat.S_IROTH
    ensure_folder_permissions(bin_dir, readable | stat.S_IXGRP | stat.S_IXOTH)
    ensure_folder_permissions(bin_dir.parent / "lib", readable)


def _pgserver_utils(*names: str) -> list[Any]:
    # Imported late: only a start needs pgserver. Its import warns about XDG_RUNTIME_DIR, which we don't use.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver.utils

    return [getattr(pgserver.utils, name) for name in names]


def _bin_dir() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgserver._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH)


def _bin(name: str) -> str:
    return str(_bin_dir() / name)


def _ensure_system_user() -> None:
    (ensure_user_exists,) = _pgserver_utils("ensure_user_exists")
    ensure_user_exists(SYSTEM_USER)


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _is_postgres_process(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    if not Path("/proc/self").exists():
        return True  # no /proc (macOS): alive is the best we know
    try:
        argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0]
    except OSError:
        return False  # exited just now
    return os.path.basename(argv0) in (b"postgres", b"postmaster")


def _read_from(path: Path, offset: int) -> str:
    """What was appended to a log file since offset (its last 4 kB at most)."""
    try:
        with open(path, "rb") as log:
            log.seek(max(offset, log.seek(0, os.SEEK_END) - 4096))
            return log.read().decode(errors="replace")
    except OSError:
        return f"({path} could not be read)"


def _output(err: subprocess.CalledProcessError | subprocess.TimeoutExpired) -> str:
    text = err.output if isinstance(err.output, str) else (err.output or b"").decode(errors="replace")
    return text.strip() or str(err)

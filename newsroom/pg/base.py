"""Django's PostgreSQL backend, starting the embedded server on demand (see the package docstring)."""

from __future__ import annotations

import os
import re
from typing import Any

from django.db.backends.postgresql import base, creation
from django.db.backends.postgresql.base import Database

from newsroom.pg.server import EmbeddedPostgres


class DatabaseCreation(creation.DatabaseCreation):
    def _create_test_db(self, verbosity: int, autoclobber: bool, keepdb: bool = False) -> str:
        self._drop_stale_test_databases()
        return super()._create_test_db(verbosity, autoclobber, keepdb)

    def _drop_stale_test_databases(self) -> None:
        # Test databases are named per test process (settings.py): several test runs may share the
        # embedded server. One left by a killed run goes when the next run starts.
        server: EmbeddedPostgres = self.connection.settings_dict["EMBEDDED_POSTGRES"]
        ours = re.compile(rf"test_{re.escape(server.database)}_(\d+)(_\w+)?")  # test_newsroom_4242_gw0
        with self._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database")
            for (name,) in cursor.fetchall():
                match = ours.fullmatch(name)
                if match and not _pid_alive(int(match[1])):
                    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        try:
            return super().get_new_connection(conn_params)
        except Database.OperationalError:
            pass
        # Not started yet, stopped, killed, or the database is missing: fix what can be fixed and retry
        # once. Anything else fails again below with PostgreSQL's own message.
        self.settings_dict["EMBEDDED_POSTGRES"].ensure_running()
        return super().get_new_connection(conn_params)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

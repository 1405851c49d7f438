"""python -m newsroom.pg start|stop|status|uri|destroy: the embedded server by hand."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys

from newsroom.pg.server import EmbeddedPostgres


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsroom.pg", description=__doc__)
    parser.add_argument(
        "action",
        choices=["start", "stop", "status", "uri", "destroy"],
        help="destroy = stop, then delete the data directory (all development data)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings

    server: EmbeddedPostgres | None = settings.DATABASES["default"].get("EMBEDDED_POSTGRES")
    if server is None:
        print("DATABASE_URL is set: there is no embedded server to manage.", file=sys.stderr)
        return 1

    if args.action == "start":
        server.ensure_running()
        print(server.uri())
    elif args.action == "stop":
        print("stopped" if server.stop() else "not running")
    elif args.action == "status":
        pid = server.pid()
        if server.is_ready():
            print(f"running, pid {pid}: {server.uri()}")
            return 0
        print(f"pid {pid}, not ready (starting or stopping)" if pid else "not running")
        return 3
    elif args.action == "uri":
        print(server.uri())
    else:
        server.stop()
        for path in {
            server.pgdata,
            server.pgdata.with_name(f"{server.pgdata.name}.initdb"),
            server.socket_dir,
        }:
            shutil.rmtree(path, ignore_errors=True)
        print(f"removed {server.pgdata}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A real PostgreSQL server for the storage and report tests, started on loopback.

``pg_server`` (session scope) runs initdb into a temporary folder and starts
the server on a free port with its unix socket in that folder; when the
tests run as root, the server runs as the 'postgres' user (initdb refuses
root). ``pg_url`` gives each test a fresh, empty database. Tests are skipped,
with the reason shown, only when no server can be started at all.

``pg_data_dir`` is the server's data folder, for tests that read raw files.

Use in a test module: ``from tests.conftest_pg import pg_server, pg_url  # noqa: F401``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

def _pg_bin() -> Path:
    """SIMULATOR_PG_BIN, else the newest Debian PostgreSQL installed (/usr/lib/postgresql/<version>/bin)."""
    if os.environ.get("SIMULATOR_PG_BIN"):
        return Path(os.environ["SIMULATOR_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
DATA_DIRS: dict[str, Path] = {}
"""Server base URL -> its data folder (tests that read the raw table and WAL files)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--", *cmd]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Base URL (without database) of a running PostgreSQL server."""
    initdb, pg_ctl = PG_BIN / "initdb", PG_BIN / "pg_ctl"
    if not initdb.exists() or not pg_ctl.exists():
        pytest.skip(f"PostgreSQL binaries not found in {PG_BIN}: PostgreSQL tests skipped")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: PostgreSQL tests skipped")
    if os.geteuid() == 0:
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server: PostgreSQL tests skipped")
    root = Path(tempfile.mkdtemp(prefix="simulator-pg-", dir="/tmp"))
    os.chmod(root, 0o755)
    data, sock = root / "data", root / "sock"
    data.mkdir()
    sock.mkdir()
    if os.geteuid() == 0:
        for p in (root, data, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    run = dict(capture_output=True, text=True, timeout=60)
    res = subprocess.run(_as_user([str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                   "--no-sync", "--locale=C"]), **run)
    if res.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"initdb failed, PostgreSQL tests skipped: {res.stderr.strip()[:200]}")
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60"
    res = subprocess.run(_as_user([str(pg_ctl), "-D", str(data), "-l", str(root / 'pg.log'), "-o", opts, "-w", "start"]), **run)
    if res.returncode != 0:
        text = (root / "pg.log").read_text(errors="replace") if (root / "pg.log").exists() else res.stderr
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL server did not start, tests skipped: {text.strip()[-200:]}")
    base = f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    DATA_DIRS[base] = data
    try:
        yield base
    finally:
        subprocess.run(_as_user([str(pg_ctl), "-D", str(data), "-m", "immediate", "stop"]), **run)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_data_dir(pg_server: str) -> Path:
    """The data folder of the test server (table files under base/, WAL under pg_wal/)."""
    return DATA_DIRS[pg_server]


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """URL of a fresh, empty database on the test server (dropped afterwards)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    admin = pg_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{pg_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

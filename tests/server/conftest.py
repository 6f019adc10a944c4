"""Real servers for the server tests: the app on uvicorn on loopback, and a PostgreSQL the suite starts.

``serve(app)`` runs an app on uvicorn in a thread (as ``agentkit serve`` does, minus the signal
handlers) and returns its base URL; the server stops, letting requests finish, when the test ends.
``postgres_url`` is a throwaway PostgreSQL cluster (initdb + pg_ctl from Debian's packages) in a
temporary directory on a free port, for the session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

Serve = Callable[[Any], str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1 in a background thread."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="on",
            timeout_graceful_shutdown=10,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start (see the log above)")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def serve() -> Iterator[Serve]:
    """``serve(app)`` → the base URL of ``app`` running on uvicorn; stopped at the end of the test."""
    running: list[ServerThread] = []

    def start(app: Any) -> str:
        server = ServerThread(app).start()
        running.append(server)
        return server.url

    yield start
    for server in reversed(running):
        server.stop()


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for this session: ``postgresql://agentkit@127.0.0.1:PORT/agentkit``."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip(
            "PostgreSQL's binaries are missing (/usr/lib/postgresql/*/bin): "
            "install Debian's postgresql package (scripts/system-packages)"
        )
    # not under pytest's temporary directory: as root the cluster runs as the postgres user, who must reach it
    root = Path(tempfile.mkdtemp(prefix="agentkit-postgres-"))
    data, port = root / "data", free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser: cannot start PostgreSQL as another user")
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], check=False, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{args[0]} failed ({done.returncode}): {done.stderr or done.stdout}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "agentkit", "--auth=trust", "-E", "UTF8", "--no-sync")
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "log"),
        "-w",
        "-t",
        "60",
        "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        run(str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "agentkit", "agentkit")
        yield f"postgresql://agentkit@127.0.0.1:{port}/agentkit"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)

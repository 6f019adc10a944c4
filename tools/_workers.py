"""A small pool of long-lived worker processes where the tools' computations run under a hard time limit.

Why processes: sympy and the other libraries catch broad exceptions, so an exception raised by a timer can
be swallowed and the computation carries on (a quartic ran 250 s in ``checksol`` that way); and some work
sits in C code that no signal interrupts. A process can always be killed. Why long-lived: forking a process
per call costs ~25 ms, and forking a process that has other threads (OpenTelemetry's exporter, a server's
own) is unsafe. So the workers are forked by a *zygote*: a single-threaded process started once from a
fresh interpreter (``subprocess``, fork+exec, safe from any thread) that imports sympy, pint and the
caller's tool modules, calls each module's ``warm_worker()`` if it has one (a pint registry, sympy's lazily
imported solvers: built once here, not inside a first call's time limit), and then only forks, so a new
worker is ready in milliseconds. Unlike
``multiprocessing``'s forkserver and spawn, nothing re-runs the caller's ``__main__`` script in a worker
(a user's script without an ``if __name__ == "__main__"`` guard stays safe).

`WorkerPool.run` sends ``fn(*args)`` (pickled; ``fn`` by reference) to an idle worker over its own socket
and waits at most ``seconds`` for the answer; past that, the worker is killed at once (SIGKILL) and a fresh
one takes its slot at the next call. A worker that dies (out of memory, a crash) costs only its own call.
Workers and the zygote exit when this process closes their sockets, at the latest when it exits.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from agentkit.errors import LimitExceeded, TimeLimitExceeded

__all__ = ["WorkerPool", "in_worker", "pool"]

# and whatever the caller imported from agentkit.tools (see `_preload`); the registry's warm_worker() imports
# every built-in family, so a pool started before the caller imported any still has them all
_PRELOADED = ("sympy", "pint", "agentkit.tools.registry")
_STOP_SECONDS = 2.0
# the workers compute in one thread; native libraries must not start thread pools in the zygote before it forks
_SINGLE_THREADED = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

_IN_WORKER = False


def in_worker() -> bool:
    """Whether this process is one of the pool's workers (a nested limit runs inline: the outer one holds)."""
    return _IN_WORKER


@dataclass
class _Worker:
    pid: int
    conn: Connection  # this process's end of the worker's socket


class WorkerPool:
    """At most ``size`` worker processes, started on demand; thread-safe.

    Args:
        size: the most workers alive at once; a call waits for an idle one beyond that.
        preload: modules the zygote imports once, so that the workers it forks have them.
    """

    def __init__(self, size: int, preload: Sequence[str] = ()) -> None:
        if size < 1:
            raise ValueError(f"a worker pool needs at least one worker, got size={size!r}")
        self.size = size
        self._zygote = _Zygote(list(preload))
        self._idle: list[_Worker] = []
        self._alive = 0
        self._closed = False
        self._ready = threading.Condition()

    def run(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> Any:
        """``fn(*args)`` in a worker; its exception is raised here as it was raised there.

        Raises:
            TimeLimitExceeded: no answer within ``seconds`` (the worker was killed).
            LimitExceeded: the worker died during the call.
        """
        worker = self._sent(fn, args)
        try:
            if not worker.conn.poll(seconds):
                raise TimeLimitExceeded("computation timed out")
            ok, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._discard(worker)
            raise LimitExceeded("the computation stopped its worker process (it ran out of memory or crashed)") \
                from exc
        except BaseException:
            self._discard(worker)
            raise
        self._release(worker)
        if ok:
            return value
        raise value

    def _sent(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> _Worker:
        """A worker that has received the call; idle workers that died meanwhile are replaced."""
        while True:
            worker, fresh = self._acquire()
            try:
                worker.conn.send((fn, args))
                return worker
            except OSError:
                self._discard(worker)
                if fresh:  # a worker just started cannot take a call: something is wrong with the system
                    raise
            except BaseException:
                self._release(worker)  # pickling failed before anything was written: the worker is intact
                raise

    def prestart(self) -> None:
        """Start one worker (and the zygote, the first time) in a background thread, so that the first
        computation does not wait for sympy to load; does nothing once a worker is alive."""
        with self._ready:
            if self._alive or self._closed:
                return
        threading.Thread(target=self._warm, name="agentkit-tool-worker-start", daemon=True).start()

    def _warm(self) -> None:
        try:
            self._release(self._acquire()[0])
        except Exception:  # noqa: BLE001 - the first real call starts a worker and reports the failure
            pass

    def close(self) -> None:
        """Stop the idle workers and the zygote; busy workers stop as their calls end. Idempotent."""
        with self._ready:
            self._closed = True
            idle, self._idle = self._idle, []
            self._ready.notify_all()
        for worker in idle:
            worker.conn.close()  # the worker reads EOF and exits
        self._zygote.close()

    def _acquire(self) -> tuple[_Worker, bool]:
        """An idle worker, or a new one (then ``True``) while fewer than ``size`` are alive; else wait."""
        with self._ready:
            while True:
                if self._closed:
                    raise RuntimeError("the tools' worker pool is shut down (the interpreter is exiting)")
                if self._idle:
                    return self._idle.pop(), False
                if self._alive < self.size:
                    self._alive += 1
                    break
                self._ready.wait()
        try:
            return self._start(), True
        except BaseException:
            with self._ready:
                self._alive -= 1
                self._ready.notify()
            raise

    def _release(self, worker: _Worker) -> None:
        with self._ready:
            if not self._closed:
                self._idle.append(worker)
                self._ready.notify()
                return
        worker.conn.close()

    def _discard(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.conn.close()
        with self._ready:
            self._alive -= 1
            self._ready.notify()

    def _start(self) -> _Worker:
        pid, conn = self._zygote.fork()
        return _Worker(pid=pid, conn=conn)


class _Zygote:
    """The single-threaded process that forks the workers, started on first use (and again if it died)."""

    def __init__(self, preload: list[str]) -> None:
        self._preload = preload
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None

    def fork(self) -> tuple[int, Connection]:
        """A new worker: its pid and this process's end of its socket."""
        with self._lock:
            for attempt in (1, 2):
                if self._control is None:
                    self._start()
                ours, theirs = socket.socketpair()
                try:
                    socket.send_fds(self._control, [b"f"], [theirs.fileno()])
                    reply = self._control.recv(16)
                except OSError:
                    reply = b""
                finally:
                    theirs.close()
                if len(reply) == 8:
                    return int.from_bytes(reply, "little"), Connection(ours.detach())
                ours.close()
                self._stop()  # the zygote died: start another once
            raise RuntimeError("the tools' worker processes could not be started (see the errors above)")

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        code = f"from {__name__} import _zygote_main; _zygote_main()"
        env = {**os.environ, **_SINGLE_THREADED}
        setup = json.dumps({"fd": theirs.fileno(), "sys_path": sys.path, "preload": self._preload})
        self._process = subprocess.Popen([sys.executable, "-c", code, setup], pass_fds=[theirs.fileno()],
                                         stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        self._control = ours

    def _stop(self) -> None:
        if self._control is not None:
            self._control.close()  # the zygote reads EOF and exits
            self._control = None
        if self._process is not None:
            try:
                self._process.wait(_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None


def _zygote_main() -> None:
    """The zygote: import the preloads, then fork a worker for each socket received, until EOF."""
    setup = json.loads(sys.argv[1])
    sys.path[:] = setup["sys_path"]
    for name in setup["preload"]:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that does not import is imported (and fails) in the worker
            pass
    _warm()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the system, never zombies
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=setup["fd"])
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
        except OSError:
            return
        if not message or not fds:
            return
        pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                _serve(Connection(fds[0]))
            finally:
                os._exit(0)
        os.close(fds[0])
        control.sendall(pid.to_bytes(8, "little"))


def _warm() -> None:
    """Call every loaded tool module's ``warm_worker()`` once, also those a hook itself imports (the registry's
    imports the built-in families): caches every worker would otherwise build inside its first time limit."""
    called: set[str] = set()
    while hooks := [(name, module.warm_worker) for name, module in list(sys.modules.items())
                    if name.startswith("agentkit.tools") and name not in called
                    and callable(getattr(module, "warm_worker", None))]:
        for name, warm in hooks:
            called.add(name)
            try:
                warm()
            except Exception:  # noqa: BLE001 - a cold cache is only slower
                pass


def _serve(conn: Any) -> None:
    """A worker's loop: run each call and send back ``(True, value)`` or ``(False, exception)``."""
    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, fn(*args))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the caller
            reply = (False, _sendable(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # the value does not pickle: a bug in the caller's function
            conn.send((False, _sendable(TypeError(f"the result of {_name(fn)} could not be sent back: {exc}"))))


def _sendable(exc: BaseException) -> BaseException:
    """``exc`` with the worker's traceback as a note, or a `RuntimeError` in its words when it does not pickle."""
    note = "in the tools' worker process:\n" + "".join(traceback.format_exception(exc)).rstrip()
    try:
        exc.add_note(note)
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - an exception type that does not survive pickling
        substitute = RuntimeError(f"{type(exc).__name__}: {exc}")
        substitute.add_note(note)
        return substitute


def _name(fn: Any) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


_pool: WorkerPool | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def pool() -> WorkerPool:
    """The process's pool (made on first use, again in a forked child); ``AGENTKIT_TOOL_WORKERS`` sets its size."""
    global _pool, _pool_pid
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            _pool, _pool_pid = WorkerPool(_size(), _preload()), os.getpid()
        return _pool


def _size() -> int:
    configured = os.environ.get("AGENTKIT_TOOL_WORKERS", "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise ValueError(f"AGENTKIT_TOOL_WORKERS must be a whole number, got {configured!r}") from None
    return max(2, os.cpu_count() or 1)


def _preload() -> list[str]:
    """sympy, pint, and the tool modules this process has imported, for the zygote to import once."""
    tools = sorted(name for name in list(sys.modules) if name.startswith("agentkit.tools.")
                   and getattr(sys.modules[name], "__spec__", None) is not None)
    return [*_PRELOADED, *tools]


@atexit.register
def _shutdown() -> None:
    if _pool is not None and _pool_pid == os.getpid():
        _pool.close()

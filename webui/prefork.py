"""Serving the app from several processes behind one port (gunicorn's pre-fork server, Unix only),
so concurrent searches do not queue behind one process. Each worker builds its own app after the
fork (no index reader is shared between processes) and, like the one-process server, notices on
every search when an ingest committed or a rebuild switched generations."""
from __future__ import annotations

import errno
import socket
import sys
from pathlib import Path

from webui.server import THREADS

__all__ = ["serve_workers"]

# Searching is CPU work: a few threads per process keep a slow search from blocking its worker.
THREADS_PER_WORKER = max(2, THREADS // 2)


def _check_free(host: str, port: int) -> None:
    """OSError now (as the one-process server raises it) rather than gunicorn's retries and log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def serve_workers(root: str | Path, workers: int, host: str = "127.0.0.1", port: int = 8000, announce: str = "",
                  search_seconds: float | None = None) -> None:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        raise OSError(errno.ENOSYS, "--workers needs gunicorn (pip install gunicorn; Unix only)") from None

    config: dict[str, str | float] = {"FUSIEARCHIEF_DATA": str(root)}
    if search_seconds is not None:
        config["SEARCH_SECONDS"] = search_seconds
    _check_free(host, port)
    shown = f"[{host}]" if ":" in host else host

    class Application(BaseApplication):
        def load_config(self) -> None:
            settings = {"bind": f"{shown}:{port}", "workers": workers, "worker_class": "gthread",
                        "threads": THREADS_PER_WORKER, "preload_app": False, "accesslog": None,
                        "loglevel": "warning", "proc_name": "fusiearchief", "timeout": 120}
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self):
            from webui.app import create_app

            return create_app(config)

    if announce:
        print(announce, file=sys.stderr, flush=True)
    print(f"Fusiearchief: http://{shown}:{port}/ ({workers} worker processes)", file=sys.stderr, flush=True)
    Application().run()

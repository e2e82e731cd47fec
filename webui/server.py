"""Serving the app with waitress (a production WSGI server, pure Python)."""
from __future__ import annotations

import sys
from pathlib import Path

THREADS = 6


def make_server(root: str | Path, host: str = "127.0.0.1", port: int = 8000, **config):
    """A waitress server for the data folder, bound but not yet running (port 0 picks a free port;
    .effective_port tells which)."""
    from waitress.server import create_server

    from webui.app import create_app

    app = create_app({"FUSIEARCHIEF_DATA": str(root), **config})
    return create_server(app, host=host, port=port, threads=THREADS, ident="fusiearchief")


def serve(root: str | Path, host: str = "127.0.0.1", port: int = 8000, announce: str = "") -> None:
    """Bind (OSError when the port is taken, before anything is printed), say where, then serve."""
    server = make_server(root, host, port)
    shown = f"[{host}]" if ":" in host else host
    if announce:
        print(announce, file=sys.stderr, flush=True)
    print(f"Fusiearchief: http://{shown}:{server.effective_port}/", file=sys.stderr, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()

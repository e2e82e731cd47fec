"""Serving the app with waitress (a production WSGI server, pure Python)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask

THREADS = 6


class JsonErrorTask(ErrorTask):
    """Waitress's own refusals (headers or body far too large, a malformed request) in the API's
    error shape instead of plain text: the app never saw the request, and for oversized headers
    waitress has replaced its path by '/', so JSON is the one answer fit for every client."""

    def execute(self) -> None:
        error = self.request.error  # type: ignore[attr-defined]  # waitress sets it on requests it refused
        body = json.dumps({"error": {"code": "bad_request" if error.code == 400 else f"http_{error.code}",
                                     "message": f"{error.reason}: {error.body}"}}).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))  # type: ignore[attr-defined]  # a list
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class Channel(HTTPChannel):
    error_task_class = JsonErrorTask


def make_server(root: str | Path, host: str = "127.0.0.1", port: int = 8000, **config):
    """A waitress server for the data folder, bound but not yet running (port 0 picks a free port;
    .effective_port tells which)."""
    from waitress.server import create_server

    from webui.app import create_app

    app = create_app({"FUSIEARCHIEF_DATA": str(root), **config})
    server = create_server(app, host=host, port=port, threads=THREADS, ident="fusiearchief")
    server.channel_class = Channel  # type: ignore[union-attr]  # one address: never a MultiSocketServer
    return server


def serve(root: str | Path, host: str = "127.0.0.1", port: int = 8000, announce: str = "",
          search_seconds: float | None = None) -> None:
    """Bind (OSError when the port is taken, before anything is printed), say where, then serve."""
    config = {"SEARCH_SECONDS": search_seconds} if search_seconds is not None else {}
    server = make_server(root, host, port, **config)
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

"""The web UI (Dutch pages) and JSON API over a data folder, read-only: an ingest may run meanwhile."""
from webui.app import create_app
from webui.server import serve

__all__ = ["create_app", "serve"]

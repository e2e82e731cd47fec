"""The Flask app factory: configuration passed in, never read from globals or the environment."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from indexer.service import SEARCH_SECONDS, Fusiearchief
from webui import errors, formatting, security
from webui.resources import close_reader

DEFAULT_EXPORT_MAX = 1000


def create_app(config: dict | None = None) -> Flask:
    """config: FUSIEARCHIEF_DATA (the data folder root, required), EXPORT_MAX (default 1000),
    SEARCH_SECONDS (the time budget of one search, default 5), and any Flask setting (TESTING, ...)."""
    config = dict(config or {})
    if not config.get("FUSIEARCHIEF_DATA"):
        raise ValueError("create_app needs FUSIEARCHIEF_DATA: the data folder to serve")
    app = Flask(__name__)
    app.config.update(EXPORT_MAX=DEFAULT_EXPORT_MAX, SEARCH_SECONDS=SEARCH_SECONDS, JSON_SORT_KEYS=False,
                      MAX_CONTENT_LENGTH=64 * 1024)
    app.config.update(config)
    app.config["FUSIEARCHIEF_DATA"] = str(Path(config["FUSIEARCHIEF_DATA"]).resolve())
    app.json.ensure_ascii = False  # type: ignore[attr-defined]  # Flask's DefaultJSONProvider has both
    app.json.sort_keys = False  # type: ignore[attr-defined]
    # Autoescaping on for every template (Flask only does it for .html names by default).
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    app.extensions["fusiearchief"] = Fusiearchief(app.config["FUSIEARCHIEF_DATA"],
                                                  search_seconds=app.config["SEARCH_SECONDS"])
    app.teardown_appcontext(close_reader)

    # These add their routes to the pages blueprint.
    from webui import apidocs, exports, feeds, places  # noqa: F401
    from webui.api import api
    from webui.pages import pages

    app.register_blueprint(pages)
    app.register_blueprint(api, url_prefix="/api")
    formatting.register(app)
    security.register(app)
    errors.register(app)
    return app

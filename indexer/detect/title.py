"""The document title: the native title when it means something, else the first heading."""
from __future__ import annotations

import re

_PRODUCER_PREFIX = re.compile(r"^\s*(microsoft\s+(word|powerpoint|excel)\s*-\s*|word\s*-\s*)", re.I)
_MEANINGLESS = re.compile(
    r"^(untitled|naamloos|document\d*|doc\d*|titel|title|no title|geen titel|presentatie\d*|sjabloon|template|"
    r"\(?anonymous\)?|\W*)$", re.I)
_FILE_LIKE = re.compile(r"(\.(docx?|pdf|odt|rtf|txt|html?|xlsx?)$)|^[\w.-]+$")
_SKIP_LINE = re.compile(r"^(datum|kenmerk|pagina|page|ons kenmerk|uw kenmerk|bijlage|aan|van|cc)\b|^\d", re.I)
MAX_TITLE = 200


def _meaningful(title: str) -> bool:
    if not title or _MEANINGLESS.match(title):
        return False
    if _FILE_LIKE.search(title) and not re.search(r"\s", title.strip()):
        return False
    if re.search(r"\.(docx?|pdf|odt)$", title, re.I):
        return False
    return sum(c.isalpha() for c in title) >= 4


def detect_title(text: str, filename: str, native: dict) -> dict:
    raw = native.get("title") if isinstance(native, dict) else None
    if isinstance(raw, str):
        title = " ".join(_PRODUCER_PREFIX.sub("", raw).split())
        if _meaningful(title) and not _PRODUCER_PREFIX.match(raw):
            return {"value": title[:MAX_TITLE], "source": "native"}
    onderwerp = re.search(r"(?:^|\n)\s*onderwerp\s*:\s*([^\n]{4,200})", text[:3000], re.I)
    if onderwerp:
        return {"value": onderwerp.group(1).strip(), "source": "text:onderwerp"}
    for line in text[:3000].splitlines()[:15]:
        line = " ".join(line.split())
        if 4 <= len(line) <= MAX_TITLE and not _SKIP_LINE.match(line) and sum(c.isalpha() for c in line) >= 0.6 * len(line):
            if not re.match(r"^gemeenten?\s", line, re.I):  # a letterhead, not a title
                return {"value": line, "source": "text:heading"}
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem = " ".join(re.sub(r"[_]+", " ", stem).split())
    return {"value": stem or None, "source": "filename"}

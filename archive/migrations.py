"""Catalog schema, as an ordered list of migrations; PRAGMA user_version counts the ones applied."""

MIGRATIONS: list[str] = [
    # 1: documents, provenance, failures, runs, overrides
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        ext TEXT NOT NULL,
        format TEXT,
        mime TEXT,
        pages INTEGER,
        text TEXT,
        native_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        failure_stage TEXT,
        failure_code TEXT,
        failure_message TEXT,
        extractor TEXT,
        extractor_version TEXT,
        detected_json TEXT NOT NULL DEFAULT '{}',
        title TEXT,
        doc_type TEXT,
        doc_date TEXT,
        date_precision TEXT,
        language TEXT,
        issuer TEXT,
        municipalities_json TEXT NOT NULL DEFAULT '[]',
        organisations_json TEXT NOT NULL DEFAULT '[]',
        origins_json TEXT NOT NULL DEFAULT '{}',
        index_dirty INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_status ON documents(status);
    CREATE INDEX documents_dirty ON documents(index_dirty) WHERE index_dirty = 1;

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        options_json TEXT NOT NULL DEFAULT '{}',
        counts_json TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'running'
    );

    CREATE TABLE provenance (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        path TEXT NOT NULL,
        filename TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        seen_at TEXT NOT NULL,
        UNIQUE (path, document_id)
    );
    CREATE INDEX provenance_path ON provenance(path);
    CREATE INDEX provenance_document ON provenance(document_id);

    CREATE TABLE failures (
        path TEXT PRIMARY KEY,
        document_id TEXT REFERENCES documents(id),
        size INTEGER,
        mtime_ns INTEGER,
        stage TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        failed_at TEXT NOT NULL
    );

    CREATE TABLE overrides (
        document_id TEXT NOT NULL REFERENCES documents(id),
        field TEXT NOT NULL,
        value_json TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('supplied', 'corrected')),
        source TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, field)
    );
    """,
    # 2: text recognised by OCR: on how many pages, by which engine and languages, how sure
    """
    ALTER TABLE documents ADD COLUMN ocr_pages INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE documents ADD COLUMN ocr_engine TEXT;
    ALTER TABLE documents ADD COLUMN ocr_languages TEXT;
    ALTER TABLE documents ADD COLUMN ocr_confidence REAL;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

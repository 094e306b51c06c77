"""The shop's tables in SQLite: one connection per use, closed afterwards."""

import contextlib
import sqlite3
from collections.abc import Iterator

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (token TEXT PRIMARY KEY, user TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cart_items (user TEXT NOT NULL, item TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, user TEXT NOT NULL, total INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (order_id TEXT PRIMARY KEY, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (client TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS listeners (id TEXT PRIMARY KEY);
"""


@contextlib.contextmanager
def connect(path: str) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode (each statement is its own transaction, so no
    lock is held while a request or a background task waits for something else)."""
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        yield connection
    finally:
        connection.close()


def create_schema(path: str) -> None:
    """Create the tables that do not exist yet."""
    with connect(path) as db:
        db.executescript(SCHEMA)

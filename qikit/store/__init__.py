"""The durable store: every edit a participant makes is saved at once, with full history."""

from qikit.store.base import (
    Draft,
    HistoryEntry,
    RoomEntry,
    RoomSession,
    Store,
    StoredRecord,
    TeamHistory,
)
from qikit.store.sqlite import SCHEMA_VERSION, SqliteStore, StoreError, default_author, open_store

__all__ = [
    "SCHEMA_VERSION",
    "Draft",
    "HistoryEntry",
    "RoomEntry",
    "RoomSession",
    "SqliteStore",
    "Store",
    "StoreError",
    "StoredRecord",
    "TeamHistory",
    "default_author",
    "open_store",
]

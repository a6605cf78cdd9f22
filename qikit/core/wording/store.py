"""Words said when the computer itself refuses to keep a change: a full disk, a read-only store.

A save shows these in the line under the tool ("Not saved: …"), which adds that the writing is
still in the box. They say what happened in everyday words and who can put it right: neither
fault can be fixed from the page, so the person is sent to their QI lead.
"""

from __future__ import annotations

__all__ = [
    "DISK_FULL",
    "KEPT_ON_SCREEN",
    "OPEN_DISK_FULL",
    "OPEN_READ_ONLY",
    "OPEN_WRITE_FAILED",
    "READ_ONLY",
    "TELL_QI_LEAD",
    "WRITE_FAILED",
]

#: Every fault sentence below says this: the line under the tool then does not also say "try
#: again, or tell your mentor" (trying again cannot help until the QI lead has put it right).
TELL_QI_LEAD = "Tell your QI lead"
#: What the line under the tool adds to a fault sentence.
KEPT_ON_SCREEN = (
    "Your writing is still in the box: keep this page open (or copy your words somewhere "
    "safe) until it is put right."
)

#: A save failed because the disk (or the space this program may use) is full.
DISK_FULL = (
    "The computer's disk is full, so this change was not saved. Tell your QI lead: space "
    "must be made on the disk before anything more can be saved."
)
#: A save failed because the store's file or folder can no longer be written.
READ_ONLY = (
    "The store cannot be written (its file or folder has been made read-only), so this change "
    "was not saved. Tell your QI lead."
)
#: A save failed because the disk refused the write for another reason.
WRITE_FAILED = (
    "The computer could not write this change to its disk (it may be full), so it was not "
    "saved. Tell your QI lead."
)
#: Opening the store failed because the disk is full (``{path}`` is the store file).
OPEN_DISK_FULL = (
    "The store {path} cannot be opened because the computer's disk is full. Nothing was "
    "changed. Tell your QI lead: space must be made on the disk."
)
#: Opening the store failed because its file or folder is read-only.
OPEN_READ_ONLY = (
    "The store {path} cannot be opened: its file or its folder has been made read-only. "
    "Nothing was changed. Tell your QI lead: the store and its folder must be "
    "writable again."
)
#: Opening the store failed because the disk refused a write for another reason.
OPEN_WRITE_FAILED = (
    "The store {path} cannot be opened: the computer could not write to its disk. Nothing "
    "was changed. Tell your QI lead."
)

"""What the commands print when the disk says no: one wording for every command."""

from __future__ import annotations

import sys


def could_not_write(command: str, error: OSError) -> int:
    """Print that ``command`` could not write (naming the file when known); return exit code 1.

    Exit code 1, not 2: this is not a refusal of what was asked, the disk (or a permission)
    said no.
    """
    where = f" {error.filename}" if error.filename else ""
    print(f"{command}: could not write{where}: {error.strerror or error}", file=sys.stderr)
    return 1

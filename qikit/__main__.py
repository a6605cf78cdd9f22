"""``python -m qikit`` runs the qikit command."""

import sys

from qikit.cli import main

sys.exit(main())

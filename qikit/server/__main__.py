"""``python -m qikit.server COHORT_DIR [Voilà flags]``: the server process of ``qikit serve``."""

from qikit.server.app import main

main()

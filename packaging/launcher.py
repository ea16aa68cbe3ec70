"""Entry point of the PyInstaller bundle: the same program as the `rolemap` command."""

import sys

from rolemap.app import main

if __name__ == "__main__":
    sys.exit(main())

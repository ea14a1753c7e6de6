"""python -m magcli"""

from __future__ import annotations

from magcli.cli import main

if __name__ == "__main__":
    main()

"""``python -m analysis``: the command-line interface (see ``analysis.cli``)."""

from analysis.cli import main

raise SystemExit(main())

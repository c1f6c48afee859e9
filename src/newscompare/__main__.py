"""``python -m newscompare``: see :mod:`newscompare.cli`."""

from .cli import main

raise SystemExit(main())

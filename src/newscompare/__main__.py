"""``python -m newscompare``: see :mod:`newscompare.cli`."""

from newscompare.cli import main

raise SystemExit(main())

"""``python -m newscompare``: see :mod:`newscompare.cli`."""

import sys

try:
    from newscompare.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: nothing was started yet
    print("interrupted (Ctrl-C); nothing was done", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())

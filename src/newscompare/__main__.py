"""``python -m newscompare``: see :mod:`newscompare.cli`."""

import signal
import sys

try:
    from newscompare.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: nothing was started yet
    print("interrupted (Ctrl-C); nothing was done", file=sys.stderr)
    raise SystemExit(130) from None

code = main()
# The run is over and its outputs are in place (or untouched): a late Ctrl-C changes nothing.
signal.signal(signal.SIGINT, signal.SIG_IGN)
raise SystemExit(code)

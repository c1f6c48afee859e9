"""``python -m newscompare``: see :mod:`newscompare.cli`."""

import signal
import sys

try:
    from newscompare.cli import main
except KeyboardInterrupt:  # Ctrl-C while the libraries load: nothing was started yet
    print("interrupted (Ctrl-C); nothing was done", file=sys.stderr)
    raise SystemExit(130) from None

try:
    code = main()
except KeyboardInterrupt:
    # main answers a Ctrl-C during the run itself; this is one in the instants around it
    # (while an error or the list of outputs is printed). Staging paths are removed on
    # the way out, so the outputs are either whole in place or as they were.
    print("interrupted (Ctrl-C)", file=sys.stderr)
    raise SystemExit(130) from None
# The run is over and its outputs are in place (or untouched): a late Ctrl-C changes nothing.
signal.signal(signal.SIGINT, signal.SIG_IGN)
raise SystemExit(code)

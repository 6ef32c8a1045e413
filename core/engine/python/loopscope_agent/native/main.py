"""The agent's entry point in native mode, started by the host as

    python3 -c BOOTSTRAP AGENT_DIR        (core/engine/native/native-process.ts)

BOOTSTRAP puts AGENT_DIR first on sys.path and calls main(), which takes the agent's folder
off the path again (the program sees sys.path as under `python3 FILE.py`), reads the run's
options from the host's pipe and runs the program in this process. The process ends with the
program's exit status."""
import json
import os
import signal
import sys

from .host import PipeHost
from .run import NativeRun

# The run replaces os._exit (to report the exit first); the process's own end is this.
_real_exit = os._exit


def main():
    agent_dir = sys.path.pop(0)
    # `python3 -c` put the current folder first: a script's run does not have it.
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)
    if agent_dir in sys.path:
        sys.path.remove(agent_dir)
    # Until the debugger installs its handler, a Pause (SIGINT) must not interrupt the set-up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    host = PipeHost()
    line = host.wait_command()
    options = json.loads(line)
    run = NativeRun(host, options)
    status = run.execute(options["source"])
    host.report_exit(status)
    for stream in (sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    # The interpreter's exit was mimicked by the run (atexit, collection, module teardown).
    _real_exit(status)

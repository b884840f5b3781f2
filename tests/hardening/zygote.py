"""Start the app many times quickly: import it once, then fork it into a new pseudo-terminal per session.

A cold start spends most of its 0.8 s importing Textual and loading the clause library, the same work
every time; a forked copy of a process that already did it asks its first question in 0.2 s. The SIGKILL
test starts a hundred sessions, so it starts them from here (and relaunches to resume cold, as a user
would). Run as a program with the number of a Unix socket: each request on it is a line of JSON,
{"home": ..., "args": [...], "size": [columns, rows]}; the answer is the pid, with the terminal's
master end passed along (SCM_RIGHTS).
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import signal
import socket
import struct
import sys
import termios


def warm_up() -> None:
    import assistant.app
    import assistant.cli
    import assistant.screens.chat
    import assistant.screens.start
    import clauses
    from dialogue.loader import load_interview

    load_interview()
    clauses.load_library()
    assert assistant.cli.main  # the entry point every copy runs


def serve(channel: socket.socket) -> None:
    from assistant.cli import main

    # Killed copies are reaped by the system, not left as zombies; each copy gets the default back.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    stream = channel.makefile("r", encoding="utf-8")
    for line in stream:
        request = json.loads(line)
        pid, master = pty.fork()
        if pid == 0:  # the copy: the app, on the pseudo-terminal's other end
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            channel.close()
            os.environ["POLICY_ASSISTANT_HOME"] = request["home"]
            code = 1
            try:
                code = main(request["args"])
            finally:
                os._exit(code)
        columns, rows = request["size"]
        fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        socket.send_fds(channel, [str(pid).encode()], [master])
        os.close(master)


if __name__ == "__main__":
    warm_up()
    serve(socket.socket(fileno=int(sys.argv[1])))

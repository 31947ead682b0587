#!/usr/bin/env python3
"""SMTP sink for tests: accepts every message on 127.0.0.1:PORT and stores it
in a Maildir (new/ holds one file per message, with X-MailFrom / X-RcptTo /
X-Peer headers added by aiosmtpd). Writes its pid to a file and runs until it
is killed (SIGTERM / SIGINT).

    python scripts/smtp-sink.py --port 2525 --maildir test-output/maildir \
        --pid-file test-output/smtp-sink.pid

PORT, MAILDIR and PID_FILE may also come from the environment.
"""

import argparse
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "2525")))
    parser.add_argument("--maildir", default=os.environ.get("MAILDIR", "test-output/maildir"))
    parser.add_argument("--pid-file", default=os.environ.get("PID_FILE"))
    args = parser.parse_args()

    maildir = os.path.abspath(args.maildir)
    os.makedirs(os.path.dirname(maildir), exist_ok=True)
    # Mailbox creates the Maildir (cur/ new/ tmp/) when missing.
    controller = Controller(Mailbox(maildir), hostname=args.host, port=args.port)
    controller.start()  # raises if the port is taken

    if args.pid_file:
        with open(args.pid_file, "w", encoding="ascii") as f:
            f.write(f"{os.getpid()}\n")

    print(
        f"smtp-sink: listening on {args.host}:{args.port}, Maildir {maildir}",
        flush=True,
    )

    stop = threading.Event()

    def on_signal(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while not stop.wait(3600):
        pass
    controller.stop()
    if args.pid_file:
        try:
            os.remove(args.pid_file)
        except FileNotFoundError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

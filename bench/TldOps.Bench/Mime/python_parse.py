#!/usr/bin/env python3
"""Python's side of the MIME benchmarks: the same work on the same bytes.

Usage: python_parse.py MBOX FILE...
Prints JSON {"corpus_parse": MiB/s, "corpus_decode": MiB/s, "mbox_parse": MiB/s}.
Each figure is the best of three timed runs; a run repeats the work until it has taken at
least two seconds, so start-up and timer resolution do not count. The mbox is split at its
"From " envelope lines by plain byte search (cheaper than the mailbox module), so Python is
not charged for splitting the way the .NET benchmark is.
"""

import email.parser
import email.policy
import json
import sys
import time


def parse(messages):
    parser = email.parser.BytesParser(policy=email.policy.default)
    for data in messages:
        parser.parsebytes(data)


def parse_and_decode(messages):
    parser = email.parser.BytesParser(policy=email.policy.default)
    for data in messages:
        msg = parser.parsebytes(data)
        for part in msg.walk():
            if part.is_multipart():
                continue
            payload = part.get_payload(decode=True) or b""
            if part.get_content_maintype() == "text":
                try:
                    part.get_content()
                except Exception:
                    payload.decode("utf-8", "replace")


def split_mbox(data):
    messages = []
    start = 0
    marker = b"\nFrom bench-"
    while True:
        end = data.find(marker, start + 1)
        if end < 0:
            messages.append(data[start:])
            return messages
        messages.append(data[start:end + 1])
        start = end + 1


def throughput(work, messages):
    size = sum(len(m) for m in messages)
    best = 0.0
    for _ in range(3):
        began = time.perf_counter()
        rounds = 0
        while True:
            work(messages)
            rounds += 1
            elapsed = time.perf_counter() - began
            if elapsed >= 2.0:
                break
        best = max(best, size * rounds / elapsed / 1048576.0)
    return best


def main(argv):
    with open(argv[0], "rb") as handle:
        mbox = split_mbox(handle.read())
    corpus = []
    for path in argv[1:]:
        with open(path, "rb") as handle:
            corpus.append(handle.read())
    result = {
        "corpus_parse": throughput(parse, corpus),
        "corpus_decode": throughput(parse_and_decode, corpus),
        "mbox_parse": throughput(parse, mbox),
    }
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

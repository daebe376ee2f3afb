#!/usr/bin/env python3
"""An independent DKIM verifier for the tests: Debian's python3-dkim (dkimpy).

Usage: dkim_verify.py MESSAGE RECORDS
RECORDS holds one DNS TXT record per line: "<selector>._domainkey.<domain> <record text>".
dkimpy looks keys up through the dnsfunc given here instead of DNS, so nothing leaves the
machine. Prints one line per DKIM-Signature field, "pass" or "fail", and exits 0 only when
every signature passed.
"""

import sys

import dkim


def main(message_path, records_path):
    records = {}
    with open(records_path, "r", encoding="ascii") as handle:
        for line in handle:
            line = line.strip()
            if line:
                name, _, text = line.partition(" ")
                records[name.rstrip(".") + "."] = text.encode("ascii")

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        return records.get(name.rstrip(".") + ".")

    with open(message_path, "rb") as handle:
        message = handle.read()
    checker = dkim.DKIM(message, minkey=1024)
    count = len([h for h in checker.headers if h[0].lower() == b"dkim-signature"])
    ok = count > 0
    for index in range(count):
        try:
            passed = checker.verify(idx=index, dnsfunc=dnsfunc)
        except dkim.DKIMException as exc:  # dkimpy raises for a body hash mismatch
            print("signature %d: %s" % (index, exc), file=sys.stderr)
            passed = False
        print("pass" if passed else "fail")
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

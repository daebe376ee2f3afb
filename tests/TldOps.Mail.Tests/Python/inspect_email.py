#!/usr/bin/env python3
"""The Python side of the MIME differential test.

Parses each file named on the command line with Python's own email package
(email.parser.BytesParser with email.policy.default) and prints, as one JSON
object keyed by file name, the same shape that TldOps' `mail inspect` prints:

    {"headers": [{"name": ..., "value": ...}],
     "parts": [{"path", "contentType", "charset", "disposition", "filename",
                "size", "sha256", "text"}]}

With --mbox every file is split with mailbox.mbox and the value is a list.
Nothing here interprets the result: the C# test compares, and lists every
known difference with its reason.
"""

import email.parser
import email.policy
import hashlib
import json
import mailbox
import sys


def clean(text):
    """Python keeps undecodable header bytes as lone surrogates; JSON wants real text."""
    if text is None:
        return None
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def header_list(msg):
    result = []
    for name, raw in msg._headers:  # raw (name, value) pairs in order, as parsed
        try:
            value = str(msg.policy.header_fetch_parse(name, raw))
        except Exception as exc:  # a bug in the header parser: report the raw text
            value = "".join(str(raw).splitlines()).strip()
            value = value + " [python-error: " + type(exc).__name__ + "]"
        result.append({"name": name, "value": clean(value)})
    return result


def safe(call):
    try:
        return call()
    except Exception as exc:
        return "[python-error: " + type(exc).__name__ + "]"


def walk(part, path, out):
    entry = {
        "path": path,
        "contentType": safe(part.get_content_type),
        "charset": clean(safe(part.get_content_charset)),
        "disposition": safe(part.get_content_disposition),
        "filename": clean(safe(part.get_filename)),
    }
    out.append(entry)
    if part.is_multipart():
        for index, child in enumerate(part.get_payload(), 1):
            walk(child, f"{path}.{index}" if path else str(index), out)
        return
    data = part.get_payload(decode=True)
    if data is None:
        data = b""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    entry["size"] = len(data)
    entry["sha256"] = hashlib.sha256(data).hexdigest()
    if part.get_content_maintype() == "text":
        try:
            text = part.get_content()
        except Exception:
            text = data.decode("utf-8", "replace")
        entry["text"] = clean(text)


def inspect(data):
    msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(data)
    parts = []
    walk(msg, "", parts)
    return {"headers": header_list(msg), "parts": parts}


def main(argv):
    mbox = "--mbox" in argv
    files = [a for a in argv if a != "--mbox"]
    result = {}
    for path in files:
        try:
            if mbox:
                box = mailbox.mbox(path, create=False)
                result[path] = [inspect(box.get_bytes(key)) for key in box.keys()]
                box.close()
            else:
                with open(path, "rb") as handle:
                    result[path] = inspect(handle.read())
        except Exception as exc:
            result[path] = {"error": type(exc).__name__ + ": " + str(exc)}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Python's smtplib as a client of the TldOps SMTP/LMTP server (driven by SmtplibToServerTests).

Usage: smtplib_client.py HOST PORT MODE
Prints one JSON object with what smtplib saw. Exits non-zero on an unexpected error.
"""
import json
import smtplib
import ssl
import sys
from email import policy
from email.message import EmailMessage


def message(subject, body, sender="alice@sender.example", to="bob@test.example"):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    return msg


def esmtp(host, port):
    with smtplib.SMTP(host, port, local_hostname="python.test.example", timeout=30) as smtp:
        code, _ = smtp.ehlo()
        features = sorted(smtp.esmtp_features)
        raw = "Subject: raw\r\n\r\nÜberweisung für Zoë\r\n".encode("utf-8")
        refused = smtp.sendmail("alice@sender.example", ["bob@test.example", "carol@test.example"], raw,
                                mail_options=["BODY=8BITMIME"])
        smtp.send_message(message("second on the same connection", "Hello again."))
        noop = smtp.noop()[0]
    return {"ehlo": code, "features": features, "refused": refused, "noop": noop}


def starttls(host, port):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with smtplib.SMTP(host, port, local_hostname="python.test.example", timeout=30) as smtp:
        smtp.starttls(context=context)
        cipher = smtp.sock.cipher()[0]
        smtp.send_message(message("over tls", "Secret."))
    return {"cipher": cipher}


def smtputf8(host, port):
    with smtplib.SMTP(host, port, local_hostname="python.test.example", timeout=30) as smtp:
        smtp.send_message(message("Grüße", "Καλημέρα", sender="jörg@bücher.example", to="δοκιμή@παράδειγμα.example"))
    return {"sent": True}


def wire(msg):
    # smtplib sends a bytes message unchanged: it must already use CRLF line ends.
    return msg.as_bytes(policy=policy.SMTP)


def barelf(host, port):
    with smtplib.SMTP(host, port, local_hostname="python.test.example", timeout=30) as smtp:
        try:
            # as_bytes() without the SMTP policy ends lines with a bare LF.
            smtp.sendmail("alice@sender.example", ["bob@test.example"], message("bare", "LF only.").as_bytes())
            return {"error": None}
        except smtplib.SMTPDataError as e:
            return {"error": [e.smtp_code, e.smtp_error.decode()], "noop": smtp.noop()[0]}


def lmtp(host, port):
    # smtplib's sendmail() reads a single reply after DATA, so LMTP's one reply per recipient
    # (RFC 2033 section 4.2) is read here with the lower-level calls.
    recipients = ["ok@test.example", "full@test.example"]
    with smtplib.LMTP(host, port, local_hostname="python.test.example", timeout=30) as client:
        client.ehlo_or_helo_if_needed()
        client.mail("alice@sender.example")
        for recipient in recipients:
            client.rcpt(recipient)
        first = client.data(wire(message("lmtp", "Per recipient.")))
        second = client.getreply()
    replies = [first, second]
    return {"replies": {r: [c, m.decode()] for r, (c, m) in zip(recipients, replies)}}


def refused(host, port):
    with smtplib.SMTP(host, port, local_hostname="python.test.example", timeout=30) as smtp:
        partial = smtp.sendmail("alice@sender.example", ["ok@test.example", "gone@test.example"],
                                wire(message("partial", "One of two.")))
        try:
            smtp.sendmail("alice@sender.example", ["gone@test.example"], wire(message("none", "None.")))
            all_refused = None
        except smtplib.SMTPRecipientsRefused as e:
            all_refused = {k: v[0] for k, v in e.recipients.items()}
    return {"partial": {k: [v[0], v[1].decode()] for k, v in partial.items()}, "allRefused": all_refused}


if __name__ == "__main__":
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    print(json.dumps(globals()[mode](host, port)))

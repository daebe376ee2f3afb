"""An aiosmtpd server for SmtpClient tests (AiosmtpdTests), on 127.0.0.1 and a free port.

Usage: aiosmtpd_server.py [--lmtp] [--smtputf8] [--size N] [--auth] [--login-only]
                          [--tls CERT KEY] [--reject-mail LOCALPART] [--reject-rcpt LOCALPART]
Prints the port on the first line, then one JSON line per event:
  {"event": "connect"} and {"event": "message", "from", "to", "options", "tls", "auth", "data"}
(data in base64). Runs until killed.
"""
import argparse
import asyncio
import base64
import json
import ssl
import sys

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, AuthResult


def emit(obj):
    print(json.dumps(obj), flush=True)


class Handler:
    def __init__(self, args):
        self.args = args

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.reject_mail and address.split("@")[0] == self.args.reject_mail:
            return "550 5.7.1 Sender refused by test policy"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.reject_rcpt and address.split("@")[0] == self.args.reject_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        emit({
            "event": "message",
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "options": envelope.mail_options,
            "tls": session.ssl is not None,
            "auth": bool(session.authenticated),
            "data": base64.b64encode(envelope.original_content or envelope.content).decode(),
        })
        if server.__class__ is CountingLMTP:
            return "\r\n".join("250 2.0.0 <%s> delivered" % r for r in envelope.rcpt_tos)
        return "250 2.0.0 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"member" and auth_data.password == b"s3cret pass"
    # handled=False: let aiosmtpd answer 535 itself when the credentials are wrong.
    return AuthResult(success=ok, handled=False)


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        emit({"event": "connect"})
        super().connection_made(transport)


class CountingLMTP(LMTP):
    def connection_made(self, transport):
        emit({"event": "connect"})
        super().connection_made(transport)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lmtp", action="store_true")
    parser.add_argument("--smtputf8", action="store_true")
    parser.add_argument("--size", type=int, default=33554432)
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("--login-only", action="store_true")
    parser.add_argument("--tls", nargs=2)
    parser.add_argument("--reject-mail")
    parser.add_argument("--reject-rcpt")
    args = parser.parse_args()

    kwargs = dict(hostname="aiosmtpd.test.example", data_size_limit=args.size,
                  enable_SMTPUTF8=args.smtputf8, decode_data=False)
    if args.auth:
        kwargs.update(authenticator=authenticator, auth_require_tls=False)
        if args.login_only:
            kwargs.update(auth_exclude_mechanism=["PLAIN"])
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        kwargs.update(tls_context=context)

    factory = CountingLMTP if args.lmtp else CountingSMTP
    handler = Handler(args)
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: factory(handler, loop=loop, **kwargs), host="127.0.0.1", port=0))
    print(server.sockets[0].getsockname()[1], flush=True)
    loop.run_forever()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A counting, optionally throttling, HTTP reverse proxy for AWS API emulators.

Point an AWS client at it (``--endpoint-url http://127.0.0.1:PORT``) and it forwards
every request to ``--upstream`` (moto_server), counting requests per service (the SigV4
signing name) and operation. With ``--rate-per-service N`` it also answers like AWS does
when a caller goes over N requests per second of one service: the protocol's throttling
error (query ``Throttling`` 400, EC2 ``RequestLimitExceeded`` 503, JSON
``ThrottlingException`` 400, REST-JSON ``TooManyRequestsException`` 429, S3 ``SlowDown``
503), so a client's adaptive limits can be tested and measured.

    .venv/bin/python bench/aws_proxy.py --upstream http://127.0.0.1:5000 --port 0 \
        [--rate-per-service N] [--rate SERVICE=N ...] [--log FILE] [--stats FILE]

It prints ``listening on PORT`` once it accepts connections (``--port 0`` picks a free
port). ``GET /_proxy/stats`` answers the counts as JSON; ``POST /_proxy/reset`` zeroes
them. On SIGTERM or SIGINT the counts are written to ``--stats`` (stdout when unset).
``--log`` gets one JSON line per service and second: requests accepted and refused.

Standard library only; one thread per client connection.
"""

import argparse
import http.client
import http.server
import json
import signal
import socketserver
import sys
import threading
import time
import urllib.parse

HOP_HEADERS = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
}


def identify(method, target, headers, body):
    """(service, region, operation, protocol) of a request, from its SigV4 scope and
    the protocol's way of naming the operation."""
    service, region = "unknown", "unknown"
    auth = headers.get("authorization", "")
    if "Credential=" in auth:
        scope = auth.split("Credential=", 1)[1].split(",")[0].split(" ")[0].split("/")
        if len(scope) >= 5:
            region, service = scope[2], scope[3]
    path, _, query = target.partition("?")
    content_type = headers.get("content-type", "")
    if headers.get("x-amz-target"):
        return service, region, headers["x-amz-target"].rsplit(".", 1)[-1], "json"
    if headers.get("smithy-protocol") == "rpc-v2-cbor":
        return service, region, path.rsplit("/", 1)[-1], "cbor"
    if content_type.startswith("application/x-www-form-urlencoded"):
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        action = form.get("Action", [""])[0] or "unknown"
        return service, region, action, "ec2" if service == "ec2" else "query"
    params = urllib.parse.parse_qs(query, keep_blank_values=True)
    if service in ("s3", "s3-control"):
        # S3 names an operation by method, depth and sub-resource: GET /b?policy.
        if path.startswith("/v20180820/"):
            # S3 Control: GET /v20180820/configuration/publicAccessBlock.
            segments = [p for p in path.split("/") if p][:3]
            return "s3-control", region, f"{method} /" + "/".join(segments), "restxml"
        if "x-id" in params:
            op = params["x-id"][0]
        else:
            depth = len([p for p in path.split("/") if p])
            shape = {0: "/", 1: "/bucket"}.get(depth, "/bucket/key")
            keys = sorted(k for k in params if k not in ("prefix", "max-keys", "marker"))
            sub = ("?" + "&".join(keys)) if keys else ""
            op = f"{method} {shape}{sub}"
        return service, region, op, "restxml"
    # restJson1: the method and the path's first segments, without identifiers.
    segments = [p for p in path.split("/") if p][:2]
    return service, region, f"{method} /" + "/".join(segments), "restjson"


THROTTLE = {
    "query": (400, "Throttling"),
    "ec2": (503, "RequestLimitExceeded"),
    "json": (400, "ThrottlingException"),
    "cbor": (400, "ThrottlingException"),
    "restjson": (429, "TooManyRequestsException"),
    "restxml": (503, "SlowDown"),
}


# The XML error document and its content type, per XML protocol.
XML_ERRORS = {
    "query": (
        "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
        "<Message>{message}</Message></Error><RequestId>{request_id}</RequestId>"
        "</ErrorResponse>",
        "text/xml",
    ),
    "ec2": (
        "<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message>"
        "</Error></Errors><RequestID>{request_id}</RequestID></Response>",
        "text/xml",
    ),
    "restxml": (
        "<Error><Code>{code}</Code><Message>{message}</Message>"
        "<RequestId>{request_id}</RequestId></Error>",
        "application/xml",
    ),
}


def throttle_response(protocol):
    """(status, headers, body) of the throttling error a service of this protocol sends."""
    status, code = THROTTLE[protocol]
    message = "Rate exceeded (aws_proxy)"
    request_id = "00000000-0000-0000-0000-7412077e0000"
    headers = [("x-amzn-requestid", request_id)]
    if protocol in XML_ERRORS:
        template, content_type = XML_ERRORS[protocol]
        body = template.format(code=code, message=message, request_id=request_id).encode()
        headers.append(("content-type", content_type))
    elif protocol == "cbor":
        body = cbor_map({"__type": code, "message": message})
        headers += [("content-type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")]
    else:
        body = json.dumps({"__type": code, "message": message}).encode()
        headers += [("content-type", "application/json"), ("x-amzn-errortype", code)]
    return status, headers, body


def cbor_map(entries):
    """A CBOR map of short text strings (all this proxy ever needs to say)."""
    out = bytearray([0xA0 | len(entries)])
    for text in (t for kv in entries.items() for t in kv):
        raw = text.encode()
        out += bytes([0x60 | len(raw)]) if len(raw) < 24 else bytes([0x78, len(raw)])
        out += raw
    return bytes(out)


class Buckets:
    """One token bucket per service: `rate` tokens a second, holding at most one
    second's worth, like the request-rate quotas AWS enforces per account and region."""

    def __init__(self, default_rate, per_service):
        self.default_rate = default_rate
        self.per_service = per_service
        self.state = {}
        self.lock = threading.Lock()

    def admit(self, service, now):
        rate = self.per_service.get(service, self.default_rate)
        if rate is None:
            return True
        with self.lock:
            tokens, last = self.state.get(service, (float(rate), now))
            tokens = min(float(rate), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self.state[service] = (tokens - 1.0, now)
                return True
            self.state[service] = (tokens, now)
            return False


class Stats:
    """Requests accepted and refused, per service and operation, and per second."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with getattr(self, "lock", threading.Lock()):
            self.started = time.monotonic()
            self.services = {}
            self.seconds = {}
            self.upstream_errors = 0

    def count(self, service, operation, accepted, now):
        key = "accepted" if accepted else "refused"
        second = int(now - self.started)
        with self.lock:
            svc = self.services.setdefault(
                service, {"accepted": 0, "refused": 0, "operations": {}}
            )
            svc[key] += 1
            op = svc["operations"].setdefault(operation, {"accepted": 0, "refused": 0})
            op[key] += 1
            per = self.seconds.setdefault(second, {}).setdefault(
                service, {"accepted": 0, "refused": 0}
            )
            per[key] += 1

    def snapshot(self):
        with self.lock:
            accepted = sum(s["accepted"] for s in self.services.values())
            refused = sum(s["refused"] for s in self.services.values())
            return {
                "requests": accepted + refused,
                "accepted": accepted,
                "refused": refused,
                "upstream_errors": self.upstream_errors,
                "elapsed_seconds": round(time.monotonic() - self.started, 3),
                "services": json.loads(json.dumps(self.services)),
                "per_second": [
                    {"second": sec, "service": svc, **counts}
                    for sec, by_svc in sorted(self.seconds.items())
                    for svc, counts in sorted(by_svc.items())
                ],
            }

    def finished_seconds(self, after):
        """Per-second lines of the seconds that ended, later than `after`."""
        now = int(time.monotonic() - self.started)
        with self.lock:
            return [
                (sec, svc, dict(c))
                for sec, by_svc in sorted(self.seconds.items())
                if after < sec < now
                for svc, c in sorted(by_svc.items())
            ]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aws_proxy"

    def log_message(self, *args):
        pass

    def read_body(self):
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            body = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(body)
                body += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("content-length") or 0))

    def reply(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in HOP_HEADERS:
                self.send_header(k, v)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        body = self.read_body()
        proxy = self.server.proxy
        if self.path.startswith("/_proxy/"):
            return self.control(proxy)
        headers = {k.lower(): v for k, v in self.headers.items()}
        service, _region, operation, protocol = identify(self.command, self.path, headers, body)
        now = time.monotonic()
        accepted = proxy.buckets.admit(service, now)
        proxy.stats.count(service, operation, accepted, now)
        if not accepted:
            return self.reply(*throttle_response(protocol))
        try:
            status, out_headers, out_body = proxy.forward(self.command, self.path, self.headers, body)
        except (OSError, http.client.HTTPException) as err:
            with proxy.stats.lock:
                proxy.stats.upstream_errors += 1
            message = f"aws_proxy: upstream failed: {err}".encode()
            return self.reply(502, [("content-type", "text/plain")], message)
        self.reply(status, out_headers, out_body)

    def control(self, proxy):
        if self.path.startswith("/_proxy/stats"):
            body = json.dumps(proxy.stats.snapshot(), indent=1).encode()
            return self.reply(200, [("content-type", "application/json")], body)
        if self.path.startswith("/_proxy/reset") and self.command == "POST":
            proxy.stats.reset()
            return self.reply(200, [("content-type", "application/json")], b"{}")
        self.reply(404, [("content-type", "text/plain")], b"unknown proxy path")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Proxy:
    def __init__(self, upstream, buckets):
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream_host = parsed.hostname
        self.upstream_port = parsed.port or 80
        self.buckets = buckets
        self.stats = Stats()
        self.local = threading.local()

    def forward(self, method, target, headers, body):
        """Sends the request upstream on this thread's kept-alive connection (a fresh
        one when the old one was closed) and returns the whole answer."""
        for attempt in range(2):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
                self.local.conn = conn
            try:
                conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for k, v in headers.items():
                    if k.lower() not in HOP_HEADERS:
                        conn.putheader(k, v)
                conn.putheader("content-length", str(len(body)))
                conn.endheaders(body)
                resp = conn.getresponse()
                data = resp.read()
                return resp.status, resp.getheaders(), data
            except (OSError, http.client.HTTPException):
                conn.close()
                self.local.conn = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def parse_rates(items):
    rates = {}
    for item in items or []:
        service, _, n = item.partition("=")
        rates[service] = float(n)
    return rates


def log_loop(stats, path, stop):
    """Appends one JSON line per service for every second that ended."""
    last = -1
    with open(path, "a", encoding="utf-8") as log:
        while not stop.wait(0.5):
            for sec, svc, counts in stats.finished_seconds(last):
                log.write(json.dumps({"second": sec, "service": svc, **counts}) + "\n")
                last = max(last, sec)
            log.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upstream", required=True, help="the emulator, e.g. http://127.0.0.1:5000")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--rate-per-service", type=float, help="requests per second per service")
    ap.add_argument("--rate", action="append", metavar="SERVICE=N", help="one service's rate")
    ap.add_argument("--log", help="per-second accepted/refused counts, JSON lines")
    ap.add_argument("--stats", help="where the counts go on SIGTERM (default: stdout)")
    args = ap.parse_args()

    proxy = Proxy(args.upstream, Buckets(args.rate_per_service, parse_rates(args.rate)))
    server = Server(("127.0.0.1", args.port), Handler)
    server.proxy = proxy
    stop = threading.Event()
    if args.log:
        threading.Thread(target=log_loop, args=(proxy.stats, args.log, stop), daemon=True).start()

    def finish(_signum, _frame):
        stop.set()
        text = json.dumps(proxy.stats.snapshot(), indent=1)
        if args.stats:
            with open(args.stats, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            print(text, flush=True)
        # shutdown() waits for serve_forever, which runs on the main thread: stop it
        # from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    print(f"listening on {server.server_address[1]}", flush=True)
    server.serve_forever(poll_interval=0.2)
    if args.log:
        time.sleep(0.6)  # let the log thread write the last complete second


if __name__ == "__main__":
    sys.exit(main())

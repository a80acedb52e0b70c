#!/usr/bin/env python3
"""Measure how many calls per second a moto_server serves, for bench/compare's floor.

    moto_floor.py --endpoint-url URL [--seconds 15] [--threads 8] [--weights stats.json]
                  [--regions us-east-1,eu-west-1]

Sends read calls of the kinds a CIS scan makes (S3 per-bucket reads, IAM per-user reads,
KMS per-key reads, EC2 describes, STS) for --seconds from --threads threads and prints
one JSON object: calls, errors, seconds, calls_per_second, and the share of the weights
the mix covers. The requests are plain HTTP with a dummy SigV4 header (moto routes by
the header's credential scope and does not check signatures), not boto3: a Python SDK
client would spend more CPU per call than moto does and measure itself instead.

--weights takes bench/aws_proxy.py's stats of the scan being compared: each operation
below is then sent in proportion to how often that scan made it, and scan_calls_covered
says which share of the scan's calls the mix stands for. Without it every operation
weighs the same.
Answers with an HTTP error status (moto's 404 for a missing bucket policy, say) are
served calls too and are counted; a connection failure is an error and ends the run.
Each operation is sent once before the clock starts: moto builds a region's backend on
its first call, which takes seconds for EC2.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import sys
import threading
import time
import urllib.parse
from typing import Any, Callable

AUTH = ("AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/{service}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0000")


class Request:
    def __init__(self, service: str, region: str, method: str, path: str, body: bytes = b"",
                 headers: dict[str, str] | None = None):
        self.service, self.region, self.method, self.path, self.body = service, region, method, path, body
        self.headers = {"Authorization": AUTH.format(region=region, service=service),
                        "X-Amz-Date": "20260101T000000Z", **(headers or {})}


def query(service: str, region: str, action: str, version: str, **params: str) -> Request:
    body = urllib.parse.urlencode({"Action": action, "Version": version, **params}).encode()
    return Request(service, region, "POST", "/", body, {"Content-Type": "application/x-www-form-urlencoded"})


def kms(region: str, action: str, **params: Any) -> Request:
    return Request("kms", region, "POST", "/", json.dumps(params).encode(),
                   {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"TrentService.{action}"})


def s3(region: str, bucket: str, subresource: str) -> Request:
    return Request("s3", region, "GET", f"/{bucket}?{subresource}")


EC2_VERSION, IAM_VERSION = "2016-11-15", "2010-05-08"
S3_READS = {"GetBucketVersioning": "versioning", "GetBucketPolicy": "policy",
            "GetPublicAccessBlock": "publicAccessBlock", "GetBucketEncryption": "encryption",
            "GetBucketLogging": "logging", "GetBucketAcl": "acl", "GetBucketTagging": "tagging",
            "GetBucketLocation": "location", "GetBucketLifecycleConfiguration": "lifecycle",
            "GetBucketOwnershipControls": "ownershipControls", "GetObjectLockConfiguration": "object-lock",
            "GetBucketReplication": "replication", "GetBucketPolicyStatus": "policyStatus"}
IAM_USER_READS = ("GetUser", "ListAttachedUserPolicies", "ListUserPolicies", "ListAccessKeys",
                  "ListMFADevices", "ListGroupsForUser", "GetLoginProfile", "ListUserTags")
KMS_KEY_READS = ("DescribeKey", "GetKeyRotationStatus", "GetKeyPolicy", "ListResourceTags")
EC2_DESCRIBES = ("DescribeSecurityGroups", "DescribeVolumes", "DescribeVpcs", "DescribeNetworkAcls",
                 "DescribeInstances", "DescribeSubnets", "DescribeFlowLogs", "GetEbsEncryptionByDefault")


class Inventory:
    """What the seeded account holds, read once up front so per-resource calls name real resources."""

    def __init__(self, send: Callable[[Request], tuple[int, bytes]], regions: list[str]):
        self.regions = regions
        _, body = send(Request("s3", regions[0], "GET", "/"))
        self.buckets = re.findall(rb"<Name>([^<]+)</Name>", body)[:2000] or [b"parapet-floor-missing"]
        _, body = send(query("iam", regions[0], "ListUsers", IAM_VERSION, MaxItems="1000"))
        self.users = re.findall(rb"<UserName>([^<]+)</UserName>", body) or [b"parapet-floor-missing"]
        self.keys: list[tuple[str, str]] = []
        for region in regions:
            _, body = send(kms(region, "ListKeys", Limit=1000))
            self.keys += [(region, k["KeyId"]) for k in json.loads(body or b"{}").get("Keys", [])]
        if not self.keys:
            self.keys = [(regions[0], "00000000-0000-0000-0000-000000000000")]


def operations(inv: Inventory) -> dict[str, Callable[[random.Random], Request]]:
    ops: dict[str, Callable[[random.Random], Request]] = {}
    for op, sub in S3_READS.items():
        ops[op] = lambda rng, sub=sub: s3(inv.regions[0], rng.choice(inv.buckets).decode(), sub)
    for op in IAM_USER_READS:
        ops[op] = lambda rng, op=op: query("iam", inv.regions[0], op, IAM_VERSION,
                                           UserName=rng.choice(inv.users).decode())
    ops["ListUsers"] = lambda rng: query("iam", inv.regions[0], "ListUsers", IAM_VERSION)
    ops["ListPolicies"] = lambda rng: query("iam", inv.regions[0], "ListPolicies", IAM_VERSION, Scope="Local")
    for op in KMS_KEY_READS:
        def key_read(rng: random.Random, op: str = op) -> Request:
            region, key = rng.choice(inv.keys)
            extra = {"PolicyName": "default"} if op == "GetKeyPolicy" else {}
            return kms(region, op, KeyId=key, **extra)
        ops[op] = key_read
    ops["ListKeys"] = lambda rng: kms(rng.choice(inv.regions), "ListKeys")
    ops["ListAliases"] = lambda rng: kms(rng.choice(inv.regions), "ListAliases")
    for op in EC2_DESCRIBES:
        ops[op] = lambda rng, op=op: query("ec2", rng.choice(inv.regions), op, EC2_VERSION)
    ops["GetCallerIdentity"] = lambda rng: query("sts", inv.regions[0], "GetCallerIdentity", "2011-06-15")
    return ops


def scan_weights(stats: dict, ops: dict[str, Callable[[random.Random], Request]]) -> tuple[dict[str, int], float]:
    """Weight of each operation of the mix: how often the scan made it, from bench/aws_proxy.py's
    stats (services -> operations -> accepted). S3 operations appear there either by name
    (the SDK's x-id) or as `GET /bucket?<subresource>`. Also returns the share of the scan's
    calls the mix covers."""
    weights: dict[str, int] = {}
    total = 0
    for service in stats.get("services", {}).values():
        for name, counts in service.get("operations", {}).items():
            total += counts.get("accepted", 0)
            op = SUBRESOURCE_OPS.get(name, name)
            if op in ops:
                weights[op] = weights.get(op, 0) + counts.get("accepted", 0)
    weights = {op: n for op, n in weights.items() if n}
    return weights, (sum(weights.values()) / total if total else 0.0)


SUBRESOURCE_OPS = {f"GET /bucket?{sub}": op for op, sub in S3_READS.items()}


class Sender:
    """One kept-alive connection per thread to the endpoint."""

    def __init__(self, endpoint: str):
        url = urllib.parse.urlsplit(endpoint)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.local = threading.local()

    def __call__(self, req: Request) -> tuple[int, bytes]:
        if not hasattr(self.local, "conn"):
            self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            self.local.conn.request(req.method, req.path, body=req.body or None, headers=req.headers)
            resp = self.local.conn.getresponse()
            return resp.status, resp.read()
        except (OSError, http.client.HTTPException):
            self.local.conn.close()
            del self.local.conn
            raise


def load(send: Sender, ops: dict[str, Callable[[random.Random], Request]], weights: dict[str, int],
         seconds: float, threads: int) -> dict[str, Any]:
    """Sends the weighted mix from `threads` threads for `seconds`; counts the answers."""
    names = list(weights)
    warm = random.Random(0)
    for op in names:  # moto builds a region's backend on its first call (EC2: seconds)
        send(ops[op](warm))
    cumulative = [sum(weights[n] for n in names[: i + 1]) for i in range(len(names))]
    done, errors, failure, lock = [0], [0], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline and not failure:
            op = rng.choices(names, cum_weights=cumulative)[0]
            try:
                status, _ = send(ops[op](rng))
            except (OSError, http.client.HTTPException) as e:
                failure.append(f"{op}: {e}")
                return
            with lock:
                done[0] += 1
                errors[0] += status >= 500

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.monotonic() - started
    if failure:
        raise OSError(failure[0])
    return {"calls": done[0], "server_errors": errors[0], "seconds": round(elapsed, 2),
            "calls_per_second": round(done[0] / elapsed, 1), "threads": threads, "operations": len(names)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--regions", default="us-east-1,eu-west-1")
    ap.add_argument("--weights", metavar="STATS_JSON")
    args = ap.parse_args()
    send = Sender(args.endpoint_url)
    try:
        ops = operations(Inventory(send, [r for r in args.regions.split(",") if r]))
        weights, covered = {op: 1 for op in ops}, None
        if args.weights:
            with open(args.weights, encoding="utf-8") as f:
                scan, covered = scan_weights(json.load(f), ops)
            if scan:
                weights = scan
            else:
                print("moto_floor: the scan made none of the mix's operations; each weighs the same", file=sys.stderr)
        result = load(send, ops, weights, args.seconds, args.threads)
    except (OSError, http.client.HTTPException) as e:
        print(f"moto_floor: {args.endpoint_url}: {e}", file=sys.stderr)
        return 1
    result["scan_calls_covered"] = None if covered is None else round(covered, 3)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

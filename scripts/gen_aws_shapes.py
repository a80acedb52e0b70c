#!/usr/bin/env python3
"""Writes shared/data/aws_shapes.json.gz: the output shapes of every AWS operation parapet
reads through `aws::api`, taken from botocore's published service models.

    .venv/bin/python scripts/gen_aws_shapes.py          # rewrite the table
    .venv/bin/python scripts/gen_aws_shapes.py --check  # exit 1 if the table is stale

Why: the XML protocols (query, EC2, restXml) do not say which text is a number, a
boolean or a one-item list, and the JSON protocols send timestamps as epoch seconds.
`aws::shapes` decodes each answer by the operation's output shape from this table, so
collectors and controls see one typed document whatever the protocol.

Which operations: every `aws::api` call the collectors make, found by
infra/tests/collector_calls.py in shared/src/collect/ (a sub-directory's files read as one
source), plus the
calls in EXTRA_CALLS below (operation names held in data rather than in a call's literal,
and calls outside collect/). When you add an `aws::api` call, re-run this script; if the
call's operation name is not a string literal at the call site, add it to EXTRA_CALLS.
The Rust test `aws::shapes::tests::the_table_covers_every_collector_call` and the replay
harness fail when an operation the collectors call is missing.

What is kept per model (service and API version): its signing name, protocol, API
version, JSON target prefix, and per operation the output shape, the query result wrapper,
the payload member and the request URI (two models may share a signing name: ELB and
ELBv2, API Gateway v1 and v2). Shapes reachable from those outputs only: structures
(members by their wire name, with the shape of each), lists (item element name,
flattened or not), maps, and the scalars boolean, integer/long, float/double,
timestamp (with its format), blob and string. Members bound to HTTP headers or the status
code are left out: answers are read from the body only.

Deterministic: keys are sorted and the gzip header carries no time or file name, so a
re-run with the same botocore writes the same bytes. botocore's version is recorded in
the table.
"""

import argparse
import gzip
import io
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "shared" / "data" / "aws_shapes.json.gz"
sys.path.insert(0, str(REPO / "infra" / "tests"))

import botocore  # noqa: E402
from botocore.loaders import Loader  # noqa: E402

import collector_calls  # noqa: E402

# Signing name -> botocore model names, where they differ or several share the name.
SIGNING_MODELS = {
    "monitoring": ["cloudwatch"],
    "elasticloadbalancing": ["elb", "elbv2"],
    "apigateway": ["apigateway", "apigatewayv2"],
    "elasticmapreduce": ["emr"],
    "es": ["opensearch"],
    "states": ["stepfunctions"],
}

# Calls the call-site scan cannot see: operation names kept in tables (DMS's listing
# table) and `aws::api` calls outside shared/src/collect/.
EXTRA_CALLS = [
    ("dms", "DescribeReplicationInstances"),
    ("dms", "DescribeEndpoints"),
    ("dms", "DescribeReplicationTasks"),
    ("lambda", "Invoke"),  # serverless/remote.rs: the answer is the function's own JSON
    ("secretsmanager", "GetSecretValue"),  # serverless/external_id.rs
    ("ec2", "DescribeRegions"),  # pipeline/plan.rs
]

# Sources scanned for `aws::api` calls besides shared/src/collect/.
OTHER_SOURCES = ["shared/src/pipeline/plan.rs"]

SCALARS = {
    "string": "@s",
    "boolean": "@b",
    "integer": "@i",
    "long": "@i",
    "float": "@f",
    "double": "@f",
    "blob": "@x",
}

# Members that are not in the answer's body.
NOT_IN_BODY = {"header", "headers", "statusCode"}


def called_operations():
    """({signing name: {operation}} of every `aws::api` call the scan can attribute, and
    the same for operation-like literals, which are kept only where a model defines them)."""
    collect = REPO / "shared" / "src" / "collect"
    sources = [p.read_text() for p in sorted(collect.glob("*.rs"))]
    # A collector split into a directory (collect/ec2/) declares its service in one file
    # and calls it in the others: its files are scanned as one source.
    for directory in sorted(d for d in collect.iterdir() if d.is_dir()):
        parts = sorted(directory.rglob("*.rs"))
        if parts:
            sources.append("\n".join(p.read_text() for p in parts))
    sources += [(REPO / p).read_text() for p in OTHER_SOURCES]
    services = collector_calls.api_services(sources)
    calls, literals = {}, {}
    for src in sources:
        for client, op in collector_calls.api_calls_in(src, services):
            calls.setdefault(client.removeprefix("api:"), set()).add(op)
        for signing, op in operation_literals(src, services):
            literals.setdefault(signing, set()).add(op)
    for signing, op in EXTRA_CALLS:
        calls.setdefault(signing, set()).add(op)
    if "?" in calls:
        sys.exit(f"calls whose service could not be told: {sorted(calls['?'])}")
    return calls, literals


# A string literal that names a read operation (`"DescribeInstances"`).
OPERATION_LITERAL = re.compile(r'"((?:Describe|Get|List|BatchGet)[A-Z][A-Za-z0-9]*)"')
USED_SERVICE = re.compile(r"\bclients\s*\.\s*api\s*\(\s*&\s*(?:\w+::)*(\w+)")


def operation_literals(src, services):
    """(signing name, operation) for every operation-like string literal in a source that
    reads services through `aws::api`, paired with each of those services: collectors
    pass operation names through helpers and tables the call-site scan cannot follow
    (EC2's `ec2.all("DescribeInstances", ..)`). Only pairs a model defines reach the
    table, so a literal paired with the wrong service costs nothing."""
    text = collector_calls._strip_comments(src)
    used = set(collector_calls.api_services([text]).values())
    used |= {services[n] for n in USED_SERVICE.findall(text) if n in services}
    ops = set(OPERATION_LITERAL.findall(text))
    return {(signing, op) for signing in used for op in ops}


def scalar(shape):
    kind = shape["type"]
    if kind == "timestamp":
        fmt = shape.get("timestampFormat")
        return f"@t:{fmt}" if fmt else "@t"
    return SCALARS.get(kind)


class Model:
    def __init__(self, name, raw):
        self.name = name
        self.raw = raw
        self.shapes = {}

    def ref(self, name):
        """The table's reference to shape `name`: a scalar code or the shape's name."""
        shape = self.raw["shapes"][name]
        code = scalar(shape)
        if code:
            return code
        if name not in self.shapes:
            self.shapes[name] = None  # guards recursive shapes
            self.shapes[name] = self.compact(shape)
        return name

    def compact(self, shape):
        kind = shape["type"]
        if kind == "structure":
            return {"struct": self.members(shape)}
        if kind == "list":
            member = shape["member"]
            out = {"list": self.ref(member["shape"])}
            item = member.get("locationName")
            if item:
                out["item"] = item
            if shape.get("flattened"):
                out["flat"] = True
            return out
        if kind == "map":
            out = {"map": [self.ref(shape["key"]["shape"]), self.ref(shape["value"]["shape"])]}
            for part, default in (("key", "key"), ("value", "value")):
                name = shape[part].get("locationName", default)
                if name != default:
                    out[part] = name
            if shape.get("flattened"):
                out["flat"] = True
            return out
        raise ValueError(f"{self.name}: unknown shape type {kind}")

    def members(self, shape):
        out = {}
        for name, member in shape.get("members", {}).items():
            if member.get("location") in NOT_IN_BODY:
                continue
            target = self.raw["shapes"][member["shape"]]
            wire = member.get("locationName", name)
            # A flattened list repeats its items in place, named as the items are.
            if target["type"] == "list" and target.get("flattened"):
                wire = target["member"].get("locationName", wire)
            out[wire] = self.ref(member["shape"])
        return out

    def operation(self, op_name):
        op = self.raw["operations"][op_name]
        out = {"uri": op.get("http", {}).get("requestUri", "/")}
        output = op.get("output")
        if not output:
            return out
        shape = self.raw["shapes"][output["shape"]]
        payload = shape.get("payload")
        if payload:
            member = shape["members"][payload]["shape"]
            if self.raw["shapes"][member]["type"] in ("blob", "string"):
                # The body is the payload itself (Lambda's Invoke): nothing to type.
                out["raw"] = True
                return out
            out["output"] = self.ref(member)
        else:
            out["output"] = self.ref(output["shape"])
        if output.get("resultWrapper"):
            out["wrapper"] = output["resultWrapper"]
        return out


def build():
    loader = Loader()
    models = []
    covered = set()
    calls, literals = called_operations()
    for signing in sorted(set(calls) | set(literals)):
        wanted = calls.get(signing, set()) | literals.get(signing, set())
        for name in SIGNING_MODELS.get(signing, [signing]):
            raw = loader.load_service_model(name, "service-2")
            meta = raw["metadata"]
            model = Model(name, raw)
            ops = {}
            for op in sorted(wanted):
                if op in raw["operations"]:
                    ops[op] = model.operation(op)
                    covered.add((signing, op))
            if not ops:
                continue
            models.append({
                "model": name,
                "signing": signing,
                "protocol": meta["protocol"],
                "version": meta["apiVersion"],
                "target": meta.get("targetPrefix", ""),
                "operations": ops,
                "shapes": model.shapes,
            })
    # The call-site scan names every service a file reads when it cannot tell which one a
    # call goes to (dynamodb.rs reads DynamoDB and DAX): a call is covered when one of the
    # services it was attributed to defines it.
    covered_ops = {op for _, op in covered}
    missing = sorted({(s, op) for s, ops in calls.items() for op in ops if op not in covered_ops})
    if missing:
        sys.exit(f"operations no model defines: {missing}")
    return {"botocore": botocore.__version__, "models": models}


def encode(table):
    text = json.dumps(table, sort_keys=True, separators=(",", ":")).encode()
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text)
    return buf.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args()
    data = encode(build())
    if args.check:
        if not OUT.exists() or OUT.read_bytes() != data:
            sys.exit(f"{OUT.relative_to(REPO)} is stale: run scripts/gen_aws_shapes.py")
        return
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(REPO)} ({len(data)} bytes)")


if __name__ == "__main__":
    main()

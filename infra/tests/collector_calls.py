"""The AWS API calls the collectors make, read from their Rust source, as IAM actions.

Collectors build one client per service through `ctx.clients.<service>(region)` (see
shared/src/aws/clients.rs) and call operations on it, either on a variable holding the
client (`let kms = ctx.clients.kms(..)`, or a parameter typed `&aws_sdk_iam::Client`) or
straight on the chain (`ctx.clients.s3(r).get_bucket_location()`). Every method called on
a client is an operation: the SDK clients have no other methods the collectors use.
"""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLLECT = REPO / "shared" / "src" / "collect"

# Clients method name (clients.rs) -> IAM service prefix.
SERVICE_PREFIX = {
    "iam": "iam",
    "ec2": "ec2",
    "kms": "kms",
    "cloudtrail": "cloudtrail",
    "logs": "logs",
    "cloudwatch": "cloudwatch",
    "sns": "sns",
    "config_service": "config",
    "rds": "rds",
    "efs": "elasticfilesystem",
    "accessanalyzer": "access-analyzer",
    "securityhub": "securityhub",
    "macie": "macie2",
    "account": "account",
    "s3": "s3",
    "s3control": "s3",
    "sts": "sts",
    "organizations": "organizations",
    "guardduty": "guardduty",
    "lambda": "lambda",
    "ssm": "ssm",
}

# SDK crate name (aws_sdk_<crate>) -> clients method name.
CRATE_CLIENT = {
    "iam": "iam", "kms": "kms", "cloudtrail": "cloudtrail",
    "cloudwatchlogs": "logs", "cloudwatch": "cloudwatch", "sns": "sns",
    "config": "config_service", "rds": "rds", "efs": "efs",
    "accessanalyzer": "accessanalyzer", "securityhub": "securityhub",
    "macie2": "macie", "account": "account", "s3": "s3", "s3control": "s3control",
}

# Operations whose IAM action is not the operation's name. S3 is the main offender:
# several bucket sub-resources are authorised by an action named differently.
EXCEPTIONS = {
    ("s3", "list_buckets"): "s3:ListAllMyBuckets",
    ("s3", "get_public_access_block"): "s3:GetBucketPublicAccessBlock",
    ("s3", "get_bucket_encryption"): "s3:GetEncryptionConfiguration",
    ("s3", "get_bucket_lifecycle_configuration"): "s3:GetLifecycleConfiguration",
    ("s3", "get_bucket_replication"): "s3:GetReplicationConfiguration",
    ("s3", "get_object_lock_configuration"): "s3:GetBucketObjectLockConfiguration",
    ("s3", "get_bucket_notification_configuration"): "s3:GetBucketNotification",
    ("s3", "get_bucket_accelerate_configuration"): "s3:GetAccelerateConfiguration",
    ("s3", "get_bucket_cors"): "s3:GetBucketCORS",
    ("s3control", "get_public_access_block"): "s3:GetAccountPublicAccessBlock",
    ("s3control", "list_access_points"): "s3:ListAccessPoints",
}

# Methods on a client variable that are not AWS operations.
NOT_OPERATIONS = {"clone", "config", "into_paginator", "send"}


# Signing names of `aws::api` services whose IAM prefix differs.
API_IAM_PREFIX = {"monitoring": "cloudwatch", "email": "ses"}

# `aws::api` operations whose IAM action is not `<prefix>:<Operation>`: API Gateway's
# management API is authorised by HTTP verb.
API_ACTION_EXCEPTIONS = {"apigateway": "apigateway:GET"}

API_METHODS = ("call", "list", "rest", "rest_list")


def camel(snake):
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def action(client, method):
    if client.startswith("api:"):
        signing = client[4:]
        if signing in API_ACTION_EXCEPTIONS:
            return API_ACTION_EXCEPTIONS[signing]
        return f"{API_IAM_PREFIX.get(signing, signing)}:{method}"
    if (client, method) in EXCEPTIONS:
        return EXCEPTIONS[(client, method)]
    return f"{SERVICE_PREFIX[client]}:{camel(method)}"


def _strip_comments(src):
    return re.sub(r"//[^\n]*", "", src)


def calls_in(src):
    """(client, method) pairs called in one Rust source file."""
    src = _strip_comments(src)
    found = set()
    # Straight on the chain: `.clients.s3(region).get_bucket_location()`.
    for m in re.finditer(r"\bclients\s*\.\s*(\w+)\s*\([^()]*\)\s*\.\s*(\w+)\s*\(", src):
        found.add((m.group(1), m.group(2)))
    # Variables holding a client (the binding ends right after the client call) and
    # parameters typed as one, each valid until the next `fn`.
    bindings = []
    for m in re.finditer(r"\blet\s+(?:mut\s+)?(\w+)\s*=\s*&?\s*ctx\s*\.\s*clients\s*\.\s*(\w+)\s*\([^()]*\)\s*;", src):
        bindings.append((m.end(), m.group(1), m.group(2)))
    for m in re.finditer(r"\b(\w+)\s*:\s*&\s*aws_sdk_(\w+)::Client\b", src):
        bindings.append((m.end(), m.group(1), CRATE_CLIENT.get(m.group(2), m.group(2))))
    fn_starts = [m.start() for m in re.finditer(r"\bfn\s", src)]
    for start, var, client in bindings:
        end = next((f for f in fn_starts if f > start), len(src))
        # A parameter's `fn` starts before it: its scope runs to the next `fn`.
        for m in re.finditer(rf"\b{re.escape(var)}\s*\.\s*(\w+)\s*\(", src[start:end]):
            if m.group(1) not in NOT_OPERATIONS:
                found.add((client, m.group(1)))
    # `clients.api(..)` is the client of `aws::api` services, read below.
    return {c for c in found if c[0] != "api"} | api_calls_in(src)


SERVICE_CONST = re.compile(r"\bconst\s+(\w+)\s*:\s*Service\s*=\s*([^;]*);", re.S)


def api_services(sources):
    """{const name: signing name} of every `aws::api` service declared in these sources:
    a `Service { signing_name: "..", .. }` literal, or a call of a constructor whose first
    string argument is the signing name (`json_service("ecs", ..)`), or of a function
    whose body holds the literal (`elastic_load_balancing("2012-06-01")`)."""
    text = "\n".join(_strip_comments(s) for s in sources)
    out = {}
    for m in SERVICE_CONST.finditer(text):
        name, value = m.group(1), m.group(2)
        literal = re.search(r"signing_name\s*:\s*\"([^\"]+)\"", value)
        call = re.match(r"\s*(?:\w+::)*(\w+)\s*\(", value)
        if literal:
            out[name] = literal.group(1)
        elif call and call.group(1).endswith("_service"):
            out[name] = re.search(r"\"([^\"]+)\"", value).group(1)
        elif call:
            body = re.search(rf"\bfn\s+{call.group(1)}\b[^{{]*\{{[^}}]*?signing_name\s*:\s*\"([^\"]+)\"", text, re.S)
            if body:
                out[name] = body.group(1)
    return out


def _all_collector_sources():
    return [p.read_text() for p in sorted(COLLECT.glob("*.rs"))]


def api_calls_in(src, services=None):
    """(`api:<signing name>`, Operation) pairs of `aws::api` calls in one source file."""
    if services is None:
        services = api_services(_all_collector_sources() + [src])
    src = _strip_comments(src)
    local = {n: s for n, s in api_services([src]).items()}
    found = set()
    uses_api = bool(local) or re.search(r"\bclients\s*\.\s*api\s*\(", src) or re.search(r"&\s*Api\b", src)
    if not uses_api:
        return found
    # A variable bound to one service's client, valid until the next `fn`.
    fn_starts = [m.start() for m in re.finditer(r"\bfn\s", src)]
    scoped = []
    for m in re.finditer(r"\blet\s+(?:mut\s+)?(\w+)\s*=\s*&?\s*(?:ctx\s*\.\s*)?clients\s*\.\s*api\s*\(\s*&\s*(?:\w+::)*(\w+)\s*,[^;]*;", src):
        end = next((f for f in fn_starts if f > m.end()), len(src))
        scoped.append((m.end(), end, m.group(1), services.get(m.group(2))))
    # Services this file reads: its own declarations, or those it binds.
    file_services = set(local.values()) | {s for *_, s in scoped if s}
    methods = "|".join(API_METHODS)
    ops = []
    for m in re.finditer(rf"\b(\w+)\s*\.\s*(?:{methods})\s*\(\s*\"(\w+)\"", src):
        ops.append((m.start(), m.group(1), m.group(2)))
    # Helpers taking the client and the operation name: `optional(&api, "GetPolicy", ..)`.
    for m in re.finditer(r"\b\w+\s*\(\s*&?\s*(\w*api\w*)\s*,\s*\"([A-Z]\w+)\"", src):
        ops.append((m.start(), m.group(1), m.group(2)))
    for pos, var, op in ops:
        signing = next((s for start, end, v, s in scoped if v == var and start <= pos < end), None)
        targets = [signing] if signing else sorted(file_services)
        for t in targets or ["?"]:
            found.add((f"api:{t}", op))
    return found


def collector_calls(directory=COLLECT):
    """{(client, method): [files]} over every collector file."""
    out = {}
    for path in sorted(Path(directory).glob("*.rs")):
        for call in calls_in(path.read_text()):
            out.setdefault(call, []).append(path.name)
    return out


def other_calls():
    """Calls made on the target role outside collect/: region discovery in the planner
    and the identity check (GetCallerIdentity needs no permission)."""
    found = set()
    for path in [REPO / "shared" / "src" / "pipeline" / "plan.rs"]:
        if path.exists():
            found |= calls_in(path.read_text())
    return found


if __name__ == "__main__":
    for (client, method), files in sorted(collector_calls().items()):
        print(f"{action(client, method):55} {client}.{method}  ({', '.join(files)})")
    for client, method in sorted(other_calls()):
        print(f"{action(client, method):55} {client}.{method}  (pipeline/plan.rs)")

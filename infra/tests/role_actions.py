"""The scan role's read permissions, derived from the resource-type manifest
(shared/data/resource_types.json): every IAM action of an `operations` entry, plus the
few the role needs for reasons no collector call declares (EXTRAS).

The library reads the same file (`parapet::manifest`); a Rust test against moto_server
(tests/collector_calls_moto.rs) holds every call the collectors make to a declared
operation, so the role allows what parapet calls and nothing else.
scripts/gen_role_actions.py writes these lists into the templates."""

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "shared" / "data" / "resource_types.json"

# Actions the role needs that no collector operation declares, each with its reason.
# Empty today: region discovery (ec2:DescribeRegions) is declared on
# Parapet::EC2::RegionSettings, and sts:GetCallerIdentity needs no permission.
EXTRAS = {}

# Actions authorised by resource path rather than by name: allowed only on the paths the
# collectors read (their own statement), never on "*" (apigateway:GET on "*" returns
# API key values). The paths are the operations' `resource`.
PATH_SCOPED = {"apigateway:GET"}


def manifest():
    return json.loads(MANIFEST.read_text())


def operations(collector=None):
    """(resource type, operation) of every declared operation, of one collector or all."""
    return [
        (e["type"], op)
        for e in manifest()["resource_types"]
        if collector is None or e["collector"] == collector
        for op in e["operations"]
    ]


def manifest_actions():
    return {op["action"] for _, op in operations()}


def role_actions():
    """The actions of the role's account-wide (Resource "*") statement, sorted."""
    return sorted((manifest_actions() - PATH_SCOPED) | set(EXTRAS))


def path_scoped_resources(partition="${AWS::Partition}"):
    """{action: sorted IAM resources} of the path-scoped actions, from the operations'
    `resource` (written with `aws` as the partition)."""
    out = {}
    for _, op in operations():
        if op["action"] in PATH_SCOPED:
            resource = op.get("resource")
            if not resource:
                raise AssertionError(f"{op['call']}: {op['action']} needs a `resource` in the manifest")
            out.setdefault(op["action"], set()).add(resource.replace("arn:aws:", f"arn:{partition}:", 1))
    return {a: sorted(r) for a, r in out.items()}

"""Loading the CloudFormation templates and the Terraform files, for the tests."""

import json
from pathlib import Path

import yaml

INFRA = Path(__file__).resolve().parents[1]
REPO = INFRA.parent
CFN = INFRA / "cloudformation"
TF = INFRA / "terraform"


class _Loader(yaml.SafeLoader):
    """YAML with CloudFormation's short forms (!Ref, !Sub, ...) as their long forms."""


def _tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_Loader.add_multi_constructor("!", _tag)


def load_cfn(name):
    return yaml.load((CFN / name).read_text(), Loader=_Loader)


def cfn_templates():
    return sorted(p.name for p in CFN.glob("*.yml"))


def statements(document):
    """The statements of a policy document, as a list; a statement under Fn::If counts
    with both its branches (AWS::NoValue dropped), since either may be deployed."""
    st = document.get("Statement", [])
    out = []
    for s in st if isinstance(st, list) else [st]:
        if isinstance(s, dict) and "Fn::If" in s:
            out.extend(b for b in s["Fn::If"][1:] if b != {"Ref": "AWS::NoValue"})
        else:
            out.append(s)
    return out


def as_list(value):
    return value if isinstance(value, list) else [value]


def role_policies_cfn(template, logical_id):
    """(inline policy documents, managed policy ARNs as written) of a role."""
    props = template["Resources"][logical_id]["Properties"]
    docs = [p["PolicyDocument"] for p in props.get("Policies", [])]
    # Standalone policies attached to the role.
    for res in template["Resources"].values():
        if res["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            roles = res["Properties"].get("Roles", [])
            if {"Ref": logical_id} in roles:
                docs.append(res["Properties"]["PolicyDocument"])
    return docs, props.get("ManagedPolicyArns", [])


def allowed_actions(docs):
    """Every action an Allow statement of these documents names."""
    out = []
    for doc in docs:
        for st in statements(doc):
            if isinstance(st, dict) and st.get("Effect") == "Allow":
                out.extend(as_list(st.get("Action", [])))
    return out


def load_tf(path):
    import hcl2

    with open(path) as f:
        return hcl2.load(f)


def dumps(value):
    return json.dumps(value, sort_keys=True)

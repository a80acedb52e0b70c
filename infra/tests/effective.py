"""A role's effective permissions, computed offline from its policy documents: what an
Allow grants (action and resource wildcards expanded as IAM does), minus what an explicit
Deny takes away, with AWS managed policies refused unless their contents are known.

Conservative on both sides, since this decides what the role can NOT do: an Allow counts
whatever its conditions say, a Deny counts only when it has no condition. It does not
replace IAM's evaluation (see docs/security.md for what only a real deployment shows).

Documents come in IAM's JSON shape. CloudFormation intrinsics are resolved with
`resolve_cfn`; Terraform's aws_iam_policy_document blocks are converted by `from_tf`."""

import fnmatch
import re

from templates import as_list, statements

PARTITION = "aws"


def _glob(pattern, value, case_insensitive=False):
    """IAM's wildcard match: * any run of characters (across / and :), ? one character."""
    if case_insensitive:
        pattern, value = pattern.lower(), value.lower()
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.S) is not None


_NO_VALUE = object()


def resolve_cfn(value, subs=None, conditions=None):
    """A CloudFormation value with Fn::Sub, Ref, Fn::GetAtt (`subs["X.Arn"]`) and Fn::If
    (`conditions[name]`) resolved: ${AWS::Partition} becomes "aws" and the names in `subs`
    their values. Anything else unresolved is an error, so that a test never guesses
    what a pattern means."""
    subs = {"AWS::Partition": PARTITION, **(subs or {})}
    conditions = conditions or {}
    if isinstance(value, list):
        out = [resolve_cfn(v, subs, conditions) for v in value]
        return [v for v in out if v is not _NO_VALUE]
    if isinstance(value, dict):
        if set(value) == {"Ref"} and value["Ref"] == "AWS::NoValue":
            return _NO_VALUE
        if set(value) == {"Fn::If"}:
            name, yes, no = value["Fn::If"]
            if name not in conditions:
                raise ValueError(f"cannot resolve condition {name}")
            return resolve_cfn(yes if conditions[name] else no, subs, conditions)
        if set(value) == {"Fn::GetAtt"}:
            key = ".".join(value["Fn::GetAtt"])
            if key not in subs:
                raise ValueError(f"cannot resolve Fn::GetAtt {key}")
            return subs[key]
        if set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):
            def one(m):
                if m.group(1) not in subs:
                    raise ValueError(f"cannot resolve ${{{m.group(1)}}} in {value['Fn::Sub']!r}")
                return subs[m.group(1)]

            return re.sub(r"\$\{([^}]+)\}", one, value["Fn::Sub"])
        if set(value) == {"Ref"}:
            if value["Ref"] not in subs:
                raise ValueError(f"cannot resolve Ref {value['Ref']}")
            return subs[value["Ref"]]
        out = {k: resolve_cfn(v, subs, conditions) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not _NO_VALUE}
    return value


def from_tf(doc):
    """An aws_iam_policy_document data block (as python-hcl2 parses it) as IAM JSON;
    ${local.partition} becomes "aws"."""
    out = []
    # Statements of `dynamic "statement"` blocks count as if present (conservative for
    # Allows; the tests read Deny statements from plain blocks).
    dynamic = [c for dyn in doc.get("dynamic", []) for c in as_list(dyn["statement"]["content"])]
    for st in doc.get("statement", []) + dynamic:
        s = {"Effect": st.get("effect", "Allow")}
        if "sid" in st:
            s["Sid"] = st["sid"]
        for tf, iam in [("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
                        ("not_resources", "NotResource")]:
            if tf in st:
                s[iam] = [r.replace("${local.partition}", PARTITION) for r in as_list(st[tf])]
        if st.get("condition"):
            s["Condition"] = {}
            for c in st["condition"]:
                s["Condition"].setdefault(c["test"], {})[c["variable"]] = c["values"]
        out.append(s)
    return {"Version": "2012-10-17", "Statement": out}


def _matches(st, action, resource):
    if "NotAction" in st:
        action_ok = not any(_glob(p, action, True) for p in as_list(st["NotAction"]))
    else:
        action_ok = any(_glob(p, action, True) for p in as_list(st.get("Action", [])))
    if "NotResource" in st:
        resource_ok = not any(_glob(p, resource) for p in as_list(st["NotResource"]))
    else:
        resource_ok = any(_glob(p, resource) for p in as_list(st.get("Resource", [])))
    return action_ok and resource_ok


def decide(docs, managed, action, resource, known_managed=None):
    """(allowed, why) for one action on one resource under these inline documents and
    managed policy ARNs."""
    known_managed = known_managed or {}
    for arn in managed:
        name = arn if isinstance(arn, str) else str(arn)
        if name not in known_managed:
            return True, f"managed policy {name} of unknown contents may allow it"
    sts = [st for d in docs for st in statements(d) if isinstance(st, dict)]
    sts += [st for arn in managed for st in statements(known_managed[arn])]
    for st in sts:
        if st.get("Effect") == "Deny" and not st.get("Condition") and _matches(st, action, resource):
            return False, f"denied by {st.get('Sid', 'a Deny statement')}"
    for st in sts:
        if st.get("Effect") == "Allow" and _matches(st, action, resource):
            return True, f"allowed by {st.get('Sid', 'an Allow statement')}"
    return False, "no statement allows it"


def _condition_holds(operator, key, wanted, context):
    """One condition of a statement. As IAM: a key absent from the request makes a
    positive operator false and a negated one (…Not…) true."""
    negated = "Not" in operator
    if key not in context:
        return negated
    like = operator.startswith(("ArnLike", "ArnNotLike", "StringLike", "StringNotLike"))
    hit = any(_glob(w, context[key]) if like else w == context[key] for w in as_list(wanted))
    return not hit if negated else hit


def resource_policy_allows(document, context):
    """Whether a resource policy lets a request through: `context` holds the principal
    ("principal": an ARN or a service name) and the condition keys of the request. Only
    the operators the installation's policies use are understood; any other fails."""
    known = {"ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike", "StringEquals", "StringNotEquals"}

    def applies(st):
        principal = st["Principal"]
        names = ["*"] if principal == "*" else [p for v in principal.values() for p in as_list(v)]
        if "*" not in names and context["principal"] not in names:
            return False
        for operator, pairs in st.get("Condition", {}).items():
            if operator not in known:
                raise ValueError(f"operator {operator} not understood")
            if not all(_condition_holds(operator, k, v, context) for k, v in pairs.items()):
                return False
        return True

    sts = statements(document)
    if any(st["Effect"] == "Deny" and applies(st) for st in sts):
        return False
    return any(st["Effect"] == "Allow" and applies(st) for st in sts)

"""The CloudFormation and Terraform flavours must not drift apart: same resources (by
name: Terraform resource names are the templates' logical ids in snake_case), same
IAM actions per role, same parameters and outputs, same key settings.

The Terraform files are parsed with python-hcl2 (tf_dump.py, in its own virtualenv);
there is no terraform binary here, so `terraform validate` is not run."""

import json
import os
import re
import subprocess
import unittest
from pathlib import Path

from templates import INFRA, REPO, allowed_actions, as_list, load_cfn, role_policies_cfn, statements

HCL2_PYTHON = os.environ.get("PARAPET_HCL2_PYTHON") or str(INFRA / ".venv-hcl2" / "bin" / "python")

# CloudFormation type -> Terraform type of the same resource.
TYPES = {
    "AWS::KMS::Key": "aws_kms_key",
    "AWS::KMS::Alias": "aws_kms_alias",
    "AWS::DynamoDB::Table": "aws_dynamodb_table",
    "AWS::SQS::Queue": "aws_sqs_queue",
    "AWS::SQS::QueuePolicy": "aws_sqs_queue_policy",
    "AWS::Events::EventBus": "aws_cloudwatch_event_bus",
    "AWS::Events::EventBusPolicy": "aws_cloudwatch_event_bus_policy",
    "AWS::Events::Rule": "aws_cloudwatch_event_rule",
    "AWS::Lambda::Permission": "aws_lambda_permission",
    "AWS::Lambda::Function": "aws_lambda_function",
    "AWS::Lambda::EventSourceMapping": "aws_lambda_event_source_mapping",
    "AWS::Logs::LogGroup": "aws_cloudwatch_log_group",
    "AWS::IAM::Role": "aws_iam_role",
    "AWS::CloudFormation::CustomResource": "aws_cloudformation_stack",
    "AWS::SecretsManager::Secret": "aws_secretsmanager_secret",
}
# Terraform splits some resources in two: these belong to the resource of the same name.
COMPANIONS = {
    "aws_cloudwatch_event_target": "aws_cloudwatch_event_rule",
    "aws_iam_role_policy": "aws_iam_role",
    "aws_iam_role_policy_attachment": "aws_iam_role",
    "aws_secretsmanager_secret_version": "aws_secretsmanager_secret",
}
# Where the names differ on purpose (each explained where it is defined).
RENAMED = {
    # One bus policy resource per bus in Terraform, with the template's two statements.
    "OrganizationBusPolicy": "bus_policy",
    "AccountsBusPolicy": "bus_policy",
    # The template needs one permission per list slot; Terraform loops (for_each).
    **{f"OnboardAccount{i}Permission": "onboard_account_permission" for i in range(1, 6)},
}
# target-account.yml's resources that Terraform declares inside its CloudFormation stack
# (aws_cloudformation_stack.scan_role, local.scan_role_stack_template): the scan role's
# trust needs the ExternalId the onboard function answers to a stack only (NoEcho).
IN_TF_STACK = {"ScanRole", "ExternalIdSource", "Registration"}
PARAMETER_NAMES = {"CloudTrailBucketName": "cloudtrail_bucket_name", "CloudTrailKmsKeyArn": "cloudtrail_kms_key_arn"}

PAIRS = [
    ("scanner.yml", "modules/scanner"),
    ("target-account.yml", "modules/target-account"),
    ("target-account-region.yml", "modules/target-account-region"),
]


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def tf_dump():
    out = subprocess.run([HCL2_PYTHON, str(Path(__file__).with_name("tf_dump.py"))], capture_output=True, text=True)
    if out.returncode != 0:
        raise AssertionError(f"python-hcl2 could not parse the Terraform files:\n{out.stderr}")
    return json.loads(out.stdout)


def tf_statements(doc, data):
    """The statements of a Terraform policy document, with those of its `dynamic`
    blocks and of the documents it merges (source_policy_documents)."""
    out = list(doc.get("statement", []))
    for dyn in doc.get("dynamic", []):
        out.extend(as_list(dyn["statement"]["content"]))
    for ref in as_list(doc.get("source_policy_documents", [])):
        for name in re.findall(r"data\.aws_iam_policy_document\.(\w+)\.json", str(ref)):
            out.extend(tf_statements(data[("aws_iam_policy_document", name)], data))
    return out


def blocks(dump, module, kind):
    """{(type, name): body} of a module's `resource` or `data` blocks; for `module`,
    {name: body}."""
    out = {}
    for path, doc in dump.items():
        if not path.startswith(module + "/"):
            continue
        for entry in doc.get(kind, []):
            for typ, named in entry.items():
                if kind == "module":
                    out[typ] = named
                    continue
                for name, body in named.items():
                    out[(typ, name)] = body
    return out


class Parity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tf = tf_dump()

    def test_every_tf_file_parses(self):
        tf_files = sorted(str(p.relative_to(INFRA / "terraform")) for p in (INFRA / "terraform").rglob("*.tf"))
        self.assertEqual(sorted(self.tf), tf_files)
        for example in ["examples/single-account/main.tf", "examples/organization/main.tf"]:
            self.assertIn(example, self.tf)

    def _expected(self, template):
        out = set()
        for logical, res in load_cfn(template)["Resources"].items():
            if template == "target-account.yml" and logical in IN_TF_STACK:
                continue
            out.add((TYPES[res["Type"]], RENAMED.get(logical, snake(logical))))
        if template == "target-account.yml":
            out.add(("aws_cloudformation_stack", "scan_role"))
        return out

    def test_stack_in_terraform_holds_the_same_resources(self):
        cfn = load_cfn("target-account.yml")["Resources"]
        stack = None
        for path, doc in self.tf.items():
            if path.startswith("modules/target-account/"):
                for entry in doc.get("locals", []):
                    stack = entry.get("scan_role_stack_template", stack)
        self.assertIsNotNone(stack)
        self.assertEqual(
            {k: v["Type"] for k, v in stack["Resources"].items()},
            {k: cfn[k]["Type"] for k in IN_TF_STACK},
        )

    def test_same_resources(self):
        for template, module in PAIRS:
            with self.subTest(template=template):
                expected = self._expected(template)
                resources = blocks(self.tf, module, "resource")
                primary = {k for k in resources if k[0] not in COMPANIONS}
                if template == "target-account.yml":
                    # Its forwarding rule is the target-account-region module's.
                    self.assertIn("forward_rule", blocks(self.tf, module, "module"))
                    expected.discard(("aws_cloudwatch_event_rule", "forward_rule"))
                self.assertEqual(sorted(expected - primary), [], "in the template, not in Terraform")
                self.assertEqual(sorted(primary - expected), [], "in Terraform, not in the template")
                for typ, name in resources:
                    if typ in COMPANIONS:
                        self.assertIn((COMPANIONS[typ], name), resources, f"{typ}.{name} has no {COMPANIONS[typ]}")

    def test_same_iam_actions_per_role(self):
        for template, module in PAIRS:
            t = load_cfn(template)
            docs_tf = blocks(self.tf, module, "data")
            resources = blocks(self.tf, module, "resource")
            for logical, res in t["Resources"].items():
                if res["Type"] != "AWS::IAM::Role":
                    continue
                name = snake(logical)
                with self.subTest(role=logical):
                    docs, managed = role_policies_cfn(t, logical)
                    cfn_actions = sorted(set(allowed_actions(docs)))
                    doc = docs_tf[("aws_iam_policy_document", name)]
                    tf_actions = sorted({
                        a for st in tf_statements(doc, docs_tf) if st.get("effect", "Allow") == "Allow"
                        for a in as_list(st.get("actions", []))
                    })
                    self.assertEqual(tf_actions, cfn_actions)
                    tf_managed = [r["policy_arn"] for (typ, n), r in resources.items() if typ == "aws_iam_role_policy_attachment" and n == name]
                    self.assertEqual(
                        [m.split("policy/")[-1] for m in tf_managed],
                        [m["Fn::Sub"].split("policy/")[-1] for m in managed],
                    )

    def test_same_parameters_and_outputs(self):
        for template, module in PAIRS:
            t = load_cfn(template)
            variables = {}
            for path, doc in self.tf.items():
                if path.startswith(module + "/") or (module.endswith("region") and path == f"{module}/main.tf"):
                    for v in doc.get("variable", []):
                        variables.update(v)
            outputs = {}
            for path, doc in self.tf.items():
                if path.startswith(module + "/"):
                    for o in doc.get("output", []):
                        outputs.update(o)
            with self.subTest(template=template):
                params = {PARAMETER_NAMES.get(p, snake(p)): spec for p, spec in t["Parameters"].items()}
                self.assertEqual(sorted(set(params) - set(variables)), [])
                self.assertEqual(sorted(set(variables) - set(params)), [])
                for name, spec in params.items():
                    tf_default = variables[name].get("default")
                    if isinstance(tf_default, list):
                        continue  # a list in Terraform, a separated string in the template
                    if "Default" in spec and spec["Type"] in ("String", "Number") and spec["Default"] not in ("true", "false"):
                        self.assertEqual(str(variables[name].get("default")), str(spec["Default"]), name)
                cfn_outputs = {snake(o) for o in t.get("Outputs", {})}
                if module.endswith("region"):
                    cfn_outputs.add("rule_arn")
                self.assertEqual(sorted(cfn_outputs), sorted(outputs))

    def test_same_settings(self):
        t = load_cfn("scanner.yml")["Resources"]
        tf = blocks(self.tf, "modules/scanner", "resource")
        for logical in ["SchedulerFunction", "WorkerFunction", "EventsFunction", "OnboardFunction"]:
            cfn, fn = t[logical]["Properties"], tf[("aws_lambda_function", snake(logical))]
            with self.subTest(function=logical):
                self.assertEqual((fn["runtime"], fn["handler"]), (cfn["Runtime"], cfn["Handler"]))
                self.assertEqual(fn["timeout"], cfn["Timeout"])
                env = fn["environment"][0]["variables"]
                names = set(re.findall(r"PARAPET_[A-Z_]+", env)) | {"PARAPET_TABLE", "PARAPET_SCAN_QUEUE_URL", "PARAPET_MAX_RECEIVE", "PARAPET_LOG"}
                if "local.external_id_key_env" in env:
                    names.add("PARAPET_EXTERNAL_ID_KEY_ARN")
                self.assertEqual(names, set(cfn["Environment"]["Variables"]))
        for logical in ["ScanQueue", "EventsQueue"]:
            self.assertEqual(
                tf[("aws_sqs_queue", snake(logical))]["visibility_timeout_seconds"],
                t[logical]["Properties"]["VisibilityTimeout"],
            )
        table = tf[("aws_dynamodb_table", "table")]
        gsis = {g["name"]: (g["hash_key"], g["range_key"], g["projection_type"]) for g in table["global_secondary_index"]}
        cfn_gsis = {
            g["IndexName"]: tuple(k["AttributeName"] for k in g["KeySchema"]) + (g["Projection"]["ProjectionType"],)
            for g in t["Table"]["Properties"]["GlobalSecondaryIndexes"]
        }
        self.assertEqual(gsis, cfn_gsis)
        self.assertEqual(table["ttl"][0]["attribute_name"], "expires_at")
        self.assertTrue(table["point_in_time_recovery"][0]["enabled"])
        self.assertTrue(table["server_side_encryption"][0]["enabled"])
        for logical in ["WorkerQueueMapping", "EventsQueueMapping"]:
            self.assertEqual(tf[("aws_lambda_event_source_mapping", snake(logical))]["function_response_types"], ["ReportBatchItemFailures"])

    def test_same_forwarded_event_sources(self):
        cfn = load_cfn("target-account-region.yml")["Resources"]["ForwardRule"]["Properties"]["EventPattern"]
        text = (INFRA / "terraform" / "modules" / "target-account-region" / "main.tf").read_text()
        tf_sources = set(re.findall(r'"([a-z0-9-]+\.amazonaws\.com)"', text.split("eventSource", 1)[1].split("]", 1)[0]))
        self.assertEqual(tf_sources, set(cfn["detail"]["eventSource"]))

    def test_terraform_scan_role_is_read_only(self):
        import policy_rules

        data = blocks(self.tf, "modules/target-account", "data")
        doc = data[("aws_iam_policy_document", "scan_role")]
        self.assertNotIn("dynamic", doc)
        actions = [a for st in doc["statement"] for a in as_list(st["actions"])]
        self.assertGreater(len(actions), 40)
        for st in doc["statement"]:
            self.assertEqual(st.get("effect", "Allow"), "Allow")
            self.assertNotIn("not_actions", st)
        self.assertEqual([p for p in map(policy_rules.problems, actions) if p], [])
        resources = blocks(self.tf, "modules/target-account", "resource")
        # No AWS managed policy (SecurityAudit reads data).
        self.assertEqual([r for (t, _), r in resources.items() if t == "aws_iam_role_policy_attachment"], [])

    def test_terraform_trust_requires_external_id(self):
        stack = None
        for path, doc in self.tf.items():
            if path.startswith("modules/target-account/"):
                for entry in doc.get("locals", []):
                    stack = entry.get("scan_role_stack_template", stack)
        (st,) = stack["Resources"]["ScanRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        self.assertEqual(
            st["Condition"]["StringEquals"]["sts:ExternalId"],
            {"Fn::If": ["Register", {"Fn::GetAtt": ["ExternalIdSource", "ExternalId"]}, {"Ref": "ExternalId"}]},
        )
        self.assertEqual(st["Principal"], {"AWS": {"Fn::Sub": "arn:$${AWS::Partition}:iam::$${ScannerAccountId}:root"}})


if __name__ == "__main__":
    unittest.main()

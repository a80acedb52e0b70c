"""The installation's defences (issue 17), checked on both flavours: the scan role reads
configuration and never data (effective permissions), per-account ExternalIds derived
from a key the scanner generates, who may send to the queues and the bus, which target
roles the scanner may assume, and the events function's narrow table access.

Both flavours are read offline (moto skips queue and bus policies and does not evaluate
IAM conditions); see each test for what only a real AWS deployment can show."""

import re
import unittest

import role_actions
from data_reads import ANY, DATA_READS, KNOWN_MANAGED_POLICIES
from effective import decide, from_tf, resolve_cfn, resource_policy_allows
from templates import REPO, as_list, load_cfn, role_policies_cfn, statements
from test_parity import blocks, tf_dump

SCANNER = "111111111111"
SCAN_ROLE_SUBS = {"ScannerAccountId": "111111111111", "ScannerNamePrefix": ""}
FUNCTION_ROLES = ["SchedulerRole", "WorkerRole", "EventsRole", "OnboardRole"]
DERIVING_ROLES = ["SchedulerRole", "WorkerRole", "OnboardRole"]


def collector_api_paths():
    """The API Gateway paths the collectors GET (read from their source), as IAM resource
    paths: `{}` segments become `*`, and API Gateway V2's `/v2/apis` is the `/apis`
    resource."""
    paths = set()
    for name in ["apigateway.rs", "apigatewayv2.rs"]:
        src = (REPO / "shared" / "src" / "collect" / name).read_text()
        for p in re.findall(r'"(/[a-z0-9/{}]+)"', src):
            paths.add(re.sub(r"^/v2/", "/", p).replace("{}", "*"))
    return paths


def concrete(path):
    return "arn:aws:apigateway:eu-west-1::" + path.replace("*", "a1b2c3")


class Flavours:
    """The scan role's documents and managed policies in each flavour."""

    @classmethod
    def load(cls):
        if hasattr(cls, "roles"):
            return cls.roles
        t = load_cfn("target-account.yml")
        docs, managed = role_policies_cfn(t, "ScanRole")
        cfn = ([resolve_cfn(d, SCAN_ROLE_SUBS) for d in docs], managed)
        cls.tf = tf_dump()
        data = blocks(cls.tf, "modules/target-account", "data")
        resources = blocks(cls.tf, "modules/target-account", "resource")
        try:
            role = stack_template(cls.tf)["Resources"]["ScanRole"]["Properties"]
            names = [re.fullmatch(r"\$\{jsondecode\(data\.aws_iam_policy_document\.(\w+)\.json\)\}",
                                  p["PolicyDocument"]).group(1) for p in role["Policies"]]
        except AssertionError:
            # A module whose scan role is a plain aws_iam_role (before issue 17): its
            # policy document, so that the checks below say what it allows.
            role = {}
            names = [n for (typ, n) in data if typ == "aws_iam_policy_document" and n.startswith("scan_role")
                     and n != "scan_role_trust"]
        tf_docs = [from_tf(data[("aws_iam_policy_document", n)]) for n in names]
        tf_managed = role.get("ManagedPolicyArns", []) + [
            r["policy_arn"] for (typ, _), r in resources.items() if typ == "aws_iam_role_policy_attachment"
        ]
        cls.roles = {"CloudFormation": cfn, "Terraform": (tf_docs, tf_managed)}
        return cls.roles


def stack_template(tf):
    for path, doc in tf.items():
        if path.startswith("modules/target-account/"):
            for entry in doc.get("locals", []):
                if "scan_role_stack_template" in entry:
                    return entry["scan_role_stack_template"]
    raise AssertionError("modules/target-account has no local scan_role_stack_template")


class ScanRoleReadsNoData(unittest.TestCase):
    """Finding: SecurityAudit (attached before) includes data reads, and apigateway:GET on
    "*" returns API key values. The role's effective permissions must include none of the
    reads in data_reads.py, in either flavour."""

    @classmethod
    def setUpClass(cls):
        cls.roles = Flavours.load()

    def test_no_data_read_is_effectively_allowed(self):
        for flavour, (docs, managed) in self.roles.items():
            allowed = []
            for action, resource, why in DATA_READS:
                ok, reason = decide(docs, managed, action, resource, KNOWN_MANAGED_POLICIES)
                if ok:
                    allowed.append(f"{action} on {resource} ({why}): {reason}")
            with self.subTest(flavour=flavour):
                self.assertEqual(allowed, [])

    def test_every_collector_call_is_effectively_allowed(self):
        # The same evaluation is not vacuous: it lets through everything parapet calls.
        actions = role_actions.manifest_actions() - role_actions.PATH_SCOPED
        self.assertGreater(len(actions), 100)
        paths = collector_api_paths()
        self.assertEqual(paths, {"/restapis", "/restapis/*/stages", "/domainnames", "/apis", "/apis/*/stages"})
        # The manifest's API Gateway resources are the paths the collectors GET.
        declared = role_actions.path_scoped_resources("aws")["apigateway:GET"]
        self.assertEqual(sorted(r.split("::", 1)[1] for r in declared), sorted(paths))
        for flavour, (docs, managed) in self.roles.items():
            refused = [a for a in sorted(actions) if not decide(docs, managed, a, ANY)[0]]
            refused += [p for p in sorted(paths) if not decide(docs, managed, "apigateway:GET", concrete(p))[0]]
            with self.subTest(flavour=flavour):
                self.assertEqual(refused, [])

    def test_no_collector_needs_a_data_read(self):
        actions = {a.lower() for a in role_actions.manifest_actions()}
        needed = sorted(a for a, _, _ in DATA_READS if a.lower() in actions and a != "apigateway:GET")
        self.assertEqual(needed, [])
        # API Gateway: the collectors' paths are none of the data paths.
        for _, resource, _ in [d for d in DATA_READS if d[0] == "apigateway:GET"]:
            for path in collector_api_paths():
                self.assertFalse(re.fullmatch(path.replace("*", "[^/]+"), resource.split("::", 1)[1]), path)

    def test_the_deny_alone_stops_every_data_read(self):
        # Defence in depth: with an Allow of everything added (an administrator attaching
        # a broad policy), the role's explicit Deny still refuses every data read.
        everything = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        for flavour, (docs, _) in self.roles.items():
            denies = [{"Statement": [s for d in docs for s in statements(d) if s.get("Effect") == "Deny"]}]
            allowed = [f"{a} on {r}" for a, r, _ in DATA_READS if decide(denies + [everything], [], a, r)[0]]
            with self.subTest(flavour=flavour):
                self.assertEqual(allowed, [])

    def test_the_evaluation_itself(self):
        # Unknown managed policy: allowed (cannot be ruled out). Wildcards expand, a Deny
        # wins, a conditional Deny does not count.
        self.assertTrue(decide([], ["arn:aws:iam::aws:policy/SecurityAudit"], "s3:GetObject", ANY)[0])
        allow = {"Statement": [{"Effect": "Allow", "Action": ["ssm:Get*", "apigateway:GET"], "Resource": "*"}]}
        self.assertTrue(decide([allow], [], "ssm:GetParameter", ANY)[0])
        self.assertTrue(decide([allow], [], "apigateway:GET", "arn:aws:apigateway:us-east-1::/apikeys")[0])
        deny = {"Statement": [{"Effect": "Deny", "Action": "ssm:GetParameter*", "Resource": "*"}]}
        self.assertFalse(decide([allow, deny], [], "SSM:GetParametersByPath", ANY)[0])
        self.assertTrue(decide([allow, deny], [], "ssm:GetDocument", ANY)[0])
        conditional = {"Statement": [{**deny["Statement"][0], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
        self.assertTrue(decide([allow, conditional], [], "ssm:GetParameter", ANY)[0])
        scoped = {"Statement": [{"Effect": "Allow", "Action": "apigateway:GET",
                                 "Resource": "arn:aws:apigateway:*::/restapis/*/stages"}]}
        self.assertTrue(decide([scoped], [], "apigateway:GET", "arn:aws:apigateway:us-east-1::/restapis/x/stages")[0])
        self.assertFalse(decide([scoped], [], "apigateway:GET", "arn:aws:apigateway:us-east-1::/apikeys")[0])

    def test_no_managed_policy_in_either_flavour(self):
        for flavour, (_, managed) in self.roles.items():
            with self.subTest(flavour=flavour):
                self.assertEqual(managed, [])


class PerAccountExternalIds(unittest.TestCase):
    """Finding: one ExternalId shared by every account, readable by every member's
    administrator. Now: a key the scanner stack generates; each account's ExternalId is
    derived from it by the onboard function and reaches only that account's stack."""

    @classmethod
    def setUpClass(cls):
        cls.scanner = load_cfn("scanner.yml")
        cls.target = load_cfn("target-account.yml")
        cls.tf = Flavours.load() and Flavours.tf

    def test_scanner_generates_the_key_and_takes_no_external_id(self):
        r = self.scanner["Resources"]
        key = r["ExternalIdKey"]
        self.assertEqual(key["Type"], "AWS::SecretsManager::Secret")
        p = key["Properties"]
        self.assertNotIn("SecretString", p)
        self.assertGreaterEqual(p["GenerateSecretString"]["PasswordLength"], 48)
        self.assertEqual(p["KmsKeyId"], {"Fn::GetAtt": ["DataKey", "Arn"]})
        self.assertFalse([k for k in self.scanner["Parameters"] if "external" in k.lower()])
        tf = blocks(self.tf, "modules/scanner", "resource")
        self.assertIn(("aws_secretsmanager_secret", "external_id_key"), tf)
        version = tf[("aws_secretsmanager_secret_version", "external_id_key")]
        self.assertEqual(version["secret_string"], "${data.aws_secretsmanager_random_password.external_id_key.random_password}")
        generated = blocks(self.tf, "modules/scanner", "data")[("aws_secretsmanager_random_password", "external_id_key")]
        self.assertGreaterEqual(generated["password_length"], 48)
        variables = {k for path, doc in self.tf.items() if path.startswith("modules/scanner/")
                     for v in doc.get("variable", []) for k in v}
        self.assertFalse([v for v in variables if "external" in v])

    def test_only_deriving_functions_get_the_key(self):
        r = self.scanner["Resources"]
        for fn in ["Scheduler", "Worker", "Events", "Onboard"]:
            env = r[f"{fn}Function"]["Properties"]["Environment"]["Variables"]
            role = f"{fn}Role"
            docs, _ = role_policies_cfn(self.scanner, role)
            reads = [st for d in docs for st in statements(d) if "secretsmanager:GetSecretValue" in as_list(st.get("Action"))]
            with self.subTest(function=fn):
                if role in DERIVING_ROLES:
                    self.assertEqual(env["PARAPET_EXTERNAL_ID_KEY_ARN"], {"Ref": "ExternalIdKey"})
                    self.assertEqual([st["Resource"] for st in reads], [{"Ref": "ExternalIdKey"}])
                    self.assertIn(
                        {"Sid": "ExternalIdKeyDecrypt", "Effect": "Allow", "Action": "kms:Decrypt",
                         "Resource": {"Fn::GetAtt": ["DataKey", "Arn"]},
                         "Condition": {"StringEquals": {"kms:ViaService": {"Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com"}}}},
                        [st for d in docs for st in statements(d)],
                    )
                else:
                    self.assertNotIn("PARAPET_EXTERNAL_ID_KEY_ARN", env)
                    self.assertEqual(reads, [])
        tf = blocks(self.tf, "modules/scanner", "resource")
        for fn in ["scheduler", "worker", "onboard"]:
            env = tf[("aws_lambda_function", f"{fn}_function")]["environment"][0]["variables"]
            self.assertIn("local.external_id_key_env", env, fn)
        self.assertNotIn("external_id_key", tf[("aws_lambda_function", "events_function")]["environment"][0]["variables"])

    def test_target_stack_asks_the_onboard_function(self):
        r = self.target["Resources"]
        self.assertEqual(r["ExternalIdSource"], {
            "Type": "Custom::ParapetExternalId", "Condition": "Register",
            "Properties": {"ServiceToken": {"Ref": "OnboardFunctionArn"}},
        })
        (st,) = statements(r["ScanRole"]["Properties"]["AssumeRolePolicyDocument"])
        self.assertEqual(
            st["Condition"]["StringEquals"]["sts:ExternalId"],
            {"Fn::If": ["Register", {"Fn::GetAtt": ["ExternalIdSource", "ExternalId"]}, {"Ref": "ExternalId"}]},
        )
        self.assertNotIn("ExternalId", r["Registration"]["Properties"])
        # The parameter remains for an account registered another way, never required
        # with registration, and then enforced by a rule.
        p = self.target["Parameters"]["ExternalId"]
        self.assertTrue(p["NoEcho"])
        self.assertEqual(p["Default"], "")
        rule = self.target["Rules"]["ExternalIdWithoutRegistration"]
        self.assertEqual(rule["RuleCondition"], {"Fn::Equals": [{"Ref": "OnboardFunctionArn"}, ""]})

    def test_stackset_passes_no_external_id(self):
        t = load_cfn("organization-stackset.yml")
        self.assertNotIn("ExternalId", t["Parameters"])
        for name, res in t["Resources"].items():
            keys = {p["ParameterKey"] for p in res["Properties"]["Parameters"]}
            self.assertNotIn("ExternalId", keys, name)
        self.assertIn("OnboardFunctionArn", {p["ParameterKey"] for p in t["Resources"]["TargetStackSet"]["Properties"]["Parameters"]})

    def test_terraform_target_uses_the_same_stack_resources(self):
        # Terraform cannot read a NoEcho custom resource answer: the scan role, the
        # ExternalId source and the registration are one CloudFormation stack, the same
        # resources as target-account.yml.
        stack = stack_template(self.tf)
        cfn = self.target["Resources"]
        unescape = lambda v: resolve_dollars(v)
        self.assertEqual(unescape(stack["Resources"]["ExternalIdSource"]), cfn["ExternalIdSource"])
        self.assertEqual(
            unescape(stack["Resources"]["ScanRole"]["Properties"]["AssumeRolePolicyDocument"]),
            cfn["ScanRole"]["Properties"]["AssumeRolePolicyDocument"],
        )
        self.assertEqual(stack["Resources"]["Registration"]["Type"], cfn["Registration"]["Type"])
        self.assertEqual(stack["Resources"]["Registration"]["Condition"], "Register")
        self.assertEqual(stack["Conditions"]["Register"], cfn_condition(self.target, "Register"))
        registration = stack["Resources"]["Registration"]["Properties"]
        self.assertNotIn("ExternalId", registration)
        self.assertIn("ServiceToken", registration)
        self.assertTrue(stack["Parameters"]["ExternalId"]["NoEcho"])
        resources = blocks(self.tf, "modules/target-account", "resource")
        self.assertNotIn(("aws_iam_role", "scan_role"), resources)
        body = resources[("aws_cloudformation_stack", "scan_role")]
        self.assertEqual(body["template_body"], "${jsonencode(local.scan_role_stack_template)}")
        self.assertEqual(set(stack.get("Outputs", {})), {"ScanRoleArn"})


def resolve_dollars(value):
    """Terraform writes CloudFormation's ${X} as $${X}."""
    if isinstance(value, dict):
        return {k: resolve_dollars(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_dollars(v) for v in value]
    return value.replace("$${", "${") if isinstance(value, str) else value


def cfn_condition(template, name):
    return template["Conditions"][name]


class QueuesTakeOnlyParapetMessages(unittest.TestCase):
    """Finding: any principal with sqs:SendMessage in its own account policy could put a
    forged task on the scan queue. The queue policies now deny SendMessage to everyone but
    the installation's senders. IAM's evaluation of ArnNotEquals on aws:PrincipalArn /
    aws:SourceArn is a real-AWS matter (moto skips queue policies)."""

    @classmethod
    def setUpClass(cls):
        cls.r = load_cfn("scanner.yml")["Resources"]
        cls.tf = Flavours.load() and Flavours.tf

    def deny(self, policy):
        sts = [st for st in statements(self.r[policy]["Properties"]["PolicyDocument"]) if st["Effect"] == "Deny"]
        self.assertEqual(len(sts), 1, policy)
        (st,) = sts
        self.assertEqual((st["Principal"], st["Action"]), ("*", "sqs:SendMessage"))
        return st

    def test_scan_queue_only_from_scheduler_worker_and_events(self):
        st = self.deny("ScanQueuePolicy")
        self.assertEqual(st["Resource"], {"Fn::GetAtt": ["ScanQueue", "Arn"]})
        self.assertEqual(
            st["Condition"], {"ArnNotEquals": {"aws:PrincipalArn": [
                {"Fn::GetAtt": ["SchedulerRole", "Arn"]}, {"Fn::GetAtt": ["WorkerRole", "Arn"]},
                {"Fn::GetAtt": ["EventsRole", "Arn"]}]}},
        )
        # The onboard role sends nothing: no SQS permission at all.
        docs, _ = role_policies_cfn(load_cfn("scanner.yml"), "OnboardRole")
        self.assertFalse([a for d in docs for st in statements(d) for a in as_list(st["Action"]) if a.startswith("sqs:")])

    def test_events_and_schedule_queues_only_from_their_sources(self):
        st = self.deny("EventsQueuePolicy")
        self.assertEqual(st["Condition"]["ArnNotEquals"]["aws:SourceArn"], {"Fn::If": [
            "HasTrailBucket",
            [{"Fn::GetAtt": ["CloudTrailEventsRule", "Arn"]}, {"Fn::Sub": "arn:${AWS::Partition}:s3:::${CloudTrailBucketName}"}],
            [{"Fn::GetAtt": ["CloudTrailEventsRule", "Arn"]}],
        ]})
        st = self.deny("ScheduleDeadLetterQueuePolicy")
        self.assertEqual(st["Condition"], {"ArnNotEquals": {"aws:SourceArn": {"Fn::GetAtt": ["ScheduleRule", "Arn"]}}})

    def evaluate(self, policy, context, trail_bucket=False):
        names = ["ScanQueue", "EventsQueue", "ScheduleDeadLetterQueue", "SchedulerRole", "WorkerRole",
                 "EventsRole", "OnboardRole", "CloudTrailEventsRule", "ScheduleRule"]
        subs = {f"{n}.Arn": f"arn:aws:test::{SCANNER}:{n}" for n in names}
        subs["CloudTrailBucketName"] = "org-trail"
        doc = resolve_cfn(self.r[policy]["Properties"]["PolicyDocument"], subs, {"HasTrailBucket": trail_bucket})
        # The caller's own IAM policies may allow SendMessage (an administrator's do):
        # model that as an Allow of everything, so the question is what the Deny removes.
        doc["Statement"].append({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})
        return resource_policy_allows(doc, context)

    def test_who_gets_through(self):
        arn = lambda n: f"arn:aws:test::{SCANNER}:{n}"
        member_admin = {"principal": "arn:aws:iam::222222222222:role/Admin", "aws:PrincipalArn": "arn:aws:iam::222222222222:role/Admin"}
        scanner_admin = {"principal": f"arn:aws:iam::{SCANNER}:role/Admin", "aws:PrincipalArn": f"arn:aws:iam::{SCANNER}:role/Admin"}
        for role in ["SchedulerRole", "WorkerRole", "EventsRole"]:
            self.assertTrue(self.evaluate("ScanQueuePolicy", {"principal": arn(role), "aws:PrincipalArn": arn(role)}), role)
        for who in [member_admin, scanner_admin, {"principal": arn("OnboardRole"), "aws:PrincipalArn": arn("OnboardRole")},
                    {"principal": "events.amazonaws.com", "aws:SourceArn": arn("CloudTrailEventsRule")}]:
            self.assertFalse(self.evaluate("ScanQueuePolicy", who), who)
        rule = {"principal": "events.amazonaws.com", "aws:SourceArn": arn("CloudTrailEventsRule")}
        other_rule = {"principal": "events.amazonaws.com", "aws:SourceArn": "arn:aws:events:us-east-1:222222222222:rule/x"}
        trail = {"principal": "s3.amazonaws.com", "aws:SourceArn": "arn:aws:s3:::org-trail"}
        self.assertTrue(self.evaluate("EventsQueuePolicy", rule))
        self.assertTrue(self.evaluate("EventsQueuePolicy", trail, trail_bucket=True))
        for who in [other_rule, trail, member_admin, scanner_admin]:
            self.assertFalse(self.evaluate("EventsQueuePolicy", who), who)
        self.assertTrue(self.evaluate("ScheduleDeadLetterQueuePolicy", {"principal": "events.amazonaws.com", "aws:SourceArn": arn("ScheduleRule")}))
        for who in [rule, scanner_admin]:
            self.assertFalse(self.evaluate("ScheduleDeadLetterQueuePolicy", who), who)

    def test_terraform_denies_the_same(self):
        data = blocks(self.tf, "modules/scanner", "data")
        resources = blocks(self.tf, "modules/scanner", "resource")
        expected = {
            "scan_queue_policy": ("aws:PrincipalArn", ["${aws_iam_role.scheduler_role.arn}", "${aws_iam_role.worker_role.arn}", "${aws_iam_role.events_role.arn}"]),
            "events_queue_policy": ("aws:SourceArn", None),
            "schedule_dead_letter_queue_policy": ("aws:SourceArn", ["${aws_cloudwatch_event_rule.schedule_rule.arn}"]),
        }
        for name, (variable, values) in expected.items():
            with self.subTest(policy=name):
                self.assertIn(("aws_sqs_queue_policy", name), resources)
                denies = [st for st in data[("aws_iam_policy_document", name)]["statement"] if st.get("effect") == "Deny"]
                (st,) = denies
                self.assertEqual(st["actions"], ["sqs:SendMessage"])
                self.assertEqual(st["principals"][0]["identifiers"], ["*"])
                (c,) = st["condition"]
                self.assertEqual((c["test"], c["variable"]), ("ArnNotEquals", variable))
                if values:
                    self.assertEqual(c["values"], values)


class AssumeRoleOnlyInTheScannedAccounts(unittest.TestCase):
    """Finding: the worker and scheduler could assume parapet-scan* in any account. Now
    sts:AssumeRole (worker, scheduler, onboard) names the Organization (aws:ResourceOrgID)
    or the listed accounts (aws:ResourceAccount). IAM's evaluation of these keys on
    AssumeRole is a real-AWS matter."""

    def test_every_assume_role_is_conditioned(self):
        t = load_cfn("scanner.yml")
        tf = Flavours.load() and Flavours.tf
        data = blocks(tf, "modules/scanner", "data")
        target_access = from_tf(data[("aws_iam_policy_document", "target_access")])
        for role in FUNCTION_ROLES:
            docs, _ = role_policies_cfn(t, role)
            assumes = [st for d in docs for st in statements(d) if "sts:AssumeRole" in as_list(st.get("Action"))]
            tf_doc = data[("aws_iam_policy_document", role.replace("Role", "").lower() + "_role")]
            tf_assumes = [st for st in target_access["Statement"] if st["Action"] == ["sts:AssumeRole"]] \
                if "target_access" in str(tf_doc.get("source_policy_documents", "")) else []
            with self.subTest(role=role):
                if role == "EventsRole":
                    self.assertEqual((assumes, tf_assumes), ([], []))
                    continue
                self.assertEqual(
                    {st["Sid"]: list(st["Condition"]["StringEquals"]) for st in assumes},
                    {"TargetRolesInOrganization": ["aws:ResourceOrgID"], "TargetRolesInListedAccounts": ["aws:ResourceAccount"]},
                )
                self.assertEqual(
                    {st["Sid"]: list(st["Condition"]["StringEquals"]) for st in tf_assumes},
                    {"TargetRolesInOrganization": ["aws:ResourceOrgID"], "TargetRolesInListedAccounts": ["aws:ResourceAccount"]},
                )
                for st in assumes:
                    self.assertEqual(st["Resource"], {"Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${TargetRoleNamePattern}"})
        # Without an Organization the account list always applies (this account at least).
        self.assertEqual(t["Conditions"]["HasListedAccounts"],
                         {"Fn::Or": [{"Condition": "HasMemberAccounts"}, {"Fn::Equals": [{"Ref": "OrganizationId"}, ""]}]})


class BoundedEventIntake(unittest.TestCase):
    """Finding: the bus admitted any principal of the Organization and the rule any
    source. Now only the target stacks' forwarding roles may put events, and the rule
    takes only aws.* sources with CloudTrail's detail-type."""

    def test_rule_matches_aws_sources_and_cloudtrail_only(self):
        rule = load_cfn("scanner.yml")["Resources"]["CloudTrailEventsRule"]["Properties"]["EventPattern"]
        self.assertEqual(rule, {"source": [{"prefix": "aws."}], "detail-type": ["AWS API Call via CloudTrail"]})
        text = (REPO / "infra" / "terraform" / "modules" / "scanner" / "main.tf").read_text()
        pattern = text.split('resource "aws_cloudwatch_event_rule" "cloud_trail_events_rule"', 1)[1].split("})", 1)[0]
        self.assertIn('source      = [{ prefix = "aws." }]', pattern)
        self.assertIn('detail-type = ["AWS API Call via CloudTrail"]', pattern)

    def test_bus_admits_only_forwarding_roles(self):
        t = load_cfn("scanner.yml")
        forward = {"Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${TargetRoleNamePattern}-forward-events"}
        for name in ["OrganizationBusPolicy", "AccountsBusPolicy"]:
            st = t["Resources"][name]["Properties"]["Statement"]
            self.assertEqual(st["Condition"]["ArnLike"], {"aws:PrincipalArn": forward}, name)
        # The pattern matches the role the target stack creates, and not the scan role
        # or any other role of a member account.
        pattern = resolve_cfn(forward, {"TargetRoleNamePattern": t["Parameters"]["TargetRoleNamePattern"]["Default"]})
        target = load_cfn("target-account.yml")
        created = resolve_cfn(target["Resources"]["ForwardRole"]["Properties"]["RoleName"],
                              {"RoleName": target["Parameters"]["RoleName"]["Default"]})
        arn = lambda role: f"arn:aws:iam::222222222222:role/{role}"
        allow = {"Statement": [{"Effect": "Allow", "Action": "events:PutEvents", "Resource": "*", "Sid": "bus"}]}
        self.assertEqual(created, "parapet-scan-forward-events")
        for role, expected in [(created, True), ("parapet-scan", False), ("Admin", False), ("forward-events", False)]:
            matched = decide([allow], [], "events:PutEvents", "*")[0] and _arn_like(pattern, arn(role))
            self.assertEqual(matched, expected, role)
        tf = Flavours.load() and Flavours.tf
        doc = blocks(tf, "modules/scanner", "data")[("aws_iam_policy_document", "bus_policy")]
        for dyn in doc["dynamic"]:
            conditions = {(c["test"], c["variable"]): c["values"] for c in dyn["statement"]["content"][0]["condition"]}
            self.assertEqual(conditions[("ArnLike", "aws:PrincipalArn")], ["${local.forward_roles}"])


def _arn_like(pattern, value):
    from effective import _glob

    return _glob(pattern, value)


class EventsRoleTableAccess(unittest.TestCase):
    """Finding: the events function's role could write and delete any table item. It
    reads the account and the scan's LATEST pointer, queries the account index on old
    tables, and updates only its RESCAN# rate-limit counters."""

    # Store methods the events function may call, with the DynamoDB actions they use
    # (shared/src/store/dynamodb.rs). A new one fails here until its permission is checked.
    STORE_CALLS = {
        "account": {"dynamodb:GetItem"},
        "latest_scan_id": {"dynamodb:GetItem", "dynamodb:Query"},
        "scan": {"dynamodb:GetItem"},
        "admit_rescan": {"dynamodb:UpdateItem"},
    }
    RATE_LIMIT = re.compile(r"rescan|rate")

    def test_rescan_counters_are_keyed_as_the_condition_says(self):
        # The LeadingKeys condition admits partition keys starting RESCAN#; the store
        # must write its counters under such keys, or every rescan would be refused.
        src = (REPO / "shared" / "src" / "store" / "dynamodb.rs").read_text()
        body = src.split("async fn admit_rescan", 1)[1].split("\n    async fn ", 1)[0]
        keys = re.findall(r'key\(\s*format!\("([^"]*)"', body)
        self.assertTrue(keys, "admit_rescan writes no item key this test can read")
        self.assertTrue(all(k.startswith("RESCAN#") for k in keys), keys)

    def test_table_statements(self):
        t = load_cfn("scanner.yml")
        docs, _ = role_policies_cfn(t, "EventsRole")
        table = {st["Sid"]: st for d in docs for st in statements(d) if any(a.startswith("dynamodb:") for a in as_list(st["Action"]))}
        self.assertEqual(table, {
            "Table": {"Sid": "Table", "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": {"Fn::GetAtt": ["Table", "Arn"]}},
            "AccountIndex": {"Sid": "AccountIndex", "Effect": "Allow", "Action": "dynamodb:Query", "Resource": {"Fn::Sub": "${Table.Arn}/index/account"}},
            "RescanCounters": {"Sid": "RescanCounters", "Effect": "Allow", "Action": "dynamodb:UpdateItem",
                               "Resource": {"Fn::GetAtt": ["Table", "Arn"]},
                               "Condition": {"ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["RESCAN#*"]}}},
        })
        tf = Flavours.load() and Flavours.tf
        doc = blocks(tf, "modules/scanner", "data")[("aws_iam_policy_document", "events_role")]
        tf_table = {st["sid"]: st for st in doc["statement"] if any(a.startswith("dynamodb:") for a in st["actions"])}
        self.assertEqual({k: v["actions"] for k, v in tf_table.items()},
                         {"Table": ["dynamodb:GetItem"], "AccountIndex": ["dynamodb:Query"], "RescanCounters": ["dynamodb:UpdateItem"]})
        self.assertEqual(tf_table["AccountIndex"]["resources"], ["${aws_dynamodb_table.table.arn}/index/account"])
        self.assertEqual([(c["test"], c["variable"], c["values"]) for c in tf_table["RescanCounters"]["condition"]],
                         [("ForAllValues:StringLike", "dynamodb:LeadingKeys", ["RESCAN#*"])])

    def test_events_function_calls_only_these_store_methods(self):
        src = (REPO / "shared" / "src" / "serverless" / "events.rs").read_text()
        called = set(re.findall(r"\bstore\s*\.\s*(\w+)\s*\(", src))
        self.assertTrue(called, "the events function reads the store")
        unknown = sorted(m for m in called if m not in self.STORE_CALLS and not self.RATE_LIMIT.search(m))
        self.assertEqual(unknown, [], "a new store call: check the events role's table permissions")
        docs, _ = role_policies_cfn(load_cfn("scanner.yml"), "EventsRole")
        granted = {a for d in docs for st in statements(d) for a in as_list(st["Action"])}
        needed = set().union(*(self.STORE_CALLS.get(m, {"dynamodb:UpdateItem"}) for m in called))
        self.assertEqual(sorted(needed - granted), [])


class OnboardRole(unittest.TestCase):
    def test_onboard_permissions_follow_the_contract(self):
        t = load_cfn("scanner.yml")
        docs, _ = role_policies_cfn(t, "OnboardRole")
        sts = {st["Sid"]: st for d in docs for st in statements(d)}
        self.assertEqual(sorted(as_list(sts["Table"]["Action"])),
                         ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"])
        self.assertEqual(sts["Table"]["Resource"], {"Fn::GetAtt": ["Table", "Arn"]})
        self.assertEqual(sts["ExternalIdKey"]["Resource"], {"Ref": "ExternalIdKey"})
        self.assertIn("TargetRolesInOrganization", sts)
        # The scan role trusts the onboard role too (it proves the role before registering).
        (trust,) = statements(load_cfn("target-account.yml")["Resources"]["ScanRole"]["Properties"]["AssumeRolePolicyDocument"])
        self.assertIn({"Fn::Sub": "arn:${AWS::Partition}:iam::${ScannerAccountId}:role/${ScannerNamePrefix}parapet-onboard-*"},
                      trust["Condition"]["ArnLike"]["aws:PrincipalArn"])


if __name__ == "__main__":
    unittest.main()

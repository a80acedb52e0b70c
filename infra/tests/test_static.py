"""Checks on the templates themselves: linters, the read-only target role, permission
coverage of the collectors, and the properties moto cannot show."""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
from pathlib import Path

import policy_rules
import role_actions
from templates import CFN, INFRA, REPO, allowed_actions, as_list, cfn_templates, load_cfn, role_policies_cfn, statements

INFRA_VENV = INFRA / ".venv" / "bin"

# The CloudTrail event sources of the events function's table (shared events_table.rs,
# interface fixed for this branch). The forwarding rules must pass all of them; once the
# table is in this tree, test_forwarding_covers_event_sources also reads it from source.
EVENT_SOURCES = {
    "access-analyzer.amazonaws.com", "cloudtrail.amazonaws.com", "config.amazonaws.com",
    "ec2.amazonaws.com", "elasticfilesystem.amazonaws.com", "iam.amazonaws.com",
    "kms.amazonaws.com", "logs.amazonaws.com", "macie2.amazonaws.com",
    "monitoring.amazonaws.com", "rds.amazonaws.com", "s3.amazonaws.com",
    "securityhub.amazonaws.com", "sns.amazonaws.com",
}


def tool(name):
    for candidate in [INFRA_VENV / name, REPO / ".venv" / "bin" / name]:
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


class Linters(unittest.TestCase):
    def test_cfn_lint_passes_on_every_template(self):
        exe = tool("cfn-lint")
        self.assertIsNotNone(exe, "cfn-lint is not installed (./scripts/setup --tests installs it)")
        templates = [str(CFN / t) for t in cfn_templates()]
        self.assertGreaterEqual(len(templates), 4)
        out = subprocess.run([exe, *templates], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    def test_checkov_reports_no_failed_check(self):
        # Offline, checkov gives no severities: the bar is no failed check at all, and
        # every skip carries a reason (test_every_checkov_skip_has_a_reason).
        exe = tool("checkov")
        self.assertIsNotNone(exe, "checkov is not installed (./scripts/setup --tests installs it)")
        out = subprocess.run(
            [exe, "-d", str(INFRA), "--framework", "cloudformation", "terraform",
             "--skip-download", "--quiet", "--compact", "-o", "json"],
            capture_output=True, text=True, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
        )
        reports = json.loads(out.stdout)
        reports = reports if isinstance(reports, list) else [reports]
        failed, passed, frameworks = [], 0, set()
        for r in reports:
            frameworks.add(r.get("check_type"))
            passed += r.get("summary", {}).get("passed", 0)
            # A file checkov cannot parse would otherwise pass silently.
            self.assertEqual(r.get("summary", {}).get("parsing_errors"), 0, r.get("check_type"))
            for c in r.get("results", {}).get("failed_checks", []):
                failed.append(f"{c['check_id']} {c['resource']} {c['file_path']}")
        self.assertEqual(failed, [])
        self.assertGreater(passed, 50)
        self.assertIn("cloudformation", frameworks)
        if list((INFRA / "terraform").rglob("*.tf")):
            self.assertIn("terraform", frameworks)

    def test_every_checkov_skip_has_a_reason(self):
        for path in list(CFN.glob("*.yml")) + list((INFRA / "terraform").rglob("*.tf")):
            for line in path.read_text().splitlines():
                if "checkov:skip" in line:
                    m = re.search(r"checkov:skip=(CKV2?_[A-Z]+_\d+):(.{20,})", line)
                    self.assertIsNotNone(m, f"{path.name}: skip without a reason: {line.strip()}")


class TargetRoleIsReadOnly(unittest.TestCase):
    def setUp(self):
        self.t = load_cfn("target-account.yml")

    def test_every_allowed_action_is_a_read(self):
        docs, managed = role_policies_cfn(self.t, "ScanRole")
        actions = allowed_actions(docs)
        self.assertGreater(len(actions), 40)
        bad = [p for p in map(policy_rules.problems, actions) if p]
        self.assertEqual(bad, [])
        for doc in docs:
            for st in statements(doc):
                self.assertNotIn("NotAction", st)
                self.assertNotIn("NotResource", st)
        # No AWS managed policy: SecurityAudit and ReadOnlyAccess read data
        # (test_security.ScanRoleReadsNoData checks the effective permissions).
        self.assertEqual(managed, [])

    def test_the_rules_reject_writes(self):
        # The checker itself: writes, wildcards and data reads are refused.
        for action in ["ec2:RunInstances", "s3:PutBucketPolicy", "iam:CreateUser", "ec2:Describe*",
                       "s3:GetObject", "*", "secretsmanager:GetSecretValue", "kms:Decrypt"]:
            self.assertIsNotNone(policy_rules.problems(action), action)
        for action in ["ec2:DescribeVpcs", "iam:GenerateCredentialReport", "s3:GetBucketPolicy"]:
            self.assertIsNone(policy_rules.problems(action), action)

    def test_trust_requires_external_id_and_names_the_scanner(self):
        trust = self.t["Resources"]["ScanRole"]["Properties"]["AssumeRolePolicyDocument"]
        for st in statements(trust):
            self.assertEqual(st["Effect"], "Allow")
            self.assertEqual(st["Action"], "sts:AssumeRole")
            self.assertEqual(st["Principal"], {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${ScannerAccountId}:root"}})
            # This account's own ExternalId, from the onboard function (or, without
            # registration, the parameter).
            self.assertEqual(
                st["Condition"]["StringEquals"]["sts:ExternalId"],
                {"Fn::If": ["Register", {"Fn::GetAtt": ["ExternalIdSource", "ExternalId"]}, {"Ref": "ExternalId"}]},
            )
            self.assertIn("aws:PrincipalArn", st["Condition"]["ArnLike"])
        self.assertTrue(self.t["Parameters"]["ExternalId"].get("NoEcho"))
        # Empty, or at least 8 characters.
        self.assertEqual(self.t["Parameters"]["ExternalId"]["AllowedPattern"], "^([A-Za-z0-9+=,.@:/-]{8,})?$")

    def test_inline_policy_fits_iam_limit(self):
        # A role's inline policies may total 10,240 characters (whitespace not counted).
        docs, _ = role_policies_cfn(self.t, "ScanRole")
        size = sum(len(json.dumps(d, separators=(",", ":"))) for d in docs)
        self.assertLess(size, 10240)

    def test_forward_role_may_only_put_events_on_the_scanner_bus(self):
        docs, managed = role_policies_cfn(self.t, "ForwardRole")
        self.assertEqual(managed, [])
        sts = [st for d in docs for st in statements(d)]
        self.assertEqual(sts, [{"Effect": "Allow", "Action": "events:PutEvents", "Resource": {"Ref": "ScannerEventBusArn"}}])


class PermissionCoverage(unittest.TestCase):
    """The scan role allows exactly the manifest's actions (role_actions.py).

    The role carries no AWS managed policy (SecurityAudit reads data, and its contents
    are not available offline and change): every action parapet calls is listed in the
    role's own policy. That every call the collectors make is declared in the manifest
    is tests/collector_calls_moto.rs's job (a real scan against moto_server)."""

    def setUp(self):
        docs, _ = role_policies_cfn(load_cfn("target-account.yml"), "ScanRole")
        self.allows = [st for d in docs for st in statements(d) if st.get("Effect") == "Allow"]

    def statement(self, sid):
        (st,) = [st for st in self.allows if st.get("Sid") == sid]
        return st

    def test_the_manifest_declares_the_collectors_actions(self):
        # Guards against reading an empty or unrelated file.
        actions = role_actions.manifest_actions()
        self.assertGreater(len(actions), 150)
        for known in ["ec2:DescribeSecurityGroups", "iam:GetAccountAuthorizationDetails", "s3:GetBucketPolicy",
                      "s3:GetAccountPublicAccessBlock", "cloudwatch:DescribeAlarms", "ec2:DescribeRegions"]:
            self.assertIn(known, actions)

    def test_role_actions_are_the_manifests(self):
        # Exactly: an action no collector calls is a permission the role must not have.
        self.assertEqual(sorted(as_list(self.statement("Collectors")["Action"])), role_actions.role_actions())
        self.assertEqual(self.statement("Collectors")["Resource"], "*")
        api = self.statement("ApiGatewayConfiguration")
        self.assertEqual(api["Action"], "apigateway:GET")
        self.assertEqual(
            sorted(r["Fn::Sub"] for r in api["Resource"]),
            role_actions.path_scoped_resources()["apigateway:GET"],
        )
        self.assertEqual(sorted(st["Sid"] for st in self.allows), ["ApiGatewayConfiguration", "Collectors"])

    def test_generated_lists_are_up_to_date(self):
        out = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_role_actions.py"), "--check"],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)

    def test_path_scoped_actions_are_never_granted_on_everything(self):
        for st in self.allows:
            if st["Resource"] == "*":
                self.assertFalse(set(as_list(st["Action"])) & role_actions.PATH_SCOPED, st.get("Sid"))

    def test_inline_policies_fit_iam_quota(self):
        # IAM rejects a role whose inline policies add up to more than 10,240 characters
        # (whitespace not counted); moto does not check, so this test does.
        t = load_cfn("target-account.yml")
        inline = t["Resources"]["ScanRole"]["Properties"]["Policies"]
        size = sum(len(json.dumps(p["PolicyDocument"], separators=(",", ":"))) for p in inline)
        self.assertLess(size, 10240, "split the read actions into a managed policy")


class ScannerTemplate(unittest.TestCase):
    """What moto ignores or cannot create, checked on the template."""

    def setUp(self):
        self.t = load_cfn("scanner.yml")
        self.r = self.t["Resources"]

    def test_table_encryption_ttl_and_recovery(self):
        p = self.r["Table"]["Properties"]
        self.assertEqual(p["SSESpecification"], {"SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": {"Ref": "DataKey"}})
        self.assertEqual(p["TimeToLiveSpecification"], {"AttributeName": "expires_at", "Enabled": True})
        self.assertEqual(p["PointInTimeRecoverySpecification"], {"PointInTimeRecoveryEnabled": True})
        self.assertEqual(p["BillingMode"], "PAY_PER_REQUEST")
        self.assertTrue(self.r["DataKey"]["Properties"]["EnableKeyRotation"])

    def test_functions_architecture_and_code(self):
        self.assertEqual(self.t["Parameters"]["Architecture"]["Default"], "arm64")
        for name in ["Scheduler", "Worker", "Events", "Onboard"]:
            p = self.r[f"{name}Function"]["Properties"]
            self.assertEqual(p["Architectures"], [{"Ref": "Architecture"}])
            self.assertEqual(p["Code"], {"S3Bucket": {"Ref": "CodeBucket"}, "S3Key": {"Ref": f"{name}CodeKey"}})

    def test_visibility_is_six_times_the_consumer_timeout(self):
        for queue, fn in [("ScanQueue", "WorkerFunction"), ("EventsQueue", "EventsFunction")]:
            self.assertGreaterEqual(
                self.r[queue]["Properties"]["VisibilityTimeout"], 6 * self.r[fn]["Properties"]["Timeout"]
            )
            self.assertEqual(self.r[queue]["Properties"]["RedrivePolicy"]["maxReceiveCount"], {"Ref": "MaxReceiveCount"})
        self.assertEqual(self.t["Parameters"]["MaxReceiveCount"]["Default"], 3)

    def test_bus_policies_never_open_to_everyone(self):
        org = self.r["OrganizationBusPolicy"]
        self.assertEqual(org["Condition"], "HasOrganization")
        st = org["Properties"]["Statement"]
        self.assertEqual(st["Action"], "events:PutEvents")
        forward = {"aws:PrincipalArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${TargetRoleNamePattern}-forward-events"}}
        self.assertEqual(st["Condition"], {"StringEquals": {"aws:PrincipalOrgID": {"Ref": "OrganizationId"}}, "ArnLike": forward})
        acc = self.r["AccountsBusPolicy"]
        self.assertEqual(acc["Condition"], "HasMemberAccounts")
        self.assertEqual(acc["Properties"]["Statement"]["Principal"], {"AWS": {"Ref": "MemberAccountIds"}})
        self.assertEqual(acc["Properties"]["Statement"]["Condition"], {"ArnLike": forward})

    def test_onboard_invocation_is_restricted(self):
        perms = {k: v for k, v in self.r.items() if k.startswith("Onboard") and v["Type"] == "AWS::Lambda::Permission"}
        self.assertEqual(len(perms), 6)
        for name, p in perms.items():
            self.assertIn("Condition", p, name)
            props = p["Properties"]
            if props["Principal"] == "*":
                self.assertEqual(props.get("PrincipalOrgID"), {"Ref": "OrganizationId"}, name)

    def test_queue_policies_name_their_source(self):
        for name in ["EventsQueuePolicy", "ScheduleDeadLetterQueuePolicy"]:
            allows = [st for st in statements(self.r[name]["Properties"]["PolicyDocument"]) if st["Effect"] == "Allow"]
            self.assertTrue(allows, name)
            for st in allows:
                self.assertIn("aws:SourceArn", st["Condition"]["ArnEquals"], name)
        # The scan queue grants nothing; it only denies (test_security checks whom).
        scan = statements(self.r["ScanQueuePolicy"]["Properties"]["PolicyDocument"])
        self.assertEqual([st["Effect"] for st in scan], ["Deny"])

    def test_log_groups_encrypted_with_retention(self):
        for name in ["Scheduler", "Worker", "Events", "Onboard"]:
            p = self.r[f"{name}LogGroup"]["Properties"]
            self.assertEqual(p["RetentionInDays"], {"Ref": "LogRetentionDays"})
            self.assertEqual(p["KmsKeyId"], {"Fn::GetAtt": ["DataKey", "Arn"]})

    def test_sqs_triggers_report_batch_item_failures(self):
        for name in ["WorkerQueueMapping", "EventsQueueMapping"]:
            self.assertEqual(self.r[name]["Properties"]["FunctionResponseTypes"], ["ReportBatchItemFailures"])


class Forwarding(unittest.TestCase):
    def test_regional_rule_equals_main_rule(self):
        main = load_cfn("target-account.yml")["Resources"]["ForwardRule"]["Properties"]
        regional = load_cfn("target-account-region.yml")["Resources"]["ForwardRule"]["Properties"]
        strip = lambda p: {k: v for k, v in p.items() if k != "Targets"}
        self.assertEqual(strip(main), strip(regional))

    def test_forwarding_covers_event_sources(self):
        sources = set(EVENT_SOURCES)
        # Once the events table is in this tree, its sources count too.
        for path in (REPO / "shared" / "src").rglob("*.rs"):
            sources |= set(re.findall(r'source:\s*"([a-z0-9-]+\.amazonaws\.com)"', path.read_text()))
        for name in ["target-account.yml", "target-account-region.yml"]:
            pattern = load_cfn(name)["Resources"]["ForwardRule"]["Properties"]["EventPattern"]
            self.assertEqual(pattern["detail-type"], ["AWS API Call via CloudTrail"])
            self.assertEqual(sorted(sources - set(pattern["detail"]["eventSource"])), [], name)

    def test_scanner_rule_forwards_cloudtrail_events_to_the_events_queue(self):
        rule = load_cfn("scanner.yml")["Resources"]["CloudTrailEventsRule"]["Properties"]
        self.assertEqual(rule["EventPattern"]["detail-type"], ["AWS API Call via CloudTrail"])
        self.assertEqual(rule["EventPattern"]["source"], [{"prefix": "aws."}])
        self.assertEqual(rule["Targets"][0]["Arn"], {"Fn::GetAtt": ["EventsQueue", "Arn"]})

    def test_registration_passes_the_onboard_properties(self):
        t = load_cfn("target-account.yml")
        props = t["Resources"]["Registration"]["Properties"]
        self.assertEqual(
            set(props),
            {"ServiceToken", "AccountId", "RoleArn", "Regions", "ExcludedRegions",
             "ExcludedResourceTypes", "ExcludedResourceRegexes", "RealTime", "Enabled"},
        )
        self.assertEqual(props["ServiceToken"], {"Ref": "OnboardFunctionArn"})


class OrganizationStackSet(unittest.TestCase):
    """moto has no AWS::CloudFormation::StackSet: checked on the template."""

    def test_service_managed_with_auto_deployment(self):
        t = load_cfn("organization-stackset.yml")
        for name, template in [("TargetStackSet", "target-account.yml"), ("RegionsStackSet", "target-account-region.yml")]:
            p = t["Resources"][name]["Properties"]
            self.assertEqual(p["PermissionModel"], "SERVICE_MANAGED")
            self.assertEqual(p["AutoDeployment"], {"Enabled": True, "RetainStacksOnAccountRemoval": False})
            # Every parameter it passes exists in the template it deploys, and every
            # parameter without a default is passed.
            declared = load_cfn(template)["Parameters"]
            passed = {x["ParameterKey"] for x in p["Parameters"]}
            self.assertEqual(sorted(passed - set(declared)), [], name)
            required = {k for k, v in declared.items() if "Default" not in v}
            self.assertEqual(sorted(required - passed), [], name)
        self.assertEqual(t["Resources"]["TargetStackSet"]["Properties"]["Capabilities"], ["CAPABILITY_NAMED_IAM"])


class ReadmeCommands(unittest.TestCase):
    """The deploy guide's commands (docs/deploy.md; the README links to it) name
    templates that exist, parameters they declare, and every parameter they require."""

    def test_deploy_commands_match_the_templates(self):
        readme = (REPO / "docs/deploy.md").read_text()
        commands = [l for l in readme.splitlines() if l.startswith("aws cloudformation deploy ")]
        self.assertEqual(
            sorted({re.search(r"--template-file (\S+)", c).group(1) for c in commands}),
            sorted(f"infra/cloudformation/{t}" for t in cfn_templates()),
        )
        for command in commands:
            path = re.search(r"--template-file (\S+)", command).group(1)
            t = load_cfn(Path(path).name)
            overrides = command.split("--parameter-overrides", 1)[1].split()
            given = {o.split("=", 1)[0] for o in overrides}
            with self.subTest(template=path):
                self.assertEqual(sorted(given - set(t["Parameters"])), [])
                required = {k for k, v in t["Parameters"].items() if "Default" not in v}
                self.assertEqual(sorted(required - given), [])
                if any(r["Type"] == "AWS::IAM::Role" for r in t["Resources"].values()):
                    self.assertIn("--capabilities CAPABILITY_NAMED_IAM", command)
        self.assertIn("cargo lambda build --release --arm64", readme)


if __name__ == "__main__":
    unittest.main()

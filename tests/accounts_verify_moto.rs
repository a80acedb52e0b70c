//! `parapet accounts verify` against moto_server with IAM enforcement on
//! (INITIAL_NO_AUTH_ACTION_COUNT: the setup's calls pass, every later call is checked
//! against the caller's policies): an operator user assumes scan roles whose policies
//! allow the probes' reads, one of them with an explicit Deny on KMS.
//!
//! moto (5.2.5) checks the role's trust policy on AssumeRole, its `sts:ExternalId`
//! condition included, so a wrong ExternalId is refused by the emulator as by AWS. It
//! does not emulate opt-in regions (every region is enabled), so "opt-in region not
//! enabled" is covered by the unit tests of the classification only.

use crate::support;
use parapet::aws::verify::{action_of, PROBES};
use std::process::{Command, Output};
use support::*;

/// The setup's IAM calls, each let through before enforcement starts.
const SETUP_CALLS: &str = "7";

const SETUP: &str = r#"
import boto3, json, sys
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1")
iam.create_user(UserName="operator")
iam.put_user_policy(UserName="operator", PolicyName="assume", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}))
key = iam.create_access_key(UserName="operator")["AccessKey"]
trust = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:user/operator"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": "verify-test-id"}}}]})
# The probes' IAM actions (argv[2]), DescribeRegions for the region list, and
# `monitoring:`, by which moto (not IAM) authorises CloudWatch calls.
reads = {"Effect": "Allow", "Resource": "*", "Action":
    json.loads(sys.argv[2]) + ["ec2:DescribeRegions", "monitoring:DescribeAlarms"]}
deny_kms = {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}
for name, statements in [("scanner", [reads]), ("scanner-no-kms", [reads, deny_kms])]:
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)
    iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": statements}))
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

const ACCOUNT: &str = "123456789012";

struct Setup {
    moto: Moto,
    key_id: String,
    secret: String,
    dir: tempfile::TempDir,
}

fn setup() -> Setup {
    let moto = Moto::start_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", SETUP_CALLS)]);
    let actions: Vec<&str> = PROBES
        .iter()
        .map(|p| action_of(p.collector, p.call).expect("a manifest action"))
        .collect();
    let actions = serde_json::to_string(&actions).unwrap();
    let keys = python(&["-c", SETUP, &moto.url, &actions]);
    let (key_id, secret) = keys.trim().split_once(' ').expect("access key printed");
    Setup {
        key_id: key_id.into(),
        secret: secret.into(),
        moto,
        dir: tempfile::tempdir().unwrap(),
    }
}

impl Setup {
    /// `parapet ARGS` as the operator, against the emulator, with a store of its own.
    fn parapet(&self, args: &[&str], external_id: Option<&str>) -> Output {
        let db = self.dir.path().join("p.db");
        let mut cmd = Command::new(parapet_binary());
        emulator_env(&mut cmd)
            .env("AWS_ACCESS_KEY_ID", &self.key_id)
            .env("AWS_SECRET_ACCESS_KEY", &self.secret)
            .env("AWS_ENDPOINT_URL", &self.moto.url)
            .env_remove("PARAPET_EXTERNAL_ID")
            .args(args)
            .args(["--db", db.to_str().unwrap()]);
        if let Some(id) = external_id {
            cmd.env("PARAPET_EXTERNAL_ID", id);
        }
        cmd.output().expect("run parapet")
    }

    fn verify(&self, role: &str, external_id: Option<&str>) -> Output {
        let arn = format!("arn:aws:iam::{ACCOUNT}:role/{role}");
        self.parapet(
            &[
                "accounts",
                "verify",
                ACCOUNT,
                "--role-arn",
                &arn,
                "--region",
                "us-east-1",
            ],
            external_id,
        )
    }
}

/// The result column of a collector's row in the table.
fn result_of(table: &str, collector: &str) -> String {
    table
        .lines()
        .find(|l| l.split_whitespace().next() == Some(collector))
        .unwrap_or_else(|| panic!("no row for {collector}:\n{table}"))
        .split_whitespace()
        .skip(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_denied_service_is_named_with_its_action_and_fails_the_check() {
    let s = setup();
    let out = s.verify("scanner-no-kms", Some("verify-test-id"));
    let table = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{table}\n{}", stderr(&out));
    assert!(
        table.starts_with(&format!(
            "account {ACCOUNT}, identity arn:aws:sts::{ACCOUNT}:assumed-role/scanner-no-kms/"
        )),
        "{table}"
    );
    assert_eq!(result_of(&table, "kms"), "denied (kms:ListKeys)", "{table}");
    for collector in [
        "iam",
        "ec2",
        "cloudtrail",
        "logs",
        "cloudwatch",
        "sns",
        "sqs",
    ] {
        assert_eq!(result_of(&table, collector), "OK", "{collector}: {table}");
    }
    for collector in ["rds", "dynamodb", "secretsmanager", "s3", "ecs", "elbv2"] {
        assert_eq!(result_of(&table, collector), "OK", "{collector}: {table}");
    }
    // The ExternalId is a secret: never echoed.
    assert!(!table.contains("verify-test-id") && !stderr(&out).contains("verify-test-id"));
}

/// Collectors whose probe moto (5.2.5) answers with HTTP 500, having no such operation:
/// on AWS they read like the others.
const MOTO_LACKS: &[&str] = &[
    "clientvpn",
    "waf",
    "wafregional",
    "cloudtrail_activity",
    "accessanalyzer",
];

/// moto (5.2.5) refuses the signature of every REST `GET` made with a role's session
/// credentials (boto3's own calls included: SignatureDoesNotMatch), so the REST probes
/// (S3 aside, which moto checks differently) cannot read OK here.
fn moto_refuses_signature(collector: &str) -> bool {
    PROBES
        .iter()
        .any(|p| p.collector == collector && p.rest_path.is_some() && collector != "s3")
        && !MOTO_LACKS.contains(&collector)
}

#[test]
fn every_read_allowed_passes_and_the_registered_role_is_used() {
    let s = setup();
    let role = format!("arn:aws:iam::{ACCOUNT}:role/scanner");
    let add = s.parapet(&["accounts", "add", ACCOUNT, "--role-arn", &role], None);
    assert!(add.status.success(), "{}", stderr(&add));
    let verify = |extra: &[&str]| {
        let mut args = vec!["accounts", "verify", ACCOUNT, "--region", "us-east-1"];
        args.extend_from_slice(&["--format", "json"]);
        args.extend_from_slice(extra);
        s.parapet(&args, Some("verify-test-id"))
    };
    let out = verify(&[]);
    let text = stdout(&out);
    let answer: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert_eq!(answer["account"], ACCOUNT, "{text}");
    let identity = answer["identity"].as_str().unwrap();
    assert!(identity.contains(":assumed-role/scanner/"), "{text}");
    let rows = answer["results"].as_array().unwrap();
    assert_eq!(rows.len(), PROBES.len(), "{text}");
    let unexpected: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|row| {
            let expected = match row["collector"].as_str().unwrap() {
                // moto's account is in no organization: shown, and not a failure.
                "organizations" => "service_not_enabled",
                c if MOTO_LACKS.contains(&c) => "error",
                c if moto_refuses_signature(c) => "error",
                _ => "ok",
            };
            let reason = row["reason"].as_str().unwrap_or_default();
            let moto_signature = reason.contains("SignatureDoesNotMatch");
            row["status"] != expected
                || row["region"] != "us-east-1"
                || moto_signature != moto_refuses_signature(row["collector"].as_str().unwrap())
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    // Only moto's gaps fail this run.
    assert_eq!(out.status.code(), Some(1), "{text}");
    // Real-time is on for the registered account, and the scan role may not read
    // EventBridge rules: said, not silently skipped.
    assert!(
        stderr(&out).contains("event forwarding not checked"),
        "{}",
        stderr(&out)
    );

    // Without them: exit 0, a service not enabled (organizations) included.
    let mut only = Vec::new();
    for p in PROBES
        .iter()
        .filter(|p| !MOTO_LACKS.contains(&p.collector) && !moto_refuses_signature(p.collector))
    {
        only.extend(["--collector", p.collector]);
    }
    let out = verify(&only);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("\"service_not_enabled\""),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_wrong_or_missing_external_id_or_another_account_is_refused() {
    let s = setup();
    let out = s.verify("scanner", Some("not-the-right-id"));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("cannot use arn:aws:iam::{ACCOUNT}:role/scanner")),
        "{err}"
    );
    assert!(
        !err.contains("not-the-right-id"),
        "the ExternalId is never printed: {err}"
    );
    assert!(
        !stdout(&out).contains("COLLECTOR"),
        "no probe after a refusal"
    );

    let out = s.verify("scanner", None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("without an ExternalId"),
        "{}",
        stderr(&out)
    );

    let arn = format!("arn:aws:iam::{ACCOUNT}:role/scanner");
    let out = s.parapet(
        &["accounts", "verify", "111111111111", "--role-arn", &arn],
        Some("verify-test-id"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "refusing: these credentials reach account {ACCOUNT}, not 111111111111"
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        !stdout(&out).contains("COLLECTOR"),
        "no probe after a refusal"
    );
}

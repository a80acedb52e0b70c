//! A control whose data the scanner may not read yields ERROR, never PASS or FAIL.
//!
//! moto_server with INITIAL_NO_AUTH_ACTION_COUNT=N lets the first N requests through and
//! then authorises every call against the caller's IAM policies, so the principal created
//! below gets a genuine AccessDenied on GetBucketPolicy from the emulator.

use crate::support;
use support::*;

/// Python run after the scanner user exists: a bucket whose policy it may not read.
const BUCKET_SETUP: &str = r#"
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
s3.create_bucket(Bucket="policy-hidden")
"#;

#[test]
fn denied_bucket_policy_read_is_an_error_not_a_verdict() {
    let scan = scan_denied(
        "s3:GetBucketPolicy",
        (BUCKET_SETUP, 1),
        "s3_bucket_secure_transport_policy",
    );
    let reason = &scan.error_reason(Some("policy-hidden"));
    // The reason names the attribute, the SDK call, the HTTP status and AWS's code.
    assert!(
        reason.contains("could not read policy: GetBucketPolicy: HTTP 403 AccessDenied"),
        "{reason}"
    );
    assert_eq!(stored_error_reasons(&scan.db), vec![reason.to_string()]);
}

/// A listing call denied (EC2, read through `aws::api` rather than an SDK client): the
/// resource type's controls are ERROR, and the stored reason is one line naming the
/// call, the HTTP status and AWS's code.
#[test]
fn denied_listing_stores_one_line_naming_the_call_and_status() {
    let scan = scan_denied(
        "ec2:DescribeSecurityGroups",
        ("", 0),
        "ec2_securitygroup_default_restrict_traffic",
    );
    let reason = &scan.error_reason(None);
    assert!(
        reason.starts_with(
            "could not list AWS::EC2::SecurityGroup: DescribeSecurityGroups: HTTP 403 "
        ),
        "{reason}"
    );
    assert!(
        reason.contains("Unauthorized") || reason.contains("AccessDenied"),
        "{reason}"
    );
    assert_eq!(stored_error_reasons(&scan.db), vec![reason.to_string()]);
}

/// Python run after the scanner user exists: a trail logging in every region.
const TRAIL_SETUP: &str = r#"
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
ct = boto3.client("cloudtrail", endpoint_url=url, region_name="us-east-1")
s3.create_bucket(Bucket="trail-logs")
ct.create_trail(Name="everywhere", S3BucketName="trail-logs", IsMultiRegionTrail=True)
ct.start_logging(Name="everywhere")
"#;

/// A trail that logs in every region, whose status the scanner may not read: the account
/// control must not turn the unread status into "not logging" (a FAIL).
#[test]
fn denied_trail_status_is_an_error_naming_the_call() {
    let scan = scan_denied(
        "cloudtrail:GetTrailStatus",
        (TRAIL_SETUP, 3),
        "cloudtrail_multi_region_enabled",
    );
    let reason = &scan.error_reason(None);
    assert!(
        reason.contains("GetTrailStatus: HTTP 403 AccessDenied"),
        "{reason}"
    );
}

/// A reason as issue 20 asks: one line, no control characters, no markup, bounded.
fn assert_one_readable_line(reason: &str) {
    assert!(!reason.contains(|c: char| c.is_control()), "{reason:?}");
    assert!(!reason.contains('<'), "{reason:?}");
    assert!(reason.chars().count() <= 600, "{reason:?}");
}

/// The reasons of the ERROR findings the scan stored, read from its SQLite file.
fn stored_error_reasons(db: &std::path::Path) -> Vec<String> {
    const QUERY: &str = "import json, sqlite3, sys\nrows = sqlite3.connect(sys.argv[1]).execute(\"SELECT reason FROM findings WHERE status = 'ERROR'\")\nprint(json.dumps([r[0] for r in rows]))";
    let out = python(&["-c", QUERY, db.to_str().unwrap()]);
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Creates a `scanner` user whose IAM policy allows everything but `denied_action` (three
/// calls) and prints its access key.
const SCANNER_SETUP: &str = r#"
import boto3, json, sys
url, denied_action = sys.argv[1], sys.argv[2]
iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")
iam.create_user(UserName="scanner")
iam.put_user_policy(UserName="scanner", PolicyName="read-all-but-one", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": denied_action, "Resource": "*"},
    ]}))
key = iam.create_access_key(UserName="scanner")["AccessKey"]
"#;

/// A scan as the `scanner` user, and the SQLite file it wrote.
struct DeniedScan {
    out: std::process::Output,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
    _moto: Moto,
}

impl DeniedScan {
    /// The reason of the finding for `resource_name` (or of the scan's only finding),
    /// which must be an ERROR whose reason reads as one line.
    fn error_reason(&self, resource_name: Option<&str>) -> String {
        let findings = findings(&self.out);
        let f = match resource_name {
            Some(name) => findings
                .iter()
                .find(|f| f["resource_name"] == name)
                .unwrap_or_else(|| panic!("no finding for {name}: {findings:?}")),
            None => {
                assert_eq!(findings.len(), 1, "{findings:?}");
                &findings[0]
            }
        };
        assert_eq!(f["status"], "ERROR", "{f}");
        let reason = f["reason"].as_str().unwrap();
        assert_one_readable_line(reason);
        reason.to_string()
    }
}

/// Starts moto, creates the scanner user denied `denied_action`, runs `setup` (Python
/// making as many AWS calls as its count says), then scans for `control` as the scanner.
/// moto lets exactly the setup's calls through unauthenticated and checks everything
/// after against IAM.
fn scan_denied(denied_action: &str, setup: (&str, usize), control: &str) -> DeniedScan {
    let (extra_setup, extra_calls) = setup;
    let setup_calls = (3 + extra_calls).to_string();
    let moto = Moto::start_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", &setup_calls)]);
    let script = format!(
        "{SCANNER_SETUP}{extra_setup}\nprint(key[\"AccessKeyId\"], key[\"SecretAccessKey\"])\n"
    );
    let keys = python(&["-c", &script, &moto.url, denied_action]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let out = scan_as_scanner(&moto, &keys, control, &db);
    DeniedScan {
        out,
        db,
        _dir: dir,
        _moto: moto,
    }
}

/// Scans for one control with the access key the setup script printed (the `scanner`
/// user whose IAM policy denies one read) into the SQLite file `db`, and checks the scan
/// itself succeeded.
fn scan_as_scanner(
    moto: &Moto,
    keys: &str,
    control: &str,
    db: &std::path::Path,
) -> std::process::Output {
    let (key_id, secret) = keys.trim().split_once(' ').expect("access key printed");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parapet"));
    emulator_env(&mut cmd)
        .env("AWS_ACCESS_KEY_ID", key_id)
        .env("AWS_SECRET_ACCESS_KEY", secret)
        .args([
            "scan",
            "--endpoint-url",
            &moto.url,
            "--region",
            "us-east-1",
            "--control",
            control,
            "--format",
            "json",
            "--db",
            db.to_str().unwrap(),
        ]);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

//! A control whose data the scanner may not read yields ERROR, never PASS or FAIL.
//!
//! moto_server with INITIAL_NO_AUTH_ACTION_COUNT=N lets the first N requests through and
//! then authorises every call against the caller's IAM policies, so the principal created
//! below gets a genuine AccessDenied on GetBucketPolicy from the emulator.

mod support;
use support::*;

const SETUP: &str = r#"
import boto3, json, sys
url = sys.argv[1]
iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
iam.create_user(UserName="scanner")
iam.put_user_policy(UserName="scanner", PolicyName="read-but-not-bucket-policies", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:GetBucketPolicy", "Resource": "*"},
    ]}))
key = iam.create_access_key(UserName="scanner")["AccessKey"]
s3.create_bucket(Bucket="policy-hidden")
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

#[test]
fn denied_bucket_policy_read_is_an_error_not_a_verdict() {
    // Four setup calls run unauthenticated; everything after is checked against IAM.
    let moto = Moto::start_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", "4")]);
    let keys = python(&["-c", SETUP, &moto.url]);
    let out = scan_as_scanner(&moto, &keys, "s3_bucket_secure_transport_policy");
    let findings = findings(&out);
    let f = findings
        .iter()
        .find(|f| f["resource_name"] == "policy-hidden")
        .unwrap_or_else(|| panic!("no finding for the bucket: {findings:?}"));
    assert_eq!(f["status"], "ERROR", "{f}");
    let reason = f["reason"].as_str().unwrap();
    assert!(
        reason.contains("AccessDenied") && reason.contains("policy"),
        "{reason}"
    );
}

const TRAIL_SETUP: &str = r#"
import boto3, json, sys
url = sys.argv[1]
iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
ct = boto3.client("cloudtrail", endpoint_url=url, region_name="us-east-1")
iam.create_user(UserName="scanner")
iam.put_user_policy(UserName="scanner", PolicyName="read-but-not-trail-status", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"},
        {"Effect": "Deny", "Action": "cloudtrail:GetTrailStatus", "Resource": "*"},
    ]}))
key = iam.create_access_key(UserName="scanner")["AccessKey"]
s3.create_bucket(Bucket="trail-logs")
ct.create_trail(Name="everywhere", S3BucketName="trail-logs", IsMultiRegionTrail=True)
ct.start_logging(Name="everywhere")
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

/// A trail that logs in every region, whose status the scanner may not read: the account
/// control must not turn the unread status into "not logging" (a FAIL).
#[test]
fn denied_trail_status_is_an_error_naming_the_call() {
    // Six setup calls run unauthenticated; everything after is checked against IAM.
    let moto = Moto::start_with(&[("INITIAL_NO_AUTH_ACTION_COUNT", "6")]);
    let keys = python(&["-c", TRAIL_SETUP, &moto.url]);
    let out = scan_as_scanner(&moto, &keys, "cloudtrail_multi_region_enabled");
    let findings = findings(&out);
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f["status"], "ERROR", "{f}");
    let reason = f["reason"].as_str().unwrap();
    assert!(
        reason.contains("GetTrailStatus") && reason.contains("AccessDenied"),
        "{reason}"
    );
}

/// Scans for one control with the access key the setup script printed (the `scanner`
/// user whose IAM policy denies one read), and checks the scan itself succeeded.
fn scan_as_scanner(moto: &Moto, keys: &str, control: &str) -> std::process::Output {
    let (key_id, secret) = keys.trim().split_once(' ').expect("access key printed");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
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

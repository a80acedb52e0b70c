//! The Threat Graph end to end (issue 21): resources seeded into moto_server, a real
//! `parapet scan` into SQLite, then `parapet paths` and `parapet graph` read it back.
//!
//! Covered here: case 6 (a function URL with auth NONE whose role writes a bucket is a
//! path; the same with AWS_IAM auth is not) and case 7 (a bucket policy open to everyone
//! is a path from the internet). Not here, and why:
//! - the instance cases (1-5, 9) need the instance network interfaces, internet gateway
//!   attachments and route-table associations the EC2 collector does not read yet; the
//!   unit tests of `graph` and `graph::reachability` cover them on hand-built documents;
//! - case 8 (role chains) is in the unit tests: moto stores trust policies but does
//!   nothing the graph reads differently from a hand-built role document.

use crate::support;
use support::*;

const SEED: &str = r#"
import json, sys, boto3
url = sys.argv[1]
c = lambda name: boto3.client(name, endpoint_url=url, region_name="us-east-1")
doc = lambda *st: json.dumps({"Version": "2012-10-17", "Statement": list(st)})

s3 = c("s3")
for bucket in ["tg-jewel", "tg-other", "tg-public"]:
    s3.create_bucket(Bucket=bucket)
s3.put_bucket_policy(Bucket="tg-public", Policy=doc(
    {"Sid": "anyone-reads", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::tg-public/*"}))

iam = c("iam")
trust = doc({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"})
def writer(name, bucket):
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName=name, PolicyName="write", PolicyDocument=doc(
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/*"}))
    return arn

aws_lambda = c("lambda")
code = {"ZipFile": b"PK\x05\x06" + b"\x00" * 18}
for name, auth, bucket in [("tg-open", "NONE", "tg-jewel"), ("tg-signed", "AWS_IAM", "tg-other")]:
    aws_lambda.create_function(FunctionName=name, Runtime="python3.12", Role=writer(f"{name}-role", bucket),
                               Handler="app.handler", Code=code)
    aws_lambda.create_function_url_config(FunctionName=name, AuthType=auth)
    if auth == "NONE":
        # What the console adds with auth NONE: anyone may invoke the URL.
        aws_lambda.add_permission(FunctionName=name, StatementId="FunctionURLAllowPublicAccess",
                                  Action="lambda:InvokeFunctionUrl", Principal="*",
                                  FunctionUrlAuthType="NONE")
"#;

const ACCOUNT: &str = "123456789012";

fn path_nodes(p: &serde_json::Value) -> Vec<String> {
    let mut v = vec![p["source"].as_str().unwrap().to_string()];
    for h in p["hops"].as_array().unwrap() {
        v.push(h["to"].as_str().unwrap().to_string());
    }
    v
}

#[test]
fn a_scan_shows_the_function_url_path_and_the_public_bucket() {
    let moto = Moto::start();
    python(&["-c", SEED, &moto.url]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    scan_us_east_1_into(&moto, &db, &[]);
    let db = db.to_str().unwrap();

    let out = parapet(&["paths", "--format", "json", "--db", db]);
    assert!(out.status.success(), "paths failed: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let paths = report["paths"].as_array().unwrap();
    let find = |target: &str| {
        paths
            .iter()
            .find(|p| p["source"] == "internet" && p["target"] == target)
    };

    let function = format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:tg-open");
    let role = format!("arn:aws:iam::{ACCOUNT}:role/tg-open-role");
    let open =
        find("arn:aws:s3:::tg-jewel").unwrap_or_else(|| panic!("no path to tg-jewel: {report:#}"));
    assert_eq!(
        path_nodes(open),
        vec![
            "internet".to_string(),
            function,
            role,
            "arn:aws:s3:::tg-jewel".into()
        ]
    );
    assert_eq!(open["hops"][0]["kind"], "reaches");
    assert_eq!(open["hops"][2]["kind"], "can_write");
    assert_eq!(open["severity"], "critical", "{open:#}");
    // The URL's finding is what opens the first hop.
    assert!(
        open["hops"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["control_id"] == "awslambda_function_url_public"),
        "{open:#}"
    );

    // AWS_IAM auth: the other bucket has no path.
    assert!(find("arn:aws:s3:::tg-other").is_none(), "{report:#}");

    let public = find("arn:aws:s3:::tg-public")
        .unwrap_or_else(|| panic!("no path to tg-public: {report:#}"));
    assert_eq!(public["hops"].as_array().unwrap().len(), 1);
    assert_eq!(public["hops"][0]["kind"], "anonymous_access");

    // The same store, read twice: byte-identical.
    let again = parapet(&["paths", "--format", "json", "--db", db]);
    assert_eq!(stdout(&out), stdout(&again));
    let critical = parapet(&[
        "paths",
        "--min-severity",
        "critical",
        "--format",
        "json",
        "--db",
        db,
    ]);
    let critical: serde_json::Value = serde_json::from_str(&stdout(&critical)).unwrap();
    assert!(critical["paths"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["severity"] == "critical"));

    let table = parapet(&["paths", "--db", db]);
    assert!(table.status.success(), "paths (table): {}", stderr(&table));
    let table = stdout(&table);
    assert!(
        table.lines().any(|l| l.starts_with("critical")
            && l.contains("tg-open -[runs_as]-> tg-open-role -[can_write]-> tg-jewel")),
        "{table}"
    );
    assert!(table.contains("Fix first"), "{table}");

    for (format, marker) in [
        ("dot", "digraph threat_graph"),
        ("mermaid", "flowchart LR"),
        ("json", "\"edges\""),
    ] {
        let g = parapet(&["graph", "--format", format, "--db", db]);
        assert!(
            g.status.success(),
            "graph --format {format}: {}",
            stderr(&g)
        );
        assert!(stdout(&g).contains(marker), "{format}: {}", stdout(&g));
    }
}

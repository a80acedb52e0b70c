//! Security of the scanner itself: secrets stay out of its logs, a role is assumed
//! without an ExternalId only when asked to, and the local store is private.

use crate::support;
use std::process::Output;
use support::fault_proxy::FaultProxy;
use support::*;

const ROLE: &str = "arn:aws:iam::123456789012:role/parapet-audit";
const EXTERNAL_ID: &str = "SECRET-EXTERNAL-ID-123";
// Base credentials distinctive enough to find in a log; moto accepts any.
const BASE_SECRET: &str = "parapetBaseSecretKeyDoNotLog0123456789abcd";
const BASE_TOKEN: &str = "parapetBaseSessionTokenDoNotLog0123456789";

fn scan_as_role(proxy: &FaultProxy, db: &std::path::Path, log: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "scan",
        "--endpoint-url",
        &proxy.url,
        "--region",
        "us-east-1",
        "--benchmark",
        "cis-aws-3.0",
        "--role-arn",
        ROLE,
        "--format",
        "json",
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = parapet_env(
        &args,
        &[
            ("PARAPET_LOG", log),
            ("AWS_SECRET_ACCESS_KEY", BASE_SECRET),
            ("AWS_SESSION_TOKEN", BASE_TOKEN),
        ],
    );
    assert!(out.status.success(), "scan failed:\n{}", stderr(&out));
    out
}

/// The text of an XML element in a document.
fn xml_text<'a>(doc: &'a str, tag: &str) -> &'a str {
    let open = format!("<{tag}>");
    let start = doc
        .find(&open)
        .unwrap_or_else(|| panic!("no <{tag}> in {doc}"))
        + open.len();
    let end = start + doc[start..].find(&format!("</{tag}>")).unwrap();
    &doc[start..end]
}

#[test]
fn no_credential_external_id_or_policy_document_reaches_the_logs() {
    let moto = Moto::start();
    seed(&moto);
    let proxy = FaultProxy::start(&moto.url, vec![], 1);
    proxy.capture("AssumeRole");
    let dir = tempfile::tempdir().unwrap();

    for (i, level) in ["debug", "info"].iter().enumerate() {
        let db = dir.path().join(format!("p{i}.db"));
        let out = scan_as_role(&proxy, &db, level, &["--external-id", EXTERNAL_ID]);
        let log = stderr(&out);
        assert!(
            findings(&out).len() > 50,
            "the scan ran as the role:\n{log}"
        );

        // The secrets were really in play: the role was assumed with the ExternalId, and
        // the scan's calls carried the session token AssumeRole returned.
        let assume = proxy.captured();
        let assume = assume.last().expect("the scan assumed the role");
        assert!(
            assume
                .request_body
                .contains(&format!("ExternalId={EXTERNAL_ID}")),
            "{}",
            assume.request_body
        );
        let secret = xml_text(&assume.response_body, "SecretAccessKey").to_string();
        let token = xml_text(&assume.response_body, "SessionToken").to_string();
        assert!(
            proxy
                .seen()
                .iter()
                .any(|s| s.service == "kms" && s.security_token.as_deref() == Some(&token)),
            "KMS was called with the assumed role's credentials"
        );

        for (what, text) in [
            ("the base secret access key", BASE_SECRET),
            ("the base session token", BASE_TOKEN),
            ("the assumed role's secret access key", secret.as_str()),
            ("the assumed role's session token", token.as_str()),
            ("the ExternalId", EXTERNAL_ID),
        ] {
            assert!(
                !log.contains(text),
                "{what} appears in the {level} log:\n{}",
                excerpt(&log, text)
            );
        }
        // A seeded IAM policy document (aws:RequestedRegion appears in no other place);
        // IAM returns documents URL-encoded, so look for the word alone.
        assert!(
            !log.contains("RequestedRegion"),
            "a policy document appears in the {level} log:\n{}",
            excerpt(&log, "RequestedRegion")
        );
        if *level == "debug" {
            assert!(
                log.lines().count() > 10,
                "debug logging is on, so the check above read a real log:\n{log}"
            );
        }
    }
}

/// The log lines around the first occurrence of `text`.
fn excerpt(log: &str, text: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    let i = lines.iter().position(|l| l.contains(text)).unwrap_or(0);
    lines[i.saturating_sub(2)..(i + 3).min(lines.len())].join("\n")
}

#[test]
fn a_role_without_an_external_id_is_refused_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let out = parapet(&[
        "scan",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--role-arn",
        ROLE,
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("refusing to assume")
            && err.contains(ROLE)
            && err.contains("--external-id")
            && err.contains("--no-external-id"),
        "{err}"
    );
    assert!(!db.exists(), "nothing was created before the refusal");

    // Both at once contradict each other.
    let out = parapet(&[
        "scan",
        "--role-arn",
        ROLE,
        "--external-id",
        EXTERNAL_ID,
        "--no-external-id",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );

    // With --no-external-id the role is assumed, and AssumeRole carries no ExternalId.
    let moto = Moto::start();
    let proxy = FaultProxy::start(&moto.url, vec![], 1);
    proxy.capture("AssumeRole");
    let out = scan_as_role(&proxy, &db, "error", &["--no-external-id"]);
    assert!(!findings(&out).is_empty());
    let assume = proxy.captured();
    assert_eq!(assume.len(), 1, "one AssumeRole: {assume:?}");
    assert!(
        assume[0].request_body.contains("Action=AssumeRole")
            && !assume[0].request_body.contains("ExternalId"),
        "{}",
        assume[0].request_body
    );
}

#[cfg(unix)]
#[test]
fn the_store_a_scan_creates_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let moto = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    // A directory the store must create, as on a first run.
    let db = dir.path().join("new").join("parapet.db");
    let out = parapet(&[
        "scan",
        "--endpoint-url",
        &moto.url,
        "--region",
        "us-east-1",
        "--control",
        "s3_bucket_secure_transport_policy",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // SQLite's side files (write-ahead log, shared memory) hold the same data; they
    // take the database file's permissions.
    let mut checked = 0;
    for name in ["parapet.db", "parapet.db-wal", "parapet.db-shm"] {
        let path = dir.path().join("new").join(name);
        if let Ok(meta) = std::fs::metadata(&path) {
            assert_eq!(
                meta.permissions().mode() & 0o777,
                0o600,
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 1, "the store was created");
}

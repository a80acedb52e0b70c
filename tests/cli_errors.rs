//! The CLI fails with a clear message, and a non-zero exit, when a scan cannot run.

use crate::support;
use support::*;

#[test]
fn unreachable_endpoint_is_a_clear_error() {
    // Nothing listens on this port once the listener is dropped.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let url = format!("http://127.0.0.1:{port}");
    let out = parapet(&[
        "scan",
        "--endpoint-url",
        &url,
        "--region",
        "us-east-1",
        "--max-attempts",
        "1",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("cannot call AWS STS GetCallerIdentity") && err.contains(&url),
        "{err}"
    );
}

#[test]
fn unknown_benchmark_and_control_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let out = parapet(&[
        "scan",
        "--benchmark",
        "cis-aws-9.9",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("unknown benchmark \"cis-aws-9.9\""),
        "{}",
        stderr(&out)
    );
    let out = parapet(&[
        "scan",
        "--control",
        "no_such_control",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("unknown control \"no_such_control\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_without_a_store_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.db");
    let out = parapet(&["report", "--db", db.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("run `parapet scan` first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn controls_list_previews_the_cis_benchmark() {
    let out = parapet(&["controls", "list", "--benchmark", "cis-aws-3.0"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("62 requirements"), "{text}");
    // Header line + one line per control id of the framework (69).
    let rows = text.lines().filter(|l| l.contains(" cis-aws-3.0 ")).count();
    assert_eq!(rows, 69, "{text}");
    assert!(
        text.contains("s3_bucket_secure_transport_policy") && text.contains("cis-aws-3.0 2.1.1"),
        "{text}"
    );
}

#[test]
fn controls_test_runs_every_rego_test() {
    let out = parapet(&["controls", "test"]);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(" 0 failed"), "{text}");
}

#[test]
fn controls_coverage_reports_every_framework_and_fails_while_controls_are_missing() {
    let out = parapet(&["controls", "coverage", "--missing"]);
    let text = stdout(&out);
    for fw in [
        "cis-aws-3.0",
        "cis-aws-5.0",
        "pci-dss-4.0",
        "hipaa",
        "gdpr",
        "soc2",
        "nist-800-53-r5",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(fw)),
            "{fw} missing:\n{text}"
        );
    }
    let cis3 = text.lines().find(|l| l.starts_with("cis-aws-3.0")).unwrap();
    assert!(
        cis3.trim_end().ends_with(" 0"),
        "CIS 3.0 is complete: {cis3}"
    );
    // The catalog does not implement every referenced control yet: exit 1, and say which.
    if text.contains("referenced controls are missing") {
        assert_eq!(out.status.code(), Some(1), "{text}");
        // Each missing id is listed with the frameworks that reference it.
        assert!(
            text.lines().any(|l| l.starts_with("  ")
                && ["pci-dss-4.0", "hipaa", "soc2", "nist-800-53-r5", "gdpr"]
                    .iter()
                    .any(|fw| l.contains(fw))),
            "{text}"
        );
    } else {
        assert!(out.status.success(), "{text}");
    }
}

#[test]
fn external_id_sources_and_regions_are_checked_before_any_call() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let file = dir.path().join("id");
    std::fs::write(&file, "x\n").unwrap();
    let role = "arn:aws:iam::123456789012:role/r";
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", "--role-arn", role, "--db", db.to_str().unwrap()];
        args.extend_from_slice(extra);
        parapet(&args)
    };
    // Two sources at once is a usage error, not a silent choice.
    let out = scan(&[
        "--external-id",
        "abc",
        "--external-id-file",
        file.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
    // One character: shorter than AWS accepts.
    let out = scan(&["--external-id-file", file.to_str().unwrap()]);
    assert!(stderr(&out).contains("2 to 1224"), "{}", stderr(&out));
    let missing = dir.path().join("missing");
    let out = scan(&["--external-id-file", missing.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("cannot read ExternalId file"),
        "{}",
        stderr(&out)
    );
    let out = scan(&["--external-id", "abc", "--region", "eu-west-1/x"]);
    assert!(
        stderr(&out).contains("\"eu-west-1/x\" is not an AWS region name"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists(), "nothing was stored");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let mut child = Command::new(parapet_binary())
        .args(["controls", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parapet");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The pipe is closed here, with most of the catalog still to print.
    let out = child.wait_with_output().unwrap();
    assert!(!first.is_empty());
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
}

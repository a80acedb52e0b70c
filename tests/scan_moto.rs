//! End to end: seed an emulated account in moto_server, run `parapet scan`, and check
//! the exact status of named findings (tests/fixtures/expected_findings.tsv), then read
//! the results back with `parapet report` and `parapet scans`.

use crate::support;
use std::collections::HashMap;
use support::*;

#[test]
fn scan_of_a_seeded_account_reports_the_expected_findings() {
    let moto = Moto::start();
    seed(&moto);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("parapet.db");
    let db = db.to_str().unwrap();
    let report_file = dir.path().join("findings.jsonl");

    let out = parapet(&[
        "scan",
        "--endpoint-url",
        &moto.url,
        "--region",
        "us-east-1",
        "--region",
        "eu-west-1",
        "--benchmark",
        "cis-aws-3.0",
        "--db",
        db,
        "--format",
        "json",
        "--output",
        report_file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "scan failed:\n{}", stderr(&out));
    let findings = findings(&out);
    assert!(
        findings.len() > 100,
        "expected a realistic number of findings, got {}",
        findings.len()
    );
    for f in &findings {
        for field in [
            "control_id",
            "resource_arn",
            "resource_type",
            "account_id",
            "region",
            "service",
            "severity",
            "status",
            "reason",
        ] {
            assert!(
                f.get(field).is_some_and(|v| !v.is_null()),
                "finding lacks {field}: {f}"
            );
        }
    }
    let written = std::fs::read_to_string(&report_file).unwrap();
    assert_eq!(
        written.lines().count(),
        findings.len(),
        "--output holds every finding"
    );

    // (control, resource name, region) -> statuses seen.
    let mut seen: HashMap<(String, String, String), Vec<String>> = HashMap::new();
    for f in &findings {
        let key = (
            f["control_id"].as_str().unwrap().to_string(),
            f["resource_name"].as_str().unwrap().to_string(),
            f["region"].as_str().unwrap().to_string(),
        );
        seen.entry(key)
            .or_default()
            .push(f["status"].as_str().unwrap().to_string());
    }
    let expected =
        std::fs::read_to_string(repo_root().join("tests/fixtures/expected_findings.tsv")).unwrap();
    let mut mismatches = Vec::new();
    let mut checked = 0;
    for line in expected
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (control, name, region, status) = (cols[0], cols[1], cols[2], cols[3]);
        checked += 1;
        let got = seen.get(&(control.to_string(), name.to_string(), region.to_string()));
        match got {
            Some(statuses) if statuses.iter().all(|s| s == status) => {}
            Some(statuses) => mismatches.push(format!(
                "{control} on {name} ({region}): expected {status}, got {statuses:?}"
            )),
            None => mismatches.push(format!(
                "{control} on {name} ({region}): expected {status}, no finding"
            )),
        }
    }
    assert!(
        checked >= 60,
        "the fixture should name many findings, it has {checked}"
    );
    assert!(
        mismatches.is_empty(),
        "{} of {checked} expected findings differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );

    // Results read back from the store match what the scan printed.
    let failed = findings.iter().filter(|f| f["status"] == "FAIL").count();
    let out = parapet(&[
        "report", "--db", db, "--scan", "latest", "--status", "FAIL", "--format", "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = support::findings(&out);
    assert_eq!(back.len(), failed);
    assert!(back.iter().all(|f| f["status"] == "FAIL"));

    let out = parapet(&["report", "--db", db, "--service", "s3", "--format", "json"]);
    let s3 = support::findings(&out);
    assert!(!s3.is_empty() && s3.iter().all(|f| f["service"] == "s3"));

    let out = parapet(&["report", "--db", db, "--benchmark", "cis-aws-3.0"]);
    let table = stdout(&out);
    assert!(
        table.contains("cis-aws-3.0") && table.contains("Failing findings"),
        "{table}"
    );

    let out = parapet(&["scans", "--db", db]);
    assert_eq!(
        stdout(&out).lines().count(),
        2,
        "header + one scan:\n{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("complete"), "{}", stdout(&out));
}

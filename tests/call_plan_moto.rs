//! The call plan: a scan of a selection of controls reads only the attributes they
//! read, and gives each of them the finding a full scan gives. Counted from the
//! `--verbose` breakdown of a real scan of the seeded demo account in moto_server.

use crate::support;
use std::collections::BTreeMap;
use support::*;

/// One scan of us-east-1: its findings by (control, resource ARN) as (status, reason),
/// and its operations by (service, operation) from the verbose breakdown.
struct Scanned {
    findings: BTreeMap<(String, String), (String, String)>,
    calls: BTreeMap<(String, String), u64>,
}

impl Scanned {
    fn calls_of(&self, service: &str, operation: &str) -> u64 {
        self.calls
            .get(&(service.to_string(), operation.to_string()))
            .copied()
            .unwrap_or(0)
    }

    fn total(&self) -> u64 {
        self.calls.values().sum()
    }
}

fn scan(moto: &Moto, selection: &[&str]) -> Scanned {
    let mut args = vec!["--verbose"];
    args.extend(selection);
    let out = scan_us_east_1(moto, &args);
    let findings = verdicts_by(&out, "resource_arn");
    let err = stderr(&out);
    let calls = breakdown(&err);
    // The breakdown counts operations; the closing line counts requests, retries included.
    let (requests, retries) = closing_line_counts(&err);
    let operations: u64 = calls.values().sum();
    assert_eq!(
        operations + retries,
        requests,
        "breakdown and closing line disagree:\n{err}"
    );
    Scanned { findings, calls }
}

/// `  s3: 56 (GetBucketPolicy 11, ...)` lines after the closing line.
fn breakdown(stderr: &str) -> BTreeMap<(String, String), u64> {
    let mut lines = stderr
        .lines()
        .skip_while(|l| !l.starts_with("AWS calls per service"));
    assert!(lines.next().is_some(), "no breakdown in:\n{stderr}");
    let mut calls = BTreeMap::new();
    for line in lines.take_while(|l| l.starts_with("  ")) {
        let (service, rest) = line.trim().split_once(": ").expect("service: calls");
        let (total, ops) = rest.split_once(" (").expect("calls (operations)");
        let mut sum = 0;
        for op in ops.trim_end_matches(')').split(", ") {
            let (name, n) = op.rsplit_once(' ').expect("operation count");
            let n: u64 = n.parse().unwrap();
            sum += n;
            calls.insert((service.to_string(), name.to_string()), n);
        }
        assert_eq!(total.parse::<u64>().unwrap(), sum, "{line}");
    }
    calls
}

/// `N AWS API calls (R retries)` of the closing line.
fn closing_line_counts(stderr: &str) -> (u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains(" AWS API calls ("))
        .unwrap_or_else(|| panic!("no closing line in:\n{stderr}"));
    let number_before = |marker: &str| -> u64 {
        let head = &line[..line.find(marker).unwrap()];
        head.rsplit(' ')
            .next()
            .unwrap()
            .trim_start_matches('(')
            .parse()
            .unwrap()
    };
    (number_before(" AWS API calls"), number_before(" retries)"))
}

#[test]
fn a_selection_reads_less_and_finds_the_same() {
    let moto = Moto::start();
    seed(&moto);
    let full = scan(&moto, &[]);
    let cis = scan(&moto, &["--benchmark", "cis-aws-3.0"]);
    one_control_reads_only_its_attributes(&moto, &full);

    // Per-bucket and per-key reads no CIS control needs: made by the full scan, skipped
    // by the CIS one.
    for (service, operation) in [
        ("s3", "GetBucketEncryption"),
        ("s3", "GetBucketLifecycleConfiguration"),
        ("s3", "GetObjectLockConfiguration"),
        ("s3", "GetBucketNotificationConfiguration"),
        ("kms", "GetKeyPolicy"),
        ("ec2", "DescribeImages"),
        ("ec2", "DescribeLaunchTemplates"),
    ] {
        assert!(
            full.calls_of(service, operation) > 0,
            "full scan made no {operation}"
        );
        assert_eq!(
            cis.calls_of(service, operation),
            0,
            "CIS scan made {operation}"
        );
    }
    // What CIS reads is still read.
    for (service, operation) in [
        ("s3", "GetBucketPolicy"),
        ("s3", "GetBucketVersioning"),
        ("kms", "GetKeyRotationStatus"),
    ] {
        assert!(
            cis.calls_of(service, operation) > 0,
            "CIS scan made no {operation}"
        );
    }
    assert!(
        cis.total() < full.total(),
        "CIS {} calls, full {}",
        cis.total(),
        full.total()
    );

    // Every CIS finding is the full scan's finding of that control and resource.
    assert!(
        cis.findings.len() > 50,
        "{} CIS findings",
        cis.findings.len()
    );
    for (key, (status, reason)) in &cis.findings {
        let (full_status, full_reason) = full
            .findings
            .get(key)
            .unwrap_or_else(|| panic!("{key:?} is not in the full scan"));
        assert_eq!(status, full_status, "{key:?}: {reason} / {full_reason}");
        if status != "ERROR" {
            assert_eq!(reason, full_reason, "{key:?}");
        }
    }
}

/// A scan of one S3 control makes only the S3 calls that control needs, and gives the
/// full scan's findings.
fn one_control_reads_only_its_attributes(moto: &Moto, full: &Scanned) {
    let one = scan(moto, &["--control", "s3_bucket_object_versioning"]);
    let s3: BTreeMap<&str, u64> = one
        .calls
        .iter()
        .filter(|((service, _), _)| service == "s3")
        .map(|((_, op), n)| (op.as_str(), *n))
        .collect();
    // The listing, each bucket's tags (mutes use them) and versioning; its region too
    // when the listing does not give it.
    let made: Vec<&str> = s3
        .keys()
        .copied()
        .filter(|op| *op != "GetBucketLocation")
        .collect();
    assert_eq!(
        made,
        ["GetBucketTagging", "GetBucketVersioning", "ListBuckets"],
        "{s3:?}"
    );
    assert!(!one.findings.is_empty());
    for (key, (status, _)) in &one.findings {
        assert_eq!(key.0, "s3_bucket_object_versioning");
        assert_eq!(
            Some(status),
            full.findings.get(key).map(|f| &f.0),
            "{key:?}"
        );
    }
}

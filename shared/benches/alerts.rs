//! Alerts benchmark: a scan with 10,000 new failures (and 2,000 resolved), from the two
//! scans' findings to every message body, for a webhook and a Slack destination: the
//! diff, the transitions, the plan (grouping and splitting) and the rendering. Prints
//! CPU time (this thread's, from /proc/self/schedstat) and the messages' sizes.
//!
//!     cargo bench -p parapet --no-default-features --bench alerts

use chrono::{Duration, Utc};
use parapet::alert::model::{Destination, DestinationKind, SecretRef};
use parapet::alert::plan::{plan, transitions};
use parapet::alert::render::{render, MessageFormat};
use parapet::controls::Catalog;
use parapet::model::{Finding, Scan, ScanState, Severity, Status};
use parapet::report::diff::{diff, ScanSide};

const SEVERITIES: [Severity; 4] = [
    Severity::Critical,
    Severity::High,
    Severity::Medium,
    Severity::Low,
];

fn finding(catalog: &Catalog, i: usize, status: Status, scan_id: &str) -> Finding {
    let control = &catalog.controls[i % catalog.controls.len()];
    let at = Utc::now();
    Finding {
        control_id: control.meta.id.clone(),
        resource_arn: format!("arn:aws:ec2:us-east-1:123456789012:security-group/sg-{i:017x}"),
        resource_name: format!("web-tier-{i:05}"),
        resource_type: "AWS::EC2::SecurityGroup".into(),
        account_id: "123456789012".into(),
        region: ["us-east-1", "eu-west-1", "ap-southeast-2"][i % 3].into(),
        service: "ec2".into(),
        severity: SEVERITIES[i % SEVERITIES.len()],
        status,
        reason: format!(
            "security group sg-{i:017x} allows ingress from 0.0.0.0/0 to port 22 (rule {i}), \
             which exposes SSH to the internet"
        ),
        scan_id: scan_id.into(),
        first_seen: at,
        last_seen: at,
        status_changed_at: at,
        muted: None,
    }
}

/// CPU time of this thread, in seconds.
fn cpu_seconds() -> f64 {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    let ns: f64 = text.split_whitespace().next().unwrap().parse().unwrap();
    ns / 1e9
}

fn main() {
    let catalog = Catalog::embedded().expect("catalog");
    // Before: 2,000 failing (resolved now) and 10,000 passing; after: those 10,000 fail.
    let before: Vec<Finding> = (0..12_000)
        .map(|i| {
            let status = if i >= 10_000 {
                Status::Fail
            } else {
                Status::Pass
            };
            finding(&catalog, i, status, "scan-1")
        })
        .collect();
    let scan_started = Utc::now() - Duration::seconds(1);
    let after: Vec<Finding> = (0..12_000)
        .map(|i| {
            let status = if i < 10_000 {
                Status::Fail
            } else {
                Status::Pass
            };
            finding(&catalog, i, status, "scan-2")
        })
        .collect();
    let scan = Scan {
        id: "scan-2".into(),
        account_id: "123456789012".into(),
        started_at: scan_started,
        finished_at: Some(Utc::now()),
        state: ScanState::Complete,
        regions: vec!["us-east-1".into()],
        tasks_total: 40,
        tasks_done: 40,
        tasks_failed: 0,
        failures: vec![],
        summary: None,
    };
    let url = SecretRef::Env("ALERT_URL".into());
    let destinations = [
        Destination::new(
            DestinationKind::Webhook {
                url: url.clone(),
                signing_key: SecretRef::Env("ALERT_KEY".into()),
            },
            Severity::Low,
            true,
        ),
        Destination::new(DestinationKind::Slack { url }, Severity::Low, true),
    ];

    let runs = 5;
    let mut cpu = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..runs {
        let start = cpu_seconds();
        let d = diff(
            &catalog,
            &[],
            &ScanSide {
                scan_id: "scan-1",
                findings: &before,
                resources: &[],
            },
            &ScanSide {
                scan_id: "scan-2",
                findings: &after,
                resources: &[],
            },
        );
        let t = transitions(&scan, &d, &after);
        sizes.clear();
        for dest in &destinations {
            let format = MessageFormat::of(&dest.kind);
            for batch in plan(dest, &t) {
                let body = render(
                    format,
                    &format!("{}/{}/{}", dest.id, batch.scan_id, batch.key),
                    &batch,
                );
                sizes.push((
                    dest.kind.label(),
                    batch.kind.as_str(),
                    batch.items.len(),
                    batch.omitted,
                    body.len(),
                ));
            }
        }
        cpu.push(cpu_seconds() - start);
    }
    cpu.sort_by(f64::total_cmp);
    println!(
        "10,000 new failures + 2,000 resolved, webhook + Slack: CPU {:.3} s (median of {runs}; min {:.3}, max {:.3})",
        cpu[runs / 2],
        cpu[0],
        cpu[runs - 1]
    );
    for label in ["webhook", "slack"] {
        for kind in ["new_failures", "resolved"] {
            let parts: Vec<_> = sizes
                .iter()
                .filter(|s| s.0 == label && s.1 == kind)
                .collect();
            let listed: usize = parts.iter().map(|s| s.2).sum();
            let largest = parts.iter().map(|s| s.4).max().unwrap_or(0);
            let omitted = parts.first().map_or(0, |s| s.3);
            println!(
                "  {label:<8} {kind:<13} {:>3} messages, {listed:>6} listed, {omitted:>6} counted as not listed, largest body {:.1} KB",
                parts.len(),
                largest as f64 / 1024.0
            );
        }
    }
}

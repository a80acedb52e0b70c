//! Results benchmark: rendering a scan of 10,000 findings in every output format (time,
//! and the HTML page's size), and applying 1,000 mute rules to 100,000 findings.
//!
//!     cargo bench -p parapet --no-default-features --bench results
//!
//! The findings are synthetic but shaped like a real scan: every control of the embedded
//! catalog, resources spread over four regions and two accounts, about a third failing,
//! reasons of realistic length. Each figure is the median of several runs.

use chrono::{Duration, Utc};
use parapet::controls::Catalog;
use parapet::model::{
    Finding, MuteExceptions, MuteRule, Resource, Scan, ScanState, Severity, Status,
};
use parapet::mute::MuteSet;
use parapet::report::diff::{diff, ScanSide};
use parapet::report::html::{render_html, HtmlReport};
use parapet::report::{asff, csv, finding_json_line, ocsf, render_summary, sarif, summarize};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

const REGIONS: [&str; 4] = ["us-east-1", "eu-west-1", "ap-southeast-2", "global"];
const ACCOUNTS: [&str; 2] = ["123456789012", "210987654321"];

fn resources(n: usize, scan_id: &str) -> Vec<Resource> {
    (0..n)
        .map(|i| {
            let region = REGIONS[i % REGIONS.len()];
            let mut tags = BTreeMap::new();
            tags.insert("Name".to_string(), format!("res-{i:06}"));
            tags.insert("env".to_string(), ["prod", "dev", "stg"][i % 3].to_string());
            Resource {
                arn: format!("arn:aws:s3:::res-{i:06}"),
                resource_type: [
                    "AWS::S3::Bucket",
                    "AWS::EC2::SecurityGroup",
                    "AWS::IAM::User",
                ][i % 3]
                    .into(),
                account_id: ACCOUNTS[i % 2].into(),
                region: region.into(),
                name: format!("res-{i:06}"),
                tags,
                attributes: serde_json::Value::Null,
                collected_at: Utc::now(),
                scan_id: scan_id.into(),
            }
        })
        .collect()
}

fn findings(
    catalog: &Catalog,
    n: usize,
    resources: &[Resource],
    scan_id: &str,
    seed: usize,
) -> Vec<Finding> {
    let now = Utc::now();
    let controls = &catalog.controls;
    (0..n)
        .map(|i| {
            let c = &controls[i % controls.len()];
            let r = &resources[(i / controls.len()) % resources.len()];
            let status = match (i * 7 + seed) % 10 {
                0..=2 => Status::Fail,
                3 => Status::Info,
                4 => Status::Error,
                5 => Status::Skipped,
                _ => Status::Pass,
            };
            Finding {
                control_id: c.meta.id.clone(),
                resource_arn: r.arn.clone(),
                resource_name: r.name.clone(),
                resource_type: r.resource_type.clone(),
                account_id: r.account_id.clone(),
                region: r.region.clone(),
                service: c.meta.service.clone(),
                severity: c.meta.severity,
                status,
                reason: format!(
                    "{} {} {}: the setting this control reads is {} on this resource",
                    r.resource_type, r.name, c.meta.id, status
                ),
                scan_id: scan_id.into(),
                first_seen: now - Duration::days(3),
                last_seen: now,
                status_changed_at: now - Duration::days(1),
                muted: None,
            }
        })
        .collect()
}

/// 1,000 rules as a team would write them: most name one control and a few resources,
/// some use a control glob, a few match by tag or carry exceptions.
fn rules(catalog: &Catalog, n: usize) -> Vec<MuteRule> {
    let ids: Vec<&str> = catalog
        .controls
        .iter()
        .map(|c| c.meta.id.as_str())
        .collect();
    (0..n)
        .map(|i| {
            let controls = match i % 20 {
                0 => vec![format!(
                    "{}_*",
                    ids[i % ids.len()].split('_').next().unwrap()
                )],
                1 => vec!["*".to_string()],
                _ => vec![ids[i % ids.len()].to_string()],
            };
            let mut rule = MuteRule {
                id: format!("rule-{i}"),
                accounts: vec![if i % 2 == 0 {
                    "*".into()
                } else {
                    ACCOUNTS[1].into()
                }],
                controls,
                regions: vec![if i % 3 == 0 {
                    "*".into()
                } else {
                    REGIONS[i % 4].into()
                }],
                resources: vec![
                    format!("^res-{:04}", i % 2000),
                    format!("res-{:06}$", i * 7),
                ],
                tags: vec![],
                exceptions: MuteExceptions::default(),
                reason: "accepted".into(),
                expires_at: None,
                created_by: "bench".into(),
                created_at: Utc::now(),
            };
            if i % 10 == 5 {
                rule.resources = vec!["*".into()];
                rule.tags = vec![
                    "env=dev|env=stg".into(),
                    format!("Name=res-00{:02}", i % 100),
                ];
            }
            if i % 25 == 7 {
                rule.exceptions.tags = vec!["env=prod".into()];
            }
            rule
        })
        .collect()
}

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[runs / 2]
}

fn main() {
    let catalog = Catalog::embedded().expect("catalog");
    let res = resources(3_000, "scan-2");
    let old_res = resources(2_900, "scan-1");
    let mut current = findings(&catalog, 10_000, &res, "scan-2", 0);
    let mut previous = findings(&catalog, 9_800, &old_res, "scan-1", 3);
    let rule_set = rules(&catalog, 1_000);
    let tags: HashMap<_, _> = res
        .iter()
        .map(|r| (r.arn.clone(), r.tags.clone()))
        .collect();
    let set = MuteSet::new(&rule_set, Utc::now()).unwrap();
    set.apply(&mut current, &tags);
    set.apply(&mut previous, &tags);
    let scan = Scan {
        id: "scan-2".into(),
        account_id: ACCOUNTS[0].into(),
        started_at: Utc::now(),
        finished_at: Some(Utc::now()),
        state: ScanState::Complete,
        regions: REGIONS[..3].iter().map(|s| s.to_string()).collect(),
        tasks_total: 40,
        tasks_done: 40,
        tasks_failed: 0,
        failures: vec![],
        summary: Some(summarize(&catalog, &current, res.len() as u64, &[])),
    };
    let failing = current
        .iter()
        .filter(|f| f.shown_status() == Status::Fail)
        .count();
    let muted = current.iter().filter(|f| f.muted.is_some()).count();
    println!(
        "report of {} findings ({failing} failing, {muted} muted), {} resources, {} controls",
        current.len(),
        res.len(),
        catalog.controls.len()
    );
    let _ = Severity::ALL;

    let mut sizes = Vec::new();
    let mut measure = |name: &str, render: &dyn Fn() -> String| {
        let mut size = 0;
        let ms = median_ms(5, || size = render().len());
        println!("  {name:<28} {ms:>8.1} ms   {:>8.2} MB", size as f64 / 1e6);
        sizes.push((name.to_string(), size));
    };
    measure("table", &|| render_summary(&scan, &current));
    measure("json lines", &|| {
        current
            .iter()
            .map(|f| finding_json_line(f) + "\n")
            .collect()
    });
    measure("csv", &|| csv::render_csv(&current));
    measure("ocsf", &|| ocsf::render_ocsf(&current, &catalog));
    measure("asff", &|| {
        asff::render_asff(&current, &catalog, "us-east-1")
    });
    measure("sarif", &|| sarif::render_sarif(&current, &catalog));
    measure("html (with diff)", &|| {
        let d = diff(
            &catalog,
            &[],
            &ScanSide {
                scan_id: "scan-1",
                findings: &previous,
                resources: &old_res,
            },
            &ScanSide {
                scan_id: "scan-2",
                findings: &current,
                resources: &res,
            },
        );
        render_html(&HtmlReport {
            scan: &scan,
            findings: &current,
            catalog: &catalog,
            masks: &[],
            resources: &res,
            diff: Some(&d),
            threats: None,
            trend: None,
        })
    });
    let html = sizes.iter().find(|(n, _)| n.starts_with("html")).unwrap().1;
    println!(
        "  html page size: {:.2} MB (target < 5 MB)",
        html as f64 / 1e6
    );

    let big_res = resources(20_000, "scan-3");
    let big_tags: HashMap<_, _> = big_res
        .iter()
        .map(|r| (r.arn.clone(), r.tags.clone()))
        .collect();
    let mut big = findings(&catalog, 100_000, &big_res, "scan-3", 1);
    let mut muted = 0;
    let compile = median_ms(5, || {
        MuteSet::new(&rule_set, Utc::now()).unwrap();
    });
    let ms = median_ms(5, || {
        let set = MuteSet::new(&rule_set, Utc::now()).unwrap();
        muted = set.apply(&mut big, &big_tags);
    });
    println!(
        "muting: {} rules against {} findings: {ms:.1} ms (compile {compile:.1} ms), {muted} muted (target < 1 s)",
        rule_set.len(),
        big.len()
    );
    let everything: Vec<MuteRule> = rule_set
        .iter()
        .map(|r| MuteRule {
            controls: vec!["*".into()],
            ..r.clone()
        })
        .collect();
    let ms = median_ms(3, || {
        let set = MuteSet::new(&everything, Utc::now()).unwrap();
        muted = set.apply(&mut big, &big_tags);
    });
    println!("worst case: the same rules all on control `*`: {ms:.1} ms, {muted} muted");
}

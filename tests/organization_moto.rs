//! `parapet scan --organization` against moto: the accounts Organizations lists, each
//! reached through its own role with its own ExternalId, one scan record per account,
//! and an account whose role cannot be assumed reported without stopping the others.
//!
//! What moto does not check, and how the tests make up for it: AssumeRole succeeds for
//! any role ARN (the role need not exist, no trust policy or ExternalId is checked), so
//! the fault proxy in front of moto refuses the `denied` account's role with
//! AccessDenied, as AWS would refuse a role that does not trust the caller, and records
//! every AssumeRole request, which is how the tests see the ExternalId sent per account.

mod support;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use support::fault_proxy::{Fault, FaultProxy, Rule};
use support::*;

const CONTROL: &str = "s3_bucket_level_public_access_block";

/// The seeded organization (tests/support/seed_organization.py).
struct Org {
    moto: Moto,
    management: String,
    open: String,
    closed_off: String,
    denied: String,
    closed: String,
    key_secret_arn: String,
    /// Each member's ExternalId, derived by the seeder with Python's hmac.
    external_ids: BTreeMap<String, String>,
}

/// The cap test times arrivals at its proxy, which needs a machine that is not
/// saturated: this file's tests run one at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn seeded_org() -> Org {
    let moto = Moto::start();
    let out = python(&[
        "tests/support/seed_organization.py",
        "--endpoint-url",
        &moto.url,
    ]);
    let seeded: Value = serde_json::from_str(out.trim()).expect("the seeder prints JSON");
    let id = |name: &str| seeded["accounts"][name].as_str().unwrap().to_string();
    Org {
        management: seeded["management"].as_str().unwrap().to_string(),
        open: id("open"),
        closed_off: id("closed-off"),
        denied: id("denied"),
        closed: id("closed"),
        key_secret_arn: seeded["key_secret_arn"].as_str().unwrap().to_string(),
        external_ids: serde_json::from_value(seeded["external_ids"].clone()).unwrap(),
        moto,
    }
}

/// A proxy to the organization's moto that refuses AssumeRole into the `denied` account
/// and keeps every AssumeRole request it forwards.
fn proxy_denying(org: &Org) -> FaultProxy {
    let refuse_denied = Rule {
        operation: Some("AssumeRole".into()),
        body_contains: Some(org.denied.clone()),
        ..Rule::service("sts", 1.0, &[Fault::AccessDenied])
    };
    let proxy = FaultProxy::start(&org.moto.url, vec![refuse_denied], 7);
    proxy.capture("AssumeRole");
    proxy
}

fn org_scan(
    proxy: &FaultProxy,
    db: &std::path::Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut args = vec![
        "--db",
        db.to_str().unwrap(),
        "scan",
        "--endpoint-url",
        &proxy.url,
        "--region",
        "us-east-1",
        "--control",
        CONTROL,
        "--organization",
        "--role-name",
        "parapet-scan",
    ];
    args.extend_from_slice(extra);
    parapet_env(&args, env)
}

/// A form field of a query-protocol request body (the values here need no decoding
/// beyond `%3A` and `%2F`).
fn form_field(body: &str, name: &str) -> Option<String> {
    body.split('&')
        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
        .map(|v| v.replace("%3A", ":").replace("%2F", "/"))
}

/// The (RoleArn, ExternalId) of each AssumeRole the proxy forwarded.
fn assumed(proxy: &FaultProxy) -> BTreeSet<(String, Option<String>)> {
    proxy
        .captured()
        .iter()
        .map(|x| {
            let role = form_field(&x.request_body, "RoleArn").expect("AssumeRole names a role");
            (role, form_field(&x.request_body, "ExternalId"))
        })
        .collect()
}

fn role(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/parapet-scan")
}

/// The (status, resource name) of each finding, by account.
fn verdicts_by_account(out: &Output) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut by_account: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for f in findings(out) {
        assert_eq!(f["control_id"], CONTROL, "{f}");
        let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
        by_account
            .entry(text("account_id"))
            .or_default()
            .insert((text("status"), text("resource_name")));
    }
    by_account
}

/// The account of each scan `parapet scans` lists.
fn scanned_accounts(db: &std::path::Path) -> Vec<String> {
    let out = parapet(&["--db", db.to_str().unwrap(), "scans"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut accounts: Vec<String> = stdout(&out)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_string))
        .collect();
    accounts.sort();
    accounts
}

fn verdict(status: &str, bucket: &str) -> BTreeSet<(String, String)> {
    BTreeSet::from([(status.to_string(), bucket.to_string())])
}

#[test]
fn scans_each_active_account_through_its_role_with_its_derived_external_id() {
    let _alone = alone();
    let org = seeded_org();
    let proxy = proxy_denying(&org);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("org.db");
    let source = format!("key-secret:{}", org.key_secret_arn);
    let out = org_scan(
        &proxy,
        &db,
        &["--external-id-from", &source, "--format", "json"],
        &[("PARAPET_LOG", "debug")],
    );
    let (log, printed) = (stderr(&out), stdout(&out));

    // The denied account is reported, by id, with AWS's error code, and fails the run...
    assert!(
        !out.status.success(),
        "an unassumable account must fail the run:\n{log}"
    );
    let denied_line = log
        .lines()
        .find(|l| l.starts_with(&format!("account {} could not be scanned", org.denied)))
        .unwrap_or_else(|| panic!("the denied account is reported:\n{log}"));
    assert!(
        denied_line.contains(&role(&org.denied)) && denied_line.contains("AccessDenied"),
        "{denied_line}"
    );
    // ...without stopping the others: each has its own findings, and only its own.
    let expected = BTreeMap::from([
        (
            org.management.clone(),
            verdict("PASS", "org-management-bucket"),
        ),
        (org.open.clone(), verdict("FAIL", "org-open-bucket")),
        (
            org.closed_off.clone(),
            verdict("PASS", "org-closed-off-bucket"),
        ),
    ]);
    assert_eq!(verdicts_by_account(&out), expected, "{log}");
    // One scan record per scanned account; none for the denied or the closed account.
    let mut scanned: Vec<String> = expected.keys().cloned().collect();
    scanned.sort();
    assert_eq!(scanned_accounts(&db), scanned);
    for account in [&org.management, &org.open, &org.closed_off] {
        assert!(
            log.contains(&format!("account {account}: done")),
            "a progress line per account:\n{log}"
        );
    }
    assert!(
        !log.contains(&org.closed),
        "the closed account is not scanned:\n{log}"
    );

    // The members' roles were assumed with each account's own derived ExternalId; the
    // management account was scanned with the base credentials (no AssumeRole).
    let want: BTreeSet<_> = [&org.open, &org.closed_off]
        .into_iter()
        .map(|a| (role(a), Some(org.external_ids[a].clone())))
        .collect();
    assert_eq!(assumed(&proxy), want);
    // No ExternalId reaches the output or the debug log.
    for id in org.external_ids.values() {
        assert!(
            !log.contains(id) && !printed.contains(id),
            "ExternalId {id} leaked"
        );
    }
}

#[test]
fn narrows_the_accounts_and_sends_one_given_external_id_to_all() {
    let _alone = alone();
    let org = seeded_org();
    let proxy = proxy_denying(&org);
    let dir = tempfile::tempdir().unwrap();

    // Without an ExternalId source the scan refuses before assuming anything.
    let refused = org_scan(&proxy, &dir.path().join("refused.db"), &[], &[]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("--external-id-from"),
        "{}",
        stderr(&refused)
    );
    assert!(assumed(&proxy).is_empty());

    // --account narrows to the named accounts; one that is not in the organization is
    // named and fails the run. The environment's ExternalId goes to every role.
    let db = dir.path().join("narrow.db");
    let out = org_scan(
        &proxy,
        &db,
        &[
            "--external-id-from",
            "env",
            "--account",
            &org.open,
            "--account",
            "999999999999",
        ],
        &[("PARAPET_EXTERNAL_ID", "shared-org-external-id")],
    );
    let log = stderr(&out);
    assert!(!out.status.success(), "{log}");
    assert!(
        log.contains("account 999999999999 is not an active account of the organization"),
        "{log}"
    );
    assert_eq!(scanned_accounts(&db), vec![org.open.clone()]);
    assert_eq!(
        assumed(&proxy),
        BTreeSet::from([(role(&org.open), Some("shared-org-external-id".to_string()))])
    );
    // The table's row for the account: 2 resources (the bucket and the account's S3
    // settings), 1 FAIL, score 0%.
    let table = stdout(&out);
    let row = table
        .lines()
        .find(|l| l.starts_with(&org.open))
        .unwrap_or_else(|| panic!("a row for the account:\n{table}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(
        &cells[..5],
        &[org.open.as_str(), "2", "1", "0.0%", "0"],
        "{row}"
    );
    assert!(!table.contains("shared-org-external-id") && !log.contains("shared-org-external-id"));

    // --exclude-account leaves the denied account out: then every account is scanned and
    // the run succeeds. --no-external-id sends none. --output gets every account's
    // findings as JSON lines.
    let db = dir.path().join("all.db");
    let lines = dir.path().join("all.jsonl");
    let out = org_scan(
        &proxy,
        &db,
        &[
            "--no-external-id",
            "--exclude-account",
            &org.denied,
            "--output",
            lines.to_str().unwrap(),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut all = vec![
        org.management.clone(),
        org.open.clone(),
        org.closed_off.clone(),
    ];
    all.sort();
    assert_eq!(scanned_accounts(&db), all);
    let written: BTreeSet<String> = std::fs::read_to_string(&lines)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["account_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(written, all.iter().cloned().collect());
    assert!(assumed(&proxy)
        .iter()
        .any(|(r, id)| *r == role(&org.closed_off) && id.is_none()));
}

/// The requests of each session (its security token; `None` for the base credentials,
/// here the management account's) to S3 in us-east-1, in arrival order.
fn s3_arrivals(proxy: &FaultProxy) -> BTreeMap<Option<String>, Vec<std::time::Duration>> {
    let mut by_session: BTreeMap<Option<String>, Vec<std::time::Duration>> = BTreeMap::new();
    for s in proxy.seen() {
        if s.service == "s3" && s.region == "us-east-1" {
            by_session.entry(s.security_token).or_default().push(s.at);
        }
    }
    by_session
}

/// The most of `times` (sorted) within any `window`.
fn peak_within(times: &[std::time::Duration], window: std::time::Duration) -> usize {
    let mut start = 0;
    (0..times.len())
        .map(|end| {
            while times[end] - times[start] >= window {
                start += 1;
            }
            end - start + 1
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn each_account_keeps_the_hard_cap_on_its_own_and_accounts_run_at_once() {
    let _alone = alone();
    let org = seeded_org();
    let proxy = proxy_denying(&org);
    let dir = tempfile::tempdir().unwrap();
    let out = org_scan(
        &proxy,
        &dir.path().join("capped.db"),
        &[
            "--no-external-id",
            "--exclude-account",
            &org.denied,
            "--max-calls-per-second",
            "2",
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sessions = s3_arrivals(&proxy);
    assert_eq!(
        sessions.len(),
        3,
        "three accounts' sessions called S3: {sessions:?}"
    );
    // Every account stays within the cap of 2 calls a second to S3 in the region (the
    // limiter spaces them half a second apart as they leave; 300 ms allow for their
    // arrival at the proxy to jitter)...
    let second = std::time::Duration::from_secs(1);
    for (session, times) in &sessions {
        assert!(times.len() > 2, "enough calls to meet the cap: {times:?}");
        let peak = peak_within(times, second - std::time::Duration::from_millis(300));
        assert!(peak <= 2, "{session:?}: {times:?}");
    }
    // ...while the accounts, scanned at once, are not held to one cap together: the
    // limiter's keys include the account. (Each account's calls span over a second at
    // this cap, and the three start together, so their windows overlap.)
    let mut all: Vec<_> = sessions.values().flatten().copied().collect();
    all.sort();
    assert!(peak_within(&all, second) > 2, "{all:?}");
}

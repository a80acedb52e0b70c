//! What each fuzz target does with one input, and the properties it checks beyond "does
//! not panic". The libFuzzer targets in `fuzz_targets/` call these, and so does the
//! regular test `tests/fuzz_seeds.rs`, which replays every seed corpus on each test run.
//!
//! Only `parapet`, `serde_json` and `chrono` are used here, so the test can include this
//! file as a module of the CLI's test crate.

use chrono::{DateTime, TimeZone, Utc};
use parapet::collect::event_intake::{
    arn_account, calls_in_log_file, parse_event_message, triage, EventMessage, Verdict,
};
use parapet::collect::events::ApiCall;
use parapet::collect::{spec, Scope};
use parapet::controls::{Catalog, Evaluator, SourceFile};
use parapet::model::{Finding, MuteRule, Resource, ScanTask, Severity, Status};
use parapet::mute::{parse_mutelist, MuteSet};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

/// What a target does with one input; it panics when a property does not hold.
pub type Target = fn(&[u8]);

/// Every target: its name (the folder of its seeds and the libFuzzer binary) and its body.
pub const TARGETS: &[(&str, Target)] = &[
    ("cloudtrail_event", cloudtrail_event),
    ("scan_task", scan_task),
    ("control_metadata", control_metadata),
    ("framework_yaml", framework_yaml),
    ("mutelist", mutelist),
    ("mute_rules", mute_rules),
    ("iam_policy", iam_policy),
];

/// An events-queue message body (EventBridge event or S3 notification), and the same bytes
/// read as a CloudTrail log file or a single record. Checks the trust rules: only a
/// successful write call of the registered account, sent by its own bus, naming only its
/// own resources, yields rescans, and every rescan names a real collector and region.
pub fn cloudtrail_event(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_event_message(text) {
        Ok(EventMessage::Call { sender, call }) => check_call(sender.as_deref(), &call),
        // Reading the files needs S3; the log file shape is fuzzed below.
        Ok(EventMessage::LogFiles(_)) => {}
        Err(why) => assert!(!why.is_empty()),
    }
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return;
    };
    for call in calls_in_log_file(&v).into_iter().flatten().flatten() {
        check_call(None, &call);
    }
    match ApiCall::from_detail(&v) {
        Ok(call) => check_call(None, &call),
        Err(why) => assert!(why.contains("CloudTrail event"), "{why}"),
    }
}

fn check_call(sender: Option<&str>, call: &ApiCall) {
    let a = &call.account_id;
    assert!(
        a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()),
        "{a:?}"
    );
    assert!(
        !call.region.is_empty() && !call.event_source.is_empty() && !call.event_name.is_empty()
    );
    let own = |id: &str| id == call.account_id;
    let verdict = triage(sender, call, own);
    if call.read_only {
        assert_eq!(verdict, Verdict::ReadOnly);
    } else if call.error_code.is_some() {
        assert_eq!(verdict, Verdict::FailedCall);
    } else if sender.is_some_and(|s| s != call.account_id) {
        assert_eq!(verdict, Verdict::ForeignSender);
    }
    if let Verdict::Rescan(targets) = &verdict {
        assert!(!targets.is_empty());
        for t in targets {
            assert!(!t.resource_id.is_empty(), "{call:?}");
            assert!(
                arn_account(&t.resource_id).is_none_or(own),
                "rescan of another account's resource {t:?} from {call:?}"
            );
            let scope = spec(t.collector).expect("a known collector").scope;
            match scope {
                Scope::Global => assert_eq!(t.region, "global"),
                Scope::Regional => assert_eq!(t.region, call.region),
            }
        }
        // The same call from an unregistered account or through another account's bus
        // rescans nothing.
        assert!(!matches!(
            triage(sender, call, |_| false),
            Verdict::Rescan(_)
        ));
        assert!(
            !matches!(triage(Some("000000000000"), call, own), Verdict::Rescan(_))
                || call.account_id == "000000000000"
        );
    }
}

/// A scan-task queue message. An accepted task names a 12-digit account, survives a
/// serialisation round trip unchanged, and it never carries credentials.
pub fn scan_task(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let task = match ScanTask::from_message(text) {
        Ok(t) => t,
        Err(why) => {
            assert!(why.starts_with("malformed scan task message"), "{why}");
            return;
        }
    };
    let a = &task.account_id;
    assert!(
        a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()),
        "{a:?}"
    );
    assert!(!task.scan_id.is_empty() && !task.collector.is_empty());
    let again = ScanTask::from_message(&serde_json::to_string(&task).unwrap()).unwrap();
    assert_eq!(again, task);
    let _ = task.key();
    // A task carries ids only: credentials a message names are dropped on parsing.
    let sent = serde_json::to_string(&task).unwrap();
    assert!(
        !sent.contains("\"role_arn\"") && !sent.contains("\"external_id\""),
        "{sent}"
    );
}

/// A control file's `# METADATA` header, loaded as the catalog loads a control. A
/// rejected file's error names the file and a line inside it (or just past its end).
pub fn control_metadata(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = "aws/fuzz/fuzz_control.rego";
    check_catalog_load(path, text);
}

/// A framework file, loaded as the catalog loads one, then its coverage computed.
pub fn framework_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(catalog) = check_catalog_load("frameworks/fuzz.yaml", text) {
        for fw in &catalog.frameworks {
            assert_eq!(fw.id, "fuzz");
            for id in fw.control_ids() {
                assert!(!fw.requirements_of(id).is_empty());
            }
            assert_eq!(
                catalog.requirement_coverage(fw).len(),
                fw.requirements.len()
            );
        }
        let rows = catalog.coverage();
        let _ = parapet::controls::render_coverage(&rows, true);
    }
}

fn check_catalog_load(path: &str, text: &str) -> Option<Catalog> {
    let file = SourceFile {
        path: path.to_string(),
        text: text.to_string(),
    };
    match Catalog::from_files(vec![file]) {
        Ok(c) => Some(c),
        Err(e) => {
            assert_eq!(e.path, path);
            let lines = text.lines().count().max(1);
            assert!(
                (1..=lines + 1).contains(&e.line),
                "line {} outside a {lines}-line file: {e}",
                e.line
            );
            assert!(!e.message.is_empty());
            None
        }
    }
}

/// A fixed instant, so expiry dates behave the same on every run.
fn fuzz_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap()
}

/// A mutelist file (Prowler's format with our optional keys), compiled and applied.
pub fn mutelist(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_mutelist("fuzz.yaml", text, fuzz_now()) {
        Ok(rules) => {
            assert!(rules.iter().all(|r| r.id.starts_with("fuzz.yaml:")));
            check_mute_rules(&rules);
        }
        Err(e) => assert!(e.to_string().starts_with("mutelist fuzz.yaml: ")),
    }
}

/// Mute rules as the stores keep them (a JSON list of rules), compiled and applied.
pub fn mute_rules(data: &[u8]) {
    if let Ok(rules) = serde_json::from_slice::<Vec<MuteRule>>(data) {
        check_mute_rules(&rules);
    }
}

/// Compiles rules and applies them: a finding is muted only by a rule of the set, and
/// applying twice gives the same result.
fn check_mute_rules(rules: &[MuteRule]) {
    let now = fuzz_now();
    let Ok(set) = MuteSet::new(rules, now) else {
        return;
    };
    let mut findings = sample_findings();
    let tags: HashMap<String, BTreeMap<String, String>> = findings
        .iter()
        .map(|f| {
            let mut t = BTreeMap::new();
            t.insert("env".to_string(), f.region.clone());
            t.insert("team".to_string(), f.control_id.clone());
            (f.resource_arn.clone(), t)
        })
        .collect();
    let muted = set.apply(&mut findings, &tags);
    assert_eq!(muted, findings.iter().filter(|f| f.muted.is_some()).count());
    for f in &findings {
        if let Some(m) = &f.muted {
            assert!(
                rules
                    .iter()
                    .any(|r| r.id == m.rule_id && !r.is_expired(now)),
                "muted by {m:?}, not a rule in force"
            );
        }
        assert_ne!(f.status, Status::Muted, "muting keeps the status");
    }
    let first: Vec<_> = findings.iter().map(|f| f.muted.clone()).collect();
    set.apply(&mut findings, &tags);
    let second: Vec<_> = findings.iter().map(|f| f.muted.clone()).collect();
    assert_eq!(first, second);
}

fn sample_findings() -> Vec<Finding> {
    let t = fuzz_now();
    [
        (
            "s3_bucket_public_access",
            "arn:aws:s3:::www-site",
            "www-site",
            "111122223333",
            "us-east-1",
        ),
        (
            "s3_bucket_default_encryption",
            "arn:aws:s3:::logs",
            "logs",
            "111122223333",
            "eu-west-1",
        ),
        (
            "iam_root_mfa_enabled",
            "arn:aws:iam::111122223333:root",
            "111122223333",
            "111122223333",
            "global",
        ),
        (
            "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
            "arn:aws:ec2:eu-west-1:444455556666:security-group/sg-1",
            "web",
            "444455556666",
            "eu-west-1",
        ),
    ]
    .into_iter()
    .map(|(control, arn, name, account, region)| Finding {
        control_id: control.into(),
        resource_arn: arn.into(),
        resource_name: name.into(),
        resource_type: "AWS::S3::Bucket".into(),
        account_id: account.into(),
        region: region.into(),
        service: "s3".into(),
        severity: Severity::High,
        status: Status::Fail,
        reason: "fuzz".into(),
        scan_id: "fuzz".into(),
        first_seen: t,
        last_seen: t,
        status_changed_at: t,
        muted: None,
    })
    .collect()
}

/// The embedded catalog's evaluator, built once (it compiles every control).
fn evaluator() -> &'static Mutex<Evaluator> {
    static EVALUATOR: OnceLock<Mutex<Evaluator>> = OnceLock::new();
    EVALUATOR.get_or_init(|| {
        let catalog = Catalog::embedded().expect("the embedded catalog loads");
        Mutex::new(Evaluator::new(&catalog).expect("the embedded catalog compiles"))
    })
}

/// An IAM policy document, given to every control that reads one: as a customer-managed
/// policy and as an inline policy, through the engine exactly as a scan evaluates them
/// (the policy analysis lives in controls/lib/iam.rego). Every control must answer with
/// a status and a reason; a document it cannot judge is ERROR, never a crash.
pub fn iam_policy(data: &[u8]) {
    let Ok(document) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let t = fuzz_now();
    let resource = |resource_type: &str, attributes: Value| Resource {
        arn: "arn:aws:iam::111122223333:policy/fuzz".into(),
        resource_type: resource_type.into(),
        account_id: "111122223333".into(),
        region: "global".into(),
        name: "fuzz".into(),
        tags: BTreeMap::new(),
        attributes,
        collected_at: t,
        scan_id: "fuzz".into(),
    };
    let managed = resource(
        "AWS::IAM::Policy",
        json!({"PolicyName": "fuzz", "Arn": "arn:aws:iam::111122223333:policy/fuzz",
               "AttachmentCount": 1, "DefaultVersionId": "v1", "IsAttachable": true,
               "aws_managed": false, "document": document}),
    );
    let inline = resource(
        "Parapet::IAM::InlinePolicy",
        json!({"PolicyName": "fuzz", "PolicyDocument": document, "principal_type": "role",
               "principal_name": "fuzz", "principal_arn": "arn:aws:iam::111122223333:role/fuzz"}),
    );
    let mut evaluator = evaluator().lock().unwrap_or_else(|e| e.into_inner());
    for r in [managed, inline] {
        let results = evaluator.evaluate(&r, "2026-11-24T12:00:00Z");
        assert!(!results.is_empty(), "no control reads {}", r.resource_type);
        for e in results {
            assert!(
                matches!(
                    e.status,
                    Status::Pass | Status::Fail | Status::Info | Status::Error | Status::Skipped
                ),
                "{e:?}"
            );
            assert!(!e.reason.trim().is_empty(), "{e:?}");
        }
    }
}

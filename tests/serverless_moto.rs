//! The serverless pipeline end to end against moto_server: onboard two accounts through
//! the custom resource handler, start scans with a real EventBridge schedule payload,
//! drain moto's SQS through the worker handler with real `SqsEvent` payloads, and read
//! the results back from moto's DynamoDB. Then redelivery, partial batch failure,
//! real-time rescans from CloudTrail events, and the same scan through the CLI path.
//!
//! moto limits: AssumeRole ignores the ExternalId and the trust policy, so the derived
//! ExternalId the functions pass is not checked the way AWS would; moto keeps each
//! assumed account's resources apart, which is what the two-account test relies on.

use crate::installation;
use crate::support;

use installation::*;
use parapet::aws::Limiter;
use parapet::controls::Catalog;
use parapet::model::{Finding, Mask, MuteRule, ScanState, Status};
use parapet::pipeline::{plan_account_scan, run_local, Worker};
use parapet::queue::SqsQueue;
use parapet::serverless::{events, scheduler, worker};
use parapet::store::{SqliteStore, Store};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use support::*;

const ACCOUNT_A: &str = "123456789012";
const ACCOUNT_B: &str = "111111111111";
const REGIONS: &str = "us-east-1,eu-west-1";

fn role(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/parapet-scan")
}

fn mutate(moto: &Moto, args: &[&str]) -> Value {
    let mut all = vec!["tests/support/mutate.py", "--endpoint-url", &moto.url];
    all.extend_from_slice(args);
    serde_json::from_str(python(&all).trim()).unwrap()
}

async fn onboard_account(inst: &Installation, account: &str) -> Value {
    let request = registration_request(account, json!({"Regions": REGIONS, "RealTime": "true"}));
    let (method, body) = inst.onboard_answered(&request).await;
    assert_eq!(method, "PUT");
    body
}

type Statuses = BTreeMap<(String, String), Status>;

fn statuses(findings: &[Finding]) -> Statuses {
    findings
        .iter()
        .map(|f| ((f.control_id.clone(), f.resource_arn.clone()), f.status))
        .collect()
}

/// Every finding that differs between two snapshots, with its old and new status.
fn changes(
    before: &Statuses,
    after: &Statuses,
) -> Vec<(String, String, Option<Status>, Option<Status>)> {
    let mut keys: Vec<&(String, String)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| {
            (
                k.0.clone(),
                k.1.clone(),
                before.get(k).copied(),
                after.get(k).copied(),
            )
        })
        .collect()
}

/// The scan's stored summary counts what its findings and resources are now (the tests
/// using it store no mute rule or mask, so nothing is left out); returns its FAIL count.
async fn summary_matches_findings(store: &dyn Store, scan_id: &str) -> u64 {
    let scan = store.scan(scan_id).await.unwrap().unwrap();
    let summary = scan
        .summary
        .clone()
        .unwrap_or_else(|| panic!("a finished scan has a summary: {scan:?}"));
    let findings = scan_findings(store, scan_id).await;
    let resources = store.resources(scan_id).await.unwrap();
    let count = |status: Status| findings.iter().filter(|f| f.status == status).count() as u64;
    assert_eq!(summary.findings, findings.len() as u64);
    assert_eq!(summary.resources, resources.len() as u64);
    let tagged: HashMap<_, _> = resources
        .iter()
        .map(|r| (r.arn.clone(), r.tags.clone()))
        .collect();
    assert_eq!(store.resource_tags(scan_id).await.unwrap(), tagged);
    for status in [Status::Pass, Status::Fail, Status::Error] {
        assert_eq!(
            summary.by_status.get(&status).copied().unwrap_or(0),
            count(status),
            "{status:?} in the summary of {scan_id}"
        );
    }
    count(Status::Fail)
}

/// Creates a scan of account A made of one task, its S3 collector, and queues that task.
async fn queue_s3_scan(inst: &Installation) -> String {
    let scan = parapet::pipeline::new_scan(ACCOUNT_A, &["us-east-1".to_string()], 1);
    inst.deps.store.create_scan(&scan).await.unwrap();
    let task = json!({"scan_id": scan.id, "account_id": ACCOUNT_A, "region": "global",
                      "collector": "s3", "attempt": 0});
    inst.send_raw(&inst.scan_queue, &task.to_string()).await;
    scan.id
}

/// Sends CloudTrail events through the events queue and handler, then runs the rescans.
async fn deliver_events(
    inst: &Installation,
    worker: &Worker,
    events_json: &[Value],
) -> events::EventsOutcome {
    for e in events_json {
        inst.send_raw(&inst.events_queue, &e.to_string()).await;
    }
    let (event, handles) = inst.receive(&inst.events_queue).await;
    assert_eq!(handles.len(), events_json.len());
    let queue = SqsQueue::new(inst.sqs.clone(), &inst.scan_queue);
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&inst.deps.sessions.config(None, None).await.unwrap())
            .force_path_style(true)
            .build(),
    );
    let (response, outcome) = events::handle(inst.deps.store.as_ref(), &queue, &s3, event).await;
    assert!(response.batch_item_failures.is_empty());
    inst.acknowledge(&inst.events_queue, &handles, &response)
        .await;
    inst.drain_scan_queue(worker).await;
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn scheduled_scans_of_two_accounts_through_sqs_and_dynamodb() {
    let moto = Moto::start();
    seed(&moto);
    mutate(
        &moto,
        &["--account", ACCOUNT_B, "create-bucket", "account-b-bucket"],
    );
    let open = mutate(
        &moto,
        &["--account", ACCOUNT_B, "create-sg", "account-b-open"],
    );
    mutate(
        &moto,
        &[
            "--account",
            ACCOUNT_B,
            "open-ssh",
            open["group_id"].as_str().unwrap(),
        ],
    );
    let inst = Installation::create(&moto).await;

    // Onboarding: the custom resource registers both accounts and answers CloudFormation.
    let answer = onboard_account(&inst, ACCOUNT_A).await;
    assert_eq!(answer["Status"], "SUCCESS");
    assert_eq!(answer["PhysicalResourceId"], ACCOUNT_A);
    onboard_account(&inst, ACCOUNT_B).await;
    let accounts = inst.deps.store.accounts().await.unwrap();
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[1].regions, ["us-east-1", "eu-west-1"]);

    // The daily schedule fires.
    let schedule = json!({
        "version": "0", "id": "8d1e1a4e-1f0b-4c55-9c39-1f5f7c0e2a11",
        "detail-type": "Scheduled Event", "source": "aws.events",
        "account": ACCOUNT_A, "time": "2026-11-24T03:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:123456789012:rule/parapet-daily"], "detail": {}
    });
    let request = scheduler::ScheduleRequest::from_payload(&schedule).unwrap();
    let store = inst.deps.store.as_ref();
    let outcome = scheduler::schedule(
        store,
        inst.deps.queue.as_ref(),
        &inst.deps.sessions,
        &inst.key,
        &request,
        chrono::Duration::hours(6),
    )
    .await
    .unwrap();
    assert_eq!(outcome.started.len(), 2, "{outcome:?}");
    assert!(outcome.skipped.is_empty(), "{outcome:?}");
    // A second schedule while both scans run starts nothing.
    let again = scheduler::schedule(
        store,
        inst.deps.queue.as_ref(),
        &inst.deps.sessions,
        &inst.key,
        &request,
        chrono::Duration::hours(6),
    )
    .await
    .unwrap();
    assert!(again.started.is_empty());
    assert!(
        again
            .skipped
            .iter()
            .all(|s| s.reason.contains("still running")),
        "{again:?}"
    );

    let worker = inst.worker();
    inst.drain_scan_queue(&worker).await;

    let mut scans = BTreeMap::new();
    for started in &outcome.started {
        let scan = store.scan(&started.scan_id).await.unwrap().unwrap();
        assert_eq!(scan.state, ScanState::Complete, "{scan:?}");
        assert_eq!(scan.tasks_done as usize, started.tasks);
        let summary = scan.summary.as_ref().expect("finalized with a summary");
        assert!(summary
            .benchmarks
            .iter()
            .any(|b| b.benchmark == "cis-aws-3.0" && b.score.is_some()));
        scans.insert(started.account_id.clone(), scan);
    }
    let a_findings = scan_findings(store, &scans[ACCOUNT_A].id).await;
    let b_findings = scan_findings(store, &scans[ACCOUNT_B].id).await;
    assert!(a_findings.len() > 100, "{}", a_findings.len());
    assert!(a_findings.iter().all(|f| f.account_id == ACCOUNT_A));
    assert!(b_findings.iter().all(|f| f.account_id == ACCOUNT_B));
    // Account B's own resources, seen through its role: the world-open SSH group fails.
    let b_ssh: Vec<&Finding> = b_findings
        .iter()
        .filter(|f| {
            f.resource_arn.ends_with(open["group_id"].as_str().unwrap()) && f.status == Status::Fail
        })
        .collect();
    assert!(
        !b_ssh.is_empty(),
        "account B's open group has failing findings"
    );
    assert!(b_findings
        .iter()
        .any(|f| f.resource_arn == "arn:aws:s3:::account-b-bucket"));
    assert!(!a_findings
        .iter()
        .any(|f| f.resource_arn == "arn:aws:s3:::account-b-bucket"));

    // The CLI path (in-process queue, SQLite) scanning account A finds the same.
    let dir = tempfile::tempdir().unwrap();
    let sqlite: Arc<dyn Store> = Arc::new(SqliteStore::open(&dir.path().join("p.db")).unwrap());
    let local = Arc::new(
        Worker::new(
            sqlite.clone(),
            Arc::new(Catalog::embedded().unwrap()),
            inst.deps.sessions.clone(),
            Limiter::new(4),
        )
        .unwrap()
        .with_role(Some(role(ACCOUNT_A)), Some(inst.key.derive(ACCOUNT_A))),
    );
    let account = store.account(ACCOUNT_A).await.unwrap().unwrap();
    let clients = local
        .clients(
            account.role_arn.as_deref(),
            Some(&inst.key.derive(ACCOUNT_A)),
        )
        .await
        .unwrap();
    let collectors: Vec<_> = parapet::collect::COLLECTORS.iter().collect();
    let plan = plan_account_scan(&clients, "us-east-1", &account, &collectors)
        .await
        .unwrap();
    sqlite.create_scan(&plan.scan).await.unwrap();
    let local_scan = run_local(local, plan.tasks, 4, Arc::new(|_| {}))
        .await
        .unwrap();
    let local_findings = scan_findings(sqlite.as_ref(), &local_scan.id).await;
    assert_eq!(
        changes(&statuses(&a_findings), &statuses(&local_findings)),
        vec![],
        "the serverless and the CLI paths disagree"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn redelivery_is_idempotent_and_poisoned_messages_fail_alone() {
    let moto = Moto::start();
    mutate(&moto, &["create-bucket", "only-bucket", "purpose=test"]);
    let inst = Installation::create(&moto).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    // A mute rule (matching the bucket by its tag, which finalize reads back from the
    // stored resources) and a mask kept in DynamoDB apply when the scan finalizes.
    let rule = MuteRule {
        id: "accepted-bucket".into(),
        accounts: vec!["*".into()],
        controls: vec!["s3_*".into()],
        regions: vec!["*".into()],
        resources: vec!["*".into()],
        tags: vec!["purpose=test".into()],
        exceptions: Default::default(),
        reason: "test bucket".into(),
        expires_at: None,
        created_by: "test".into(),
        created_at: chrono::Utc::now(),
    };
    store.put_mute_rule(&rule).await.unwrap();
    let mask = Mask {
        control_id: "iam_root_mfa_enabled".into(),
        benchmark: Some("cis-aws-3.0".into()),
        account_id: None,
        reason: "covered by the organization's SCP".into(),
        created_by: "test".into(),
        created_at: chrono::Utc::now(),
    };
    store.put_mask(&mask).await.unwrap();
    assert_eq!(store.mute_rules().await.unwrap(), vec![rule.clone()]);
    assert_eq!(store.masks().await.unwrap(), vec![mask.clone()]);
    let scan_id = inst.schedule_scan(ACCOUNT_A).await;
    let worker = inst.worker();

    // Take one batch, add a poisoned message, and run it twice (a redelivery).
    let (mut event, handles) = inst.receive(&inst.scan_queue).await;
    assert!(!event.records.is_empty());
    let mut poisoned = event.records[0].clone();
    poisoned.message_id = Some("poisoned-1".into());
    poisoned.body = Some(r#"{"scan_id": "x", "collector": "s3"}"#.into());
    event.records.push(poisoned);
    let first = worker::handle(&worker, event.clone(), MAX_RECEIVE).await;
    let failed: Vec<&str> = first
        .batch_item_failures
        .iter()
        .map(|f| f.item_identifier.as_str())
        .collect();
    assert_eq!(failed, ["poisoned-1"], "exactly the poisoned message fails");
    let after_first = statuses(&scan_findings(store, &scan_id).await);
    let scan_first = store.scan(&scan_id).await.unwrap().unwrap();
    let second = worker::handle(&worker, event, MAX_RECEIVE).await;
    assert_eq!(second.batch_item_failures.len(), 1);
    assert_eq!(statuses(&scan_findings(store, &scan_id).await), after_first);
    let scan_second = store.scan(&scan_id).await.unwrap().unwrap();
    assert_eq!(
        (scan_second.tasks_done, scan_second.tasks_failed),
        (scan_first.tasks_done, scan_first.tasks_failed),
        "a redelivered task is counted once"
    );
    inst.acknowledge(&inst.scan_queue, &handles, &first).await;
    inst.drain_scan_queue(&worker).await;
    let scan = store.scan(&scan_id).await.unwrap().unwrap();
    assert_eq!(scan.state, ScanState::Complete);
    assert_eq!(scan.tasks_done, scan.tasks_total);
    let cis = scan
        .summary
        .unwrap()
        .benchmarks
        .into_iter()
        .find(|b| b.benchmark == "cis-aws-3.0")
        .unwrap();
    assert!(cis.muted > 0, "the bucket's findings are muted: {cis:?}");
    assert!(store.delete_mute_rule("accepted-bucket").await.unwrap());
    assert!(!store.delete_mute_rule("accepted-bucket").await.unwrap());
    assert!(store
        .delete_mask(&mask.control_id, mask.benchmark.as_deref(), None)
        .await
        .unwrap());
    assert!(store.masks().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_task_that_keeps_failing_closes_its_scan_as_partial() {
    use support::fault_proxy::{Fault, FaultProxy, Rule};
    let moto = Moto::start();
    mutate(&moto, &["create-bucket", "unwritable-bucket"]);
    let proxy = FaultProxy::start(&moto.url, vec![], 20261207);
    let inst = Installation::create_via(&moto, &proxy.url).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    // A scan of one task, the S3 collector, whose resources can never be written: the
    // table refuses every BatchWriteItem, so the task fails on every delivery. (A task
    // naming an unknown collector is refused outright, not retried.)
    let scan_id = &queue_s3_scan(&inst).await;
    proxy.set_rules(vec![Rule {
        operation: Some("BatchWriteItem".into()),
        ..Rule::service("dynamodb", 1.0, &[Fault::AccessDenied])
    }]);
    let worker = inst.worker();
    let mut deliveries_of_bad = 0;
    for _ in 0..200 {
        let (event, handles) = inst.receive(&inst.scan_queue).await;
        if handles.is_empty() {
            // Done once the message has left the scan queue for the DLQ. An empty scan
            // queue alone is not enough: under load moto once counted it empty, then had
            // the message back in it with none in the DLQ. If the message never reaches
            // the DLQ, the loop runs out and the assertions below say so.
            if inst.queue_depth(&inst.scan_queue).await == 0
                && inst.queue_depth(&inst.dead_letter_queue).await == 1
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            continue;
        }
        deliveries_of_bad += event
            .records
            .iter()
            .filter(|r| r.body.as_deref().unwrap_or("").contains(scan_id.as_str()))
            .count();
        let response = worker::handle(&worker, event, MAX_RECEIVE).await;
        inst.acknowledge(&inst.scan_queue, &handles, &response)
            .await;
    }
    assert_eq!(
        deliveries_of_bad, MAX_RECEIVE as usize,
        "delivered until maxReceiveCount"
    );
    assert_eq!(
        inst.queue_depth(&inst.dead_letter_queue).await,
        1,
        "then moved to the DLQ (scan queue depth {})",
        inst.queue_depth(&inst.scan_queue).await
    );
    let scan = store.scan(scan_id).await.unwrap().unwrap();
    assert_eq!(scan.state, ScanState::Partial, "{scan:?}");
    assert_eq!(scan.tasks_failed, 1, "{scan:?}");
    assert!(
        scan.failures[0].contains("failed 2 times"),
        "{:?}",
        scan.failures
    );
}

/// Rescans go into the account's newest scan. The store keeps a pointer to it, read with
/// one GetItem; a table written before the pointer existed still answers through the
/// account index. An event for an account with no scan yet is left to its first scan.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn rescans_find_the_newest_scan_through_its_pointer() {
    use aws_sdk_dynamodb::types::AttributeValue;
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    let worker = inst.worker();
    let event = cloudtrail_event(
        ACCOUNT_A,
        "us-east-1",
        "s3.amazonaws.com",
        "PutBucketPolicy",
        json!({"bucketName": "no-scan-yet"}),
        Value::Null,
    );
    let outcome = deliver_events(&inst, &worker, &[event]).await;
    assert_eq!(
        (outcome.no_scan, outcome.tasks.len()),
        (1, 0),
        "{outcome:?}"
    );

    let regions = ["us-east-1".to_string()];
    let newer = parapet::pipeline::new_scan(ACCOUNT_A, &regions, 1);
    let mut older = parapet::pipeline::new_scan(ACCOUNT_A, &regions, 1);
    older.started_at = newer.started_at - chrono::Duration::hours(1);
    // Created out of order: the older scan, created last, must not take the pointer.
    store.create_scan(&newer).await.unwrap();
    store.create_scan(&older).await.unwrap();
    assert_eq!(
        store.latest_scan_id(ACCOUNT_A).await.unwrap(),
        Some(newer.id.clone())
    );
    assert_eq!(store.latest_scan_id(ACCOUNT_B).await.unwrap(), None);

    let dynamodb =
        aws_sdk_dynamodb::Client::new(&inst.deps.sessions.config(None, None).await.unwrap());
    let deleted = dynamodb
        .delete_item()
        .table_name(&inst.deps.settings.table)
        .key("pk", AttributeValue::S(format!("ACCOUNT#{ACCOUNT_A}")))
        .key("sk", AttributeValue::S("LATEST_SCAN".into()))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::AllOld)
        .send()
        .await
        .unwrap();
    assert!(deleted.attributes.is_some(), "the pointer item was stored");
    assert_eq!(
        store.latest_scan_id(ACCOUNT_A).await.unwrap(),
        Some(newer.id.clone())
    );

    let event = cloudtrail_event(
        ACCOUNT_A,
        "us-east-1",
        "s3.amazonaws.com",
        "PutBucketPolicy",
        json!({"bucketName": "after-the-scans"}),
        Value::Null,
    );
    let outcome = deliver_events(&inst, &worker, &[event]).await;
    assert_eq!(outcome.no_scan, 0, "{outcome:?}");
    let scans: Vec<&str> = outcome.tasks.iter().map(|t| t.scan_id.as_str()).collect();
    assert_eq!(scans, [newer.id.as_str()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cloudtrail_events_rescan_exactly_the_changed_resources() {
    let moto = Moto::start();
    mutate(&moto, &["create-bucket", "rt-existing"]);
    let inst = Installation::create(&moto).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    let scan_id = inst.schedule_scan(ACCOUNT_A).await;
    let worker = inst.worker();
    inst.drain_scan_queue(&worker).await;
    let scan = store.scan(&scan_id).await.unwrap().unwrap();
    assert_eq!(
        scan.state,
        ScanState::Complete,
        "the drained scan: {scan:?}"
    );
    let mut before = statuses(&scan_findings(store, &scan_id).await);

    // A new security group, then SSH opened to the world on it.
    let sg = mutate(&moto, &["create-sg", "rt-web"])["group_id"]
        .as_str()
        .unwrap()
        .to_string();
    let outcome = deliver_events(
        &inst,
        &worker,
        &[cloudtrail_event(
            ACCOUNT_A,
            "us-east-1",
            "ec2.amazonaws.com",
            "CreateSecurityGroup",
            json!({"groupName": "rt-web", "groupDescription": "rescan test", "vpcId": "vpc-1"}),
            json!({"requestId": "r-1", "_return": true, "groupId": sg}),
        )],
    )
    .await;
    assert_eq!(outcome.tasks.len(), 1);
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(!changed.is_empty(), "the new group was evaluated");
    assert!(
        changed.iter().all(|c| c.1.ends_with(&sg) && c.2.is_none()),
        "{changed:?}"
    );
    assert!(
        changed
            .iter()
            .all(|c| c.3 != Some(Status::Fail) || !c.0.contains("22")),
        "{changed:?}"
    );
    before = after;

    let failing_before = summary_matches_findings(store, &scan_id).await;
    let summary_before = store
        .scan(&scan_id)
        .await
        .unwrap()
        .unwrap()
        .summary
        .unwrap();

    mutate(&moto, &["open-ssh", &sg]);
    deliver_events(&inst, &worker, &[cloudtrail_event(
        ACCOUNT_A, "us-east-1", "ec2.amazonaws.com", "AuthorizeSecurityGroupIngress",
        json!({"groupId": sg, "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}}),
        json!({"requestId": "r-2", "_return": true}),
    )])
    .await;
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(!changed.is_empty(), "opening SSH changed a finding");
    assert!(
        changed
            .iter()
            .all(|c| c.1.ends_with(&sg) && c.2 == Some(Status::Pass) && c.3 == Some(Status::Fail)),
        "only the group's findings flip, PASS to FAIL: {changed:?}"
    );
    // The finished scan's summary follows: as many more failures as findings flipped,
    // and the CIS score down.
    let failing_after = summary_matches_findings(store, &scan_id).await;
    assert_eq!(failing_after, failing_before + changed.len() as u64);
    let summary_after = store
        .scan(&scan_id)
        .await
        .unwrap()
        .unwrap()
        .summary
        .unwrap();
    let cis = |s: &parapet::model::ScanSummary| {
        s.benchmarks
            .iter()
            .find(|b| b.benchmark == "cis-aws-3.0")
            .and_then(|b| b.score)
            .unwrap()
    };
    assert!(
        cis(&summary_after) < cis(&summary_before),
        "{summary_before:?} -> {summary_after:?}"
    );
    assert!(summary_after.computed_at > summary_before.computed_at);
    // A summary computed before the stored one (a slower rescan racing) never replaces it.
    let stale = summary_before.clone();
    assert!(!store.replace_summary(&scan_id, &stale).await.unwrap());
    assert_eq!(
        store
            .scan(&scan_id)
            .await
            .unwrap()
            .unwrap()
            .summary
            .unwrap(),
        summary_after
    );
    before = after;

    // A public bucket policy on an existing bucket, then the bucket deleted.
    mutate(&moto, &["public-policy", "rt-existing"]);
    deliver_events(&inst, &worker, &[cloudtrail_event(
        ACCOUNT_A, "us-east-1", "s3.amazonaws.com", "PutBucketPolicy",
        json!({"bucketName": "rt-existing", "Host": "rt-existing.s3.amazonaws.com", "bucketPolicy": {"Version": "2012-10-17"}, "policy": ""}),
        Value::Null,
    )])
    .await;
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(
        changed.iter().all(|c| c.1 == "arn:aws:s3:::rt-existing"),
        "{changed:?}"
    );
    before = after;

    mutate(&moto, &["delete-bucket", "rt-existing"]);
    // A read-only call, a failed call and an unregistered account's call ride along and
    // must change nothing.
    let mut failed_call = cloudtrail_event(
        ACCOUNT_A,
        "us-east-1",
        "s3.amazonaws.com",
        "DeleteBucket",
        json!({"bucketName": "other"}),
        Value::Null,
    );
    failed_call["detail"]["errorCode"] = json!("AccessDenied");
    let mut read_only = cloudtrail_event(
        ACCOUNT_A,
        "us-east-1",
        "ec2.amazonaws.com",
        "DescribeInstances",
        json!({}),
        Value::Null,
    );
    read_only["detail"]["readOnly"] = json!(true);
    let outcome = deliver_events(&inst, &worker, &[
        cloudtrail_event(ACCOUNT_A, "us-east-1", "s3.amazonaws.com", "DeleteBucket", json!({"bucketName": "rt-existing", "Host": "rt-existing.s3.amazonaws.com"}), Value::Null),
        failed_call,
        read_only,
        cloudtrail_event("999999999999", "us-east-1", "s3.amazonaws.com", "DeleteBucket", json!({"bucketName": "x"}), Value::Null),
        json!({"detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "PutBucketPolicy"}}),
    ])
    .await;
    assert_eq!(
        (
            outcome.failed_calls,
            outcome.read_only,
            outcome.unregistered,
            outcome.malformed,
            outcome.tasks.len()
        ),
        (1, 1, 1, 1, 1),
        "{outcome:?}"
    );
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(!changed.is_empty());
    assert!(
        changed
            .iter()
            .all(|c| c.1 == "arn:aws:s3:::rt-existing" && c.3.is_none()),
        "the deleted bucket's findings are gone, nothing else changed: {changed:?}"
    );
    summary_matches_findings(store, &scan_id).await;
    assert!(!store
        .resources(&scan_id)
        .await
        .unwrap()
        .iter()
        .any(|r| r.name == "rt-existing"));
    before = after;

    // A new IAM user, then an access key for it.
    let user = mutate(&moto, &["create-user", "rt-user"]);
    let user_arn = user["arn"].as_str().unwrap().to_string();
    deliver_events(
        &inst,
        &worker,
        &[cloudtrail_event(
            "123456789012",
            "us-east-1",
            "iam.amazonaws.com",
            "CreateUser",
            json!({"userName": "rt-user"}),
            json!({"user": {"userName": "rt-user", "arn": user_arn}}),
        )],
    )
    .await;
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(!changed.is_empty(), "the new user was evaluated");
    assert!(
        changed.iter().all(|c| c.1 == user_arn && c.2.is_none()),
        "{changed:?}"
    );
    before = after;

    mutate(&moto, &["create-access-key", "rt-user"]);
    deliver_events(
        &inst,
        &worker,
        &[cloudtrail_event(
            ACCOUNT_A,
            "us-east-1",
            "iam.amazonaws.com",
            "CreateAccessKey",
            json!({"userName": "rt-user"}),
            json!({"accessKey": {"userName": "rt-user", "status": "Active"}}),
        )],
    )
    .await;
    let after = statuses(&scan_findings(store, &scan_id).await);
    let changed = changes(&before, &after);
    assert!(
        changed.iter().all(|c| c.1 == user_arn),
        "only the user's findings may change: {changed:?}"
    );
}

/// A worker that dies part-way through a task (here: a DynamoDB write that never gets an
/// answer, at each of the task's write steps in turn) leaves nothing half-done for the
/// redelivery: the last delivery completes the scan, counts the task once, and the scan
/// ends with the same findings and a summary that agrees with them, as a scan that never
/// failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_worker_killed_between_writes_recovers_on_redelivery() {
    use support::fault_proxy::{Fault, FaultProxy, Rule};
    let moto = Moto::start();
    mutate(&moto, &["create-bucket", "kept-bucket"]);
    let proxy = FaultProxy::start(&moto.url, vec![], 20261125);
    let inst = Installation::create_via(&moto, &proxy.url).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    let worker = inst.worker();
    // One scan of one task (the S3 collector), delivered as SQS delivers it.
    let one_task_scan = || async {
        let scan_id = queue_s3_scan(&inst).await;
        let (event, handles) = inst.receive(&inst.scan_queue).await;
        assert_eq!(handles.len(), 1);
        (scan_id, event, handles)
    };

    let (reference_id, event, handles) = one_task_scan().await;
    let clean = worker::handle(&worker, event, MAX_RECEIVE).await;
    assert!(clean.batch_item_failures.is_empty());
    inst.acknowledge(&inst.scan_queue, &handles, &clean).await;
    let reference = statuses(&scan_findings(store, &reference_id).await);
    assert!(reference
        .keys()
        .any(|(_, arn)| arn.ends_with("kept-bucket")));

    // The write steps of a task: resources and findings (BatchWriteItem), the task count
    // (TransactWriteItems), the scan's summary (UpdateItem). The connection is reset on
    // every try, so the SDK's retries cannot save the step and the delivery fails there.
    let (scan_id, event, handles) = one_task_scan().await;
    for step in ["BatchWriteItem", "TransactWriteItems", "UpdateItem"] {
        proxy.set_rules(vec![Rule {
            operation: Some(step.into()),
            ..Rule::service("dynamodb", 1.0, &[Fault::Reset])
        }]);
        let failed = worker::handle(&worker, event.clone(), MAX_RECEIVE).await;
        assert_eq!(failed.batch_item_failures.len(), 1, "killed at {step}");
        let scan = store.scan(&scan_id).await.unwrap().unwrap();
        assert_eq!(scan.state, ScanState::Running, "killed at {step}: {scan:?}");
    }
    proxy.set_rules(vec![]);
    let last = worker::handle(&worker, event, MAX_RECEIVE).await;
    assert!(last.batch_item_failures.is_empty());
    inst.acknowledge(&inst.scan_queue, &handles, &last).await;

    let scan = store.scan(&scan_id).await.unwrap().unwrap();
    assert_eq!(scan.state, ScanState::Complete, "{scan:?}");
    assert_eq!((scan.tasks_done, scan.tasks_failed), (1, 0), "counted once");
    assert_eq!(
        changes(&reference, &statuses(&scan_findings(store, &scan_id).await)),
        vec![],
        "the recovered scan found what the clean one found"
    );
    summary_matches_findings(store, &scan_id).await;
    assert!(
        proxy.total_faults() >= 3,
        "every step was really cut: {} faults",
        proxy.total_faults()
    );
}

/// A task that runs out of time (a Lambda's deadline) stores what it read and sends a
/// continuation that resumes after the last resource read; the chain counts as the one
/// task it replaces, and finds what an uninterrupted task finds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_task_out_of_time_continues_where_it_stopped() {
    let moto = Moto::start();
    let buckets = ["chain-a", "chain-b", "chain-c", "chain-d"];
    for b in buckets {
        mutate(&moto, &["create-bucket", b]);
    }
    let inst = Installation::create(&moto).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    let worker = inst.worker().with_continuations(inst.deps.queue.clone());
    // Each delivery is handled with a stop time already past, so each part reads one
    // bucket (the least a part reads) and hands the rest on; with no stop time the one
    // task reads them all.
    let run_chain = |stop_at: Option<std::time::Instant>, scan_id: String| {
        let inst = &inst;
        let worker = &worker;
        async move {
            let mut parts = Vec::new();
            loop {
                let (event, handles) = inst.receive(&inst.scan_queue).await;
                if handles.is_empty() {
                    if inst.queue_depth(&inst.scan_queue).await == 0 {
                        return parts;
                    }
                    continue;
                }
                assert_eq!(handles.len(), 1, "one part at a time");
                let body = event.records[0].body.clone().unwrap();
                let task = parapet::model::ScanTask::from_message(&body).unwrap();
                let response = worker::handle_until(worker, event, MAX_RECEIVE, stop_at).await;
                assert!(response.batch_item_failures.is_empty());
                inst.acknowledge(&inst.scan_queue, &handles, &response)
                    .await;
                let scan = store.scan(&scan_id).await.unwrap().unwrap();
                parts.push((task.page_token, scan.state, scan.tasks_done));
            }
        }
    };
    let reference_id = queue_s3_scan(&inst).await;
    let whole = run_chain(None, reference_id.clone()).await;
    assert_eq!(whole, vec![(None, ScanState::Complete, 1)]);

    let scan_id = queue_s3_scan(&inst).await;
    let parts = run_chain(Some(std::time::Instant::now()), scan_id.clone()).await;
    let part = |token: Option<&str>, state, done| (token.map(str::to_string), state, done);
    assert_eq!(
        parts,
        vec![
            part(None, ScanState::Running, 0),
            part(Some("chain-a"), ScanState::Running, 0),
            part(Some("chain-b"), ScanState::Running, 0),
            part(Some("chain-c"), ScanState::Complete, 1),
        ],
        "one bucket a part, in name order; only the last part counts the task"
    );
    let stored: Vec<String> = store
        .resources(&scan_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.resource_type == "AWS::S3::Bucket")
        .map(|r| r.name)
        .collect();
    assert_eq!(stored.len(), buckets.len(), "{stored:?}");
    let reference = statuses(&scan_findings(store, &reference_id).await);
    assert!(!reference.is_empty());
    assert_eq!(
        changes(&reference, &statuses(&scan_findings(store, &scan_id).await)),
        vec![],
        "the chain found what the single task found"
    );
    summary_matches_findings(store, &scan_id).await;
}

/// Rescans of a finished scan leave its summary to delayed refresh requests; of a burst
/// of requests, the first recomputes the summary and the rest find it already covers
/// them, so a burst of events costs one read of the whole scan.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_rescans_costs_one_summary_recompute() {
    let moto = Moto::start();
    mutate(&moto, &["create-bucket", "burst-bucket"]);
    let inst = Installation::create(&moto).await;
    onboard_account(&inst, ACCOUNT_A).await;
    let store = inst.deps.store.as_ref();
    let requests = inst.create_queue("summary-requests").await;
    let worker = inst
        .worker()
        .with_summary_requests(Arc::new(SqsQueue::new(inst.sqs.clone(), &requests)));
    let scan = parapet::pipeline::new_scan(ACCOUNT_A, &["us-east-1".to_string()], 1);
    store.create_scan(&scan).await.unwrap();
    let task = |resource_ids: Value| {
        json!({"scan_id": scan.id, "account_id": ACCOUNT_A, "region": "global",
               "collector": "s3", "resource_ids": resource_ids})
        .to_string()
    };
    inst.send_raw(&inst.scan_queue, &task(Value::Null)).await;
    inst.drain_scan_queue(&worker).await;
    let finished = store.scan(&scan.id).await.unwrap().unwrap();
    assert_eq!(finished.state, ScanState::Complete);

    // The bucket gets a public policy; three rescans of it arrive in a burst.
    mutate(&moto, &["public-policy", "burst-bucket"]);
    for _ in 0..3 {
        inst.send_raw(&inst.scan_queue, &task(json!(["burst-bucket"])))
            .await;
    }
    inst.drain_scan_queue(&worker).await;
    assert_eq!(
        store.scan(&scan.id).await.unwrap().unwrap().summary,
        finished.summary,
        "rescans leave the summary to the refresh requests"
    );
    let mut refreshed = Vec::new();
    loop {
        let (event, handles) = inst.receive(&requests).await;
        if handles.is_empty() {
            break;
        }
        for record in &event.records {
            let request =
                parapet::model::ScanTask::from_message(record.body.as_deref().unwrap()).unwrap();
            assert!(request.summary_requested_at.is_some() && !request.is_planned());
            let outcome = parapet::pipeline::run_task(&worker, &request)
                .await
                .unwrap();
            refreshed.push(outcome.summary_refreshed);
        }
        let all_done = aws_lambda_events::event::sqs::SqsBatchResponse::default();
        inst.acknowledge(&requests, &handles, &all_done).await;
    }
    assert_eq!(
        refreshed,
        [true, false, false],
        "one recompute for the burst"
    );
    summary_matches_findings(store, &scan.id).await;
    let summary = store.scan(&scan.id).await.unwrap().unwrap().summary;
    assert_ne!(summary, finished.summary, "the recompute saw the change");
}

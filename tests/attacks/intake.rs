//! Attacks: intake (see tests/attacks_moto.rs). Real EventBridge "AWS API Call via
//! CloudTrail" events and S3 notifications of CloudTrail log files go through the events
//! handler (`parapet::serverless::events`) against moto's SQS, S3 and DynamoDB: a forged
//! or foreign region, a flood of resource ids or of events, and hostile log files are
//! refused or bounded, and nothing already stored changes.

use crate::installation::*;
use crate::support::fault_proxy::{Fault, FaultProxy, Rule};
use crate::support::*;
use aws_lambda_events::event::sqs::SqsEvent;
use parapet::aws::{CallCounter, Clients, Limiter};
use parapet::controls::Catalog;
use parapet::model::{Account, Scan};
use parapet::pipeline::new_scan;
use parapet::pipeline::Worker;
use parapet::queue::SqsQueue;
use parapet::serverless::events::{self, EventsOutcome, Intake};
use parapet::serverless::worker;
use parapet::store::Store;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

const OWN: &str = "123456789012";
const UNREGISTERED: &str = "999988887777";
const TRAIL_BUCKET: &str = "org-trail";

struct Setup {
    _moto: Moto,
    inst: Installation,
    /// The installation's own clients; `s3()` reads the trail bucket as the events
    /// function does.
    clients: Clients,
    scan: Scan,
}

/// The installation with OWN registered and scanned in us-east-1 only.
async fn setup() -> Setup {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let store = inst.deps.store.as_ref();
    let mut account = Account::local(OWN);
    account.role_arn = Some(format!("arn:aws:iam::{OWN}:role/parapet-scan"));
    store.put_account(&account).await.unwrap();
    let scan = new_scan(OWN, &["us-east-1".to_string()], 1);
    store.create_scan(&scan).await.unwrap();
    let clients = inst
        .deps
        .sessions
        .clients(None, None, Limiter::new(4), CallCounter::default())
        .await
        .unwrap();
    Setup {
        _moto: moto,
        inst,
        clients,
        scan,
    }
}

/// Sends `bodies` to the events queue, receives them as one batch and hands it to the
/// events handler; every record must be handled (none returned for a retry).
async fn deliver(set: &Setup, intake: &Intake<'_>, bodies: &[Value]) -> EventsOutcome {
    for b in bodies {
        set.inst
            .send_raw(&set.inst.events_queue, &b.to_string())
            .await;
    }
    let (event, handles) = set.inst.receive(&set.inst.events_queue).await;
    assert_eq!(handles.len(), bodies.len());
    let (response, outcome) = events::handle_intake(intake, event).await;
    assert!(
        response.batch_item_failures.is_empty(),
        "{response:?} {outcome:?}"
    );
    set.inst
        .acknowledge(&set.inst.events_queue, &handles, &response)
        .await;
    outcome
}

fn terminate(region: &str, instances: &[String]) -> Value {
    let items: Vec<Value> = instances.iter().map(|i| json!({"instanceId": i})).collect();
    cloudtrail_event(
        OWN,
        region,
        "ec2.amazonaws.com",
        "TerminateInstances",
        json!({"instancesSet": {"items": items}}),
        json!(null),
    )
}

fn instance_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("i-{i:017x}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_region_queues_nothing() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let intake = Intake::new(set.inst.deps.store.as_ref(), &queue, &s3);
    let before = set.inst.deps.store.scan(&set.scan.id).await.unwrap();
    let one = instance_ids(1);
    // The call's region would become part of the endpoint host a worker signs a request
    // for: an attacker's host, or a path on it.
    let forged = |region: &str| {
        let mut e = terminate("us-east-1", &one);
        e["detail"]["awsRegion"] = json!(region);
        e
    };
    let in_host = forged("us-east-1.attacker.example");
    let with_path = forged("evil.example.com/x");
    // The envelope's region is forged while the call's looks right.
    let mut envelope = terminate("us-east-1", &one);
    envelope["region"] = json!("us-east-1.attacker.example");
    let outcome = deliver(&set, &intake, &[in_host, with_path, envelope]).await;
    assert_eq!(
        (outcome.bad_regions, outcome.malformed),
        (2, 1),
        "{outcome:?}"
    );
    assert!(outcome.tasks.is_empty() && outcome.deferred.is_empty());
    // No task means no worker ever builds a host from it.
    assert_eq!(set.inst.queue_depth(&set.inst.scan_queue).await, 0);
    let after = set.inst.deps.store.scan(&set.scan.id).await.unwrap();
    assert_eq!(before, after);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_region_outside_the_accounts_is_dropped() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let intake = Intake::new(set.inst.deps.store.as_ref(), &queue, &s3);
    let ids = instance_ids(1);
    // A real region name, but the account is scanned in us-east-1 only.
    let outcome = deliver(
        &set,
        &intake,
        &[terminate("eu-west-3", &ids), terminate("us-east-1", &ids)],
    )
    .await;
    assert_eq!(outcome.outside_regions, 1, "{outcome:?}");
    assert_eq!(outcome.tasks.len(), 1, "{outcome:?}");
    assert_eq!(outcome.tasks[0].region, "us-east-1");
    assert_eq!(set.inst.queue_depth(&set.inst.scan_queue).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_resource_ids_become_several_bounded_tasks() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let intake = Intake::new(set.inst.deps.store.as_ref(), &queue, &s3);
    let ids = instance_ids(250);
    let outcome = deliver(&set, &intake, &[terminate("us-east-1", &ids)]).await;
    let sizes: Vec<usize> = outcome
        .tasks
        .iter()
        .map(|t| t.resource_ids.as_ref().unwrap().len())
        .collect();
    assert_eq!(sizes, [100, 100, 50], "{outcome:?}");
    // None is dropped: together the tasks name every id once.
    let mut named: Vec<String> = outcome
        .tasks
        .iter()
        .flat_map(|t| t.resource_ids.clone().unwrap())
        .collect();
    named.sort();
    assert_eq!(named, ids);
    assert_eq!(set.inst.queue_depth(&set.inst.scan_queue).await, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_events_is_rate_limited_into_one_deferred_rescan() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let deferred_url = set.inst.create_queue("parapet-deferred").await;
    let deferred = SqsQueue::new(set.inst.sqs.clone(), &deferred_url);
    let intake = Intake {
        deferred: &deferred,
        ..Intake::new(set.inst.deps.store.as_ref(), &queue, &s3)
    };
    // The limit counts per minute: start the burst early in one.
    let second = chrono::Utc::now().timestamp() % 60;
    if second > 40 {
        tokio::time::sleep(std::time::Duration::from_secs(61 - second as u64)).await;
    }
    let limit = events::RESCANS_PER_MINUTE as usize;
    let burst = limit + 10;
    let (mut tasks, mut deferred_tasks, mut folded) = (Vec::new(), Vec::new(), 0);
    // One batch per event, as a flood arriving over time would be delivered.
    for id in instance_ids(burst) {
        let outcome = deliver(&set, &intake, &[terminate("us-east-1", &[id])]).await;
        tasks.extend(outcome.tasks);
        deferred_tasks.extend(outcome.deferred);
        folded += outcome.folded;
    }
    assert_eq!(tasks.len(), limit);
    assert_eq!(deferred_tasks.len(), 1, "{deferred_tasks:?}");
    assert_eq!(folded, burst - limit - 1);
    // The deferred rescan reads the whole collector: the folded events' resources too.
    let wide = &deferred_tasks[0];
    assert_eq!(
        (
            wide.collector.as_str(),
            wide.region.as_str(),
            wide.resource_ids.is_none()
        ),
        ("ec2", "us-east-1", true)
    );
    assert_eq!(
        set.inst.queue_depth(&set.inst.scan_queue).await,
        limit as u64
    );
    assert_eq!(set.inst.queue_depth(&deferred_url).await, 1);
}

/// Creates the trail bucket and puts `body` at `key`.
async fn put_log_file(set: &Setup, key: &str, body: Vec<u8>) {
    let s3 = set.clients.s3("us-east-1");
    let _ = s3.create_bucket().bucket(TRAIL_BUCKET).send().await;
    s3.put_object()
        .bucket(TRAIL_BUCKET)
        .key(key)
        .body(body.into())
        .send()
        .await
        .unwrap();
}

fn notification(keys: &[&str]) -> Value {
    let records: Vec<Value> = keys
        .iter()
        .map(|k| {
            json!({
                "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
                "eventName": "ObjectCreated:Put",
                "s3": {"bucket": {"name": TRAIL_BUCKET, "arn": format!("arn:aws:s3:::{TRAIL_BUCKET}")},
                       "object": {"key": k, "size": 1}}
            })
        })
        .collect();
    json!({ "Records": records })
}

/// Gzipped as CloudTrail writes its files (by Python: this test crate has no gzip).
fn gzip(text: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (plain, packed) = (dir.path().join("log.json"), dir.path().join("log.json.gz"));
    std::fs::write(&plain, text).unwrap();
    python(&[
        "-c",
        "import gzip, sys; open(sys.argv[2], 'wb').write(gzip.compress(open(sys.argv[1], 'rb').read()))",
        plain.to_str().unwrap(),
        packed.to_str().unwrap(),
    ]);
    std::fs::read(packed).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_files_outside_a_registered_accounts_prefix_are_not_read() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let intake = Intake::new(set.inst.deps.store.as_ref(), &queue, &s3);
    let record = |account: &str, id: &str| {
        let mut e = terminate("us-east-1", &[id.to_string()]);
        e["detail"]["recipientAccountId"] = json!(account);
        e["detail"]["userIdentity"]["accountId"] = json!(account);
        e["detail"].clone()
    };
    // OWN's own file, holding one record of OWN and one claiming another account.
    let own_key = format!("AWSLogs/o-abcdef1234/{OWN}/CloudTrail/us-east-1/2026/12/07/own.json.gz");
    let log = json!({"Records": [record(OWN, "i-0own"), record(UNREGISTERED, "i-0other")]});
    put_log_file(&set, &own_key, gzip(&log.to_string())).await;
    // Keys the function must refuse before any GetObject: these objects do not exist,
    // so a read would fail the record (a batch item failure) instead of refusing it.
    let outside = [
        "uploads/AWSLogs/123456789012/CloudTrail/x.json.gz".to_string(),
        format!("AWSLogs/{UNREGISTERED}/CloudTrail/us-east-1/x.json.gz"),
        format!("AWSLogs/{OWN}x/CloudTrail/us-east-1/x.json.gz"),
    ];
    let mut keys: Vec<&str> = outside.iter().map(String::as_str).collect();
    keys.push(&own_key);
    let outcome = deliver(&set, &intake, &[notification(&keys)]).await;
    assert_eq!(outcome.refused_log_files, 3, "{outcome:?}");
    assert_eq!(outcome.foreign, 1, "{outcome:?}");
    assert_eq!(outcome.tasks.len(), 1, "{outcome:?}");
    assert_eq!(
        outcome.tasks[0].resource_ids.as_deref(),
        Some(&["i-0own".to_string()][..])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gzip_bomb_is_refused_without_being_read_to_the_end() {
    let set = setup().await;
    let queue = SqsQueue::new(set.inst.sqs.clone(), &set.inst.scan_queue);
    let s3 = set.clients.s3("us-east-1");
    let intake = Intake::new(set.inst.deps.store.as_ref(), &queue, &s3);
    // 1 GiB of zeros, gzipped to about 1 MB (Python's zlib is quick at it).
    let dir = tempfile::tempdir().unwrap();
    let bomb_path = dir.path().join("bomb.json.gz");
    python(&[
        "-c",
        "import sys, zlib\n\
         c = zlib.compressobj(9, zlib.DEFLATED, 31)\n\
         block = bytes(16 << 20)\n\
         with open(sys.argv[1], 'wb') as f:\n\
         \x20   for _ in range(64):\n\
         \x20       f.write(c.compress(block))\n\
         \x20   f.write(c.flush())\n",
        bomb_path.to_str().unwrap(),
    ]);
    let bomb = std::fs::read(&bomb_path).unwrap();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let key = format!("AWSLogs/{OWN}/CloudTrail/us-east-1/2026/12/07/bomb.json.gz");
    put_log_file(&set, &key, bomb).await;
    let started = std::time::Instant::now();
    let outcome = deliver(&set, &intake, &[notification(&[&key])]).await;
    assert_eq!(outcome.refused_log_files, 1, "{outcome:?}");
    assert!(outcome.tasks.is_empty());
    // Reading stops at the 64 MiB cap, a sixteenth of the file.
    eprintln!("bomb refused in {:?}", started.elapsed());
    assert_eq!(set.inst.queue_depth(&set.inst.scan_queue).await, 0);
}

/// The scan tasks on the scan queue, received as the worker's event source would.
async fn receive_tasks(inst: &Installation, expected: usize) -> SqsEvent {
    let (event, handles) = inst.receive(&inst.scan_queue).await;
    assert_eq!(handles.len(), expected);
    event
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_end_by_the_invocation_deadline() {
    // EC2 and KMS answer after 60 s: tasks reading them would outlive the invocation.
    let moto = Moto::start();
    let slow = |service| Rule::service(service, 1.0, &[Fault::Slow(60_000)]);
    let proxy = FaultProxy::start(&moto.url, vec![slow("ec2"), slow("kms")], 7);
    let inst = Installation::create_via(&moto, &proxy.url).await;
    let store = inst.deps.store.clone();
    store.put_account(&Account::local(OWN)).await.unwrap();
    let scan = new_scan(OWN, &["us-east-1".to_string()], 2);
    store.create_scan(&scan).await.unwrap();
    let worker = Worker::new(
        store.clone(),
        Arc::new(Catalog::embedded().unwrap()),
        inst.deps.sessions.clone(),
        Limiter::new(4),
    )
    .unwrap();
    for collector in ["ec2", "kms"] {
        let body = json!({"scan_id": scan.id, "account_id": OWN, "region": "us-east-1",
                          "collector": collector});
        inst.send_raw(&inst.scan_queue, &body.to_string()).await;
    }

    // The deadline has passed: no task starts, each is returned for SQS to redeliver.
    let event = receive_tasks(&inst, 2).await;
    let started = Instant::now();
    let late = worker::handle_within(&worker, event, MAX_RECEIVE, None, Some(started)).await;
    assert_eq!(late.batch_item_failures.len(), 2, "{late:?}");
    assert!(started.elapsed() < Duration::from_secs(1));
    let scan_now = store.scan(&scan.id).await.unwrap().unwrap();
    assert_eq!((scan_now.tasks_done, scan_now.tasks_failed), (0, 0));

    // Redelivered (the last delivery), both still reading at the deadline: stopped there,
    // returned, and recorded failed so the scan finishes instead of waiting for them.
    tokio::time::sleep(Duration::from_secs(2)).await; // the visibility timeout
    let event = receive_tasks(&inst, 2).await;
    let deadline = Instant::now() + Duration::from_secs(3);
    let cut = worker::handle_within(&worker, event, MAX_RECEIVE, None, Some(deadline)).await;
    let took = Instant::now().saturating_duration_since(deadline);
    assert_eq!(cut.batch_item_failures.len(), 2, "{cut:?}");
    assert!(
        took < Duration::from_secs(5),
        "ended {took:?} after the deadline"
    );
    let after = store.scan(&scan.id).await.unwrap().unwrap();
    assert_eq!((after.tasks_done, after.tasks_failed), (0, 2), "{after:?}");
    assert!(
        after.failures.iter().all(|f| f.contains("deadline")),
        "{:?}",
        after.failures
    );
}

// Bounded stores: what a flood of failures or a second scan does to the stores.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_item_stays_small_whatever_its_tasks_fail_with() {
    use aws_sdk_dynamodb::types::AttributeValue;
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let store = inst.deps.store.as_ref();
    let config = inst.deps.sessions.config(None, None).await.unwrap();
    let dynamodb = aws_sdk_dynamodb::Client::new(&config);
    let table = &inst.deps.settings.table;
    // moto refuses an item over DynamoDB's 400 KB, as DynamoDB does: without the cap the
    // list below would pass it after about 40 failures.
    let too_big = dynamodb
        .put_item()
        .table_name(table)
        .item("pk", AttributeValue::S("TEST#big".into()))
        .item("sk", AttributeValue::S("big".into()))
        .item("blob", AttributeValue::S("x".repeat(410 * 1024)))
        .send()
        .await;
    assert!(too_big.is_err(), "moto no longer enforces the item size");

    // 500 failures of 10 KB would make a 5 MB list; 40 are enough to pass the limit.
    // (2,000 pass too, but moto copies the table in every transaction: 3.5 minutes.)
    const TASKS: usize = 500;
    let scan = new_scan(OWN, &["us-east-1".to_string()], TASKS);
    store.create_scan(&scan).await.unwrap();
    // Multi-line reasons of 10 KB, each naming its task at the end.
    let reason = |i: usize| format!("AccessDenied\n{}\ntask {i}", "y".repeat(10 * 1024));
    // One after another: moto's transactions copy the table and are not safe to run
    // side by side (concurrent recording is covered by the transaction's condition).
    for i in 0..TASKS {
        let key = format!("{OWN}/us-east-1/collector-{i:04}/");
        store
            .finish_task(&scan.id, &key, Some(&reason(i)))
            .await
            .unwrap();
    }

    let item = dynamodb
        .get_item()
        .table_name(table)
        .key("pk", AttributeValue::S(format!("SCAN#{}", scan.id)))
        .key("sk", AttributeValue::S("SCAN".into()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    let listed = item["failures"].as_l().unwrap();
    let bytes: usize = listed.iter().map(|v| v.as_s().unwrap().len()).sum();
    assert_eq!(listed.len(), 100);
    assert!(bytes < 100 * 1024, "{bytes} bytes of failures");
    let read = store.scan(&scan.id).await.unwrap().unwrap();
    assert_eq!(read.tasks_failed, TASKS as u32);
    assert_eq!(read.failures.len(), 101);
    assert!(read.failures[..100]
        .iter()
        .all(|f| !f.contains('\n') && f.ends_with("[truncated]")));
    assert!(
        read.failures[100].contains(&format!("{} more failed tasks", TASKS - 100)),
        "{}",
        read.failures[100]
    );
    // Every task keeps its whole reason on its own record.
    let marker = dynamodb
        .get_item()
        .table_name(table)
        .key("pk", AttributeValue::S(format!("SCAN#{}", scan.id)))
        .key(
            "sk",
            AttributeValue::S(format!("TASK#{OWN}/us-east-1/collector-{:04}/", TASKS - 1)),
        )
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert_eq!(marker["error"].as_s().unwrap(), &reason(TASKS - 1));
}

#[test]
fn two_scans_into_one_store_file_both_complete() {
    let moto = Moto::start();
    seed(&moto);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db");
    let scan = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parapet"));
        emulator_env(&mut cmd).args([
            "scan",
            "--endpoint-url",
            &moto.url,
            "--region",
            "us-east-1",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
        ]);
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (scan(), scan());
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a scan failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    let store = parapet::store::SqliteStore::open(&db).unwrap();
    let scans = rt.block_on(store.scans(None, 10)).unwrap();
    assert_eq!(scans.len(), 2, "{scans:?}");
    for s in &scans {
        assert!(s.finished_at.is_some(), "{s:?}");
        assert_eq!(s.tasks_done + s.tasks_failed, s.tasks_total, "{s:?}");
        let findings = rt
            .block_on(store.findings(&parapet::store::FindingQuery {
                scan_id: Some(s.id.clone()),
                ..Default::default()
            }))
            .unwrap();
        assert!(!findings.is_empty(), "scan {} stored no findings", s.id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_states_expire_with_the_history() {
    use aws_sdk_dynamodb::types::AttributeValue;
    use parapet::model::{Finding, Severity, Status};
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let seen = chrono::Utc::now();
    let arn = format!("arn:aws:s3:::bucket-{OWN}");
    let mut finding = Finding {
        control_id: "s3_bucket_public_access".into(),
        resource_arn: arn.clone(),
        resource_name: "bucket".into(),
        resource_type: "AWS::S3::Bucket".into(),
        account_id: OWN.into(),
        region: "us-east-1".into(),
        service: "s3".into(),
        severity: Severity::High,
        status: Status::Fail,
        reason: "public".into(),
        scan_id: "s1".into(),
        first_seen: seen,
        last_seen: seen,
        status_changed_at: seen,
        muted: None,
    };
    inst.deps
        .store
        .put_findings(std::slice::from_mut(&mut finding))
        .await
        .unwrap();
    let config = inst.deps.sessions.config(None, None).await.unwrap();
    let state = aws_sdk_dynamodb::Client::new(&config)
        .get_item()
        .table_name(&inst.deps.settings.table)
        .key("pk", AttributeValue::S(format!("ACCOUNT#{OWN}")))
        .key(
            "sk",
            AttributeValue::S(format!("STATE#s3_bucket_public_access#{arn}")),
        )
        .send()
        .await
        .unwrap()
        .item
        .expect("the finding's state is stored");
    let expires: i64 = state["expires_at"].as_n().unwrap().parse().unwrap();
    // The store's default history: 400 days after the finding was last seen.
    let expected = (seen + chrono::Duration::days(400)).timestamp();
    assert!((expires - expected).abs() <= 1, "{expires} vs {expected}");
}

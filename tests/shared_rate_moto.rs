//! Serverless workers of one account share one adaptive rate: two `Worker`s, each with
//! its own limiter and its own handle on the installation's DynamoDB table (as two worker
//! Lambdas are), run S3 tasks of one account at once through `bench/aws_proxy.py`, which
//! refuses S3 requests above `S3_RATE` a second with S3's `SlowDown`, as AWS does. Run
//! with the shared rate: the two together must stay near the proxy's rate with few
//! refusals, and the bucket's item must show both workers. (`bench/throttle two-workers`
//! runs it with `PARAPET_SHARED_RATE_COMPARE=1`, which first runs the same pair with each
//! worker's rate its own, to print both curves.)
//!
//! moto limits: none here beyond the usual (AssumeRole ignores the ExternalId); the
//! throttling is the proxy's, moto serves every request it forwards.

#[path = "support/serverless.rs"]
mod installation;
mod support;

use installation::*;
use parapet::aws::Limiter;
use parapet::controls::Catalog;
use parapet::model::ScanTask;
use parapet::pipeline::{new_scan, run_task, Worker};
use parapet::serverless::shared_rates::DynamoSharedRates;
use parapet::store::Store;
use serde_json::json;
use std::sync::Arc;
use support::aws_proxy::AwsProxy;
use support::*;

const ACCOUNT: &str = "123456789012";
/// S3 requests a second the proxy lets through, both workers together.
const S3_RATE: u32 = 40;
/// About ten S3 calls each: a few hundred calls per task.
const BUCKETS: usize = 30;

async fn onboard_account(inst: &Installation) {
    let request = registration_request(
        ACCOUNT,
        json!({"Regions": "us-east-1", "RealTime": "false"}),
    );
    inst.onboard_answered(&request).await;
}

/// A worker as the worker function builds it: its own limiter, and (when `shared`) its
/// own handle on the table's shared rates.
async fn worker(inst: &Installation, shared: bool) -> Worker {
    let mut limiter = Limiter::new(4);
    if shared {
        let rates = DynamoSharedRates::for_installation(&inst.deps)
            .await
            .unwrap();
        limiter = limiter.with_shared_rates(Arc::new(rates));
    }
    Worker::new(
        inst.deps.store.clone(),
        Arc::new(Catalog::embedded().unwrap()),
        inst.deps.sessions.clone(),
        limiter,
    )
    .unwrap()
    .with_registry(inst.key.clone())
}

/// A new scan of the account made of its S3 task.
async fn s3_task(inst: &Installation) -> ScanTask {
    let scan = new_scan(ACCOUNT, &["us-east-1".to_string()], 1);
    inst.deps.store.create_scan(&scan).await.unwrap();
    let task = json!({"scan_id": scan.id, "account_id": ACCOUNT, "region": "global",
                      "collector": "s3", "attempt": 0});
    ScanTask::from_message(&task.to_string()).unwrap()
}

/// Runs one S3 task in each of two new workers at once; the proxy's S3 counts.
async fn two_workers(
    inst: &Installation,
    proxy: &AwsProxy,
    shared: bool,
) -> (u64, u64, Vec<(u64, u64)>) {
    let (first, second) = (worker(inst, shared).await, worker(inst, shared).await);
    let (task_a, task_b) = (s3_task(inst).await, s3_task(inst).await);
    proxy.control("POST", "/_proxy/reset");
    let (a, b) = tokio::join!(run_task(&first, &task_a), run_task(&second, &task_b));
    for outcome in [a.unwrap(), b.unwrap()] {
        // The buckets and the account's S3 settings. One resource type is unreadable
        // in moto whether throttled or not (an S3 control API it lacks), so exactly one.
        assert_eq!(outcome.resources, BUCKETS + 1, "{outcome:?}");
        assert_eq!(outcome.unlisted.len(), 1, "{outcome:?}");
    }
    proxy.service_counts("s3")
}

/// The shared items of the account's S3 buckets, as (pk, workers named in it).
async fn shared_items(inst: &Installation) -> Vec<(String, usize)> {
    let config = inst.deps.sessions.config(None, None).await.unwrap();
    let client = aws_sdk_dynamodb::Client::new(&config);
    let page = client
        .scan()
        .table_name(&inst.deps.settings.table)
        .send()
        .await
        .unwrap();
    page.items()
        .iter()
        .filter_map(|item| {
            let pk = item.get("pk")?.as_s().ok()?;
            pk.starts_with(&format!("RATE#{ACCOUNT}#s3#")).then(|| {
                let workers = item.keys().filter(|k| k.starts_with("worker_")).count();
                (pk.clone(), workers)
            })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_workers_of_one_account_share_one_s3_rate() {
    let moto = Moto::start();
    emulator_process_env();
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(&moto.url)
        .load()
        .await;
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    for i in 0..BUCKETS {
        let bucket = format!("shared-rate-{i:02}");
        s3.create_bucket().bucket(&bucket).send().await.unwrap();
    }
    let proxy = AwsProxy::start(&moto.url, &["--rate", &format!("s3={S3_RATE}")]);
    let inst = Installation::create_via(&moto, &proxy.url).await;
    onboard_account(&inst).await;

    // `bench/throttle two-workers` sets this to show the curve without sharing too.
    if std::env::var_os("PARAPET_SHARED_RATE_COMPARE").is_some() {
        let (accepted, refused, curve) = two_workers(&inst, &proxy, false).await;
        eprintln!("each its own rate: S3 accepted {accepted}, refused {refused} in {} s; per second (accepted, refused): {curve:?}", curve.len());
        assert!(
            shared_items(&inst).await.is_empty(),
            "no shared item without sharing"
        );
    }
    let (accepted, refused, curve) = two_workers(&inst, &proxy, true).await;
    eprintln!("one shared rate:   S3 accepted {accepted}, refused {refused} in {} s; per second (accepted, refused): {curve:?}", curve.len());

    // The bucket's item names both workers.
    let items = shared_items(&inst).await;
    assert!(!items.is_empty(), "no shared rate item was written");
    assert!(
        items.iter().any(|(_, workers)| *workers == 2),
        "both workers synced the shared rate: {items:?}"
    );
    // Sharing one rate, the two are refused a small share of their calls (the first
    // second's, mostly: S3's documented rate, where both start, is far above the proxy's).
    assert!(
        refused * 10 < accepted,
        "shared: {refused} refused of {accepted} accepted"
    );
    // Both together near the proxy's rate in the seconds after the first: the proxy lets
    // at most S3_RATE through a second, and the workers use most of it.
    let busy: Vec<u64> = curve.iter().skip(1).map(|(a, _)| *a).collect();
    let full = busy.len().saturating_sub(1).max(1);
    let mean = busy.iter().take(full).sum::<u64>() as f64 / full as f64;
    assert!(
        mean > f64::from(S3_RATE) * 0.5,
        "the two workers together used {mean:.1} calls a second of {S3_RATE}: {curve:?}"
    );
}

//! Measures the serverless bars against moto_server (`./bench/lambda` runs it):
//!
//! 1. worker start-up: process start to its first poll of the Runtime API, over 10 starts;
//! 2. the worker's peak memory for one task of N resources (IAM users), as a process
//!    running under the Runtime API;
//! 3. the DynamoDB items that task wrote, by kind, with their sizes and the write
//!    request units they cost (1 per started KB; the figures the README's cost model uses);
//! 4. real-time rescan latency: a CloudTrail event put on the events queue, to the
//!    changed finding in DynamoDB, over M events (SSH opened and closed on one group),
//!    into the finished scan of step 2. As in production, each rescan leaves the scan's
//!    summary to a delayed refresh request (here on a queue of its own); the requests
//!    are then run together, and the number that recomputed is printed.
//!
//! Usage: lambda_bench MOTO_URL [N] [M]

#[path = "../../tests/support/serverless.rs"]
mod installation;
#[path = "../../tests/support/runtime_api.rs"]
mod runtime_api;
#[path = "../../tests/support/mod.rs"]
mod support;

use installation::*;
use parapet::aws::{CallCounter, Limiter};
use parapet::controls::Catalog;
use parapet::model::Status;
use parapet::pipeline::Worker;
use parapet::queue::SqsQueue;
use parapet::serverless::{events, worker};
use parapet::store::Store;
use serde_json::json;
use std::sync::Arc;
use std::time::{Duration, Instant};

const ACCOUNT: &str = "123456789012";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn binary(name: &str) -> String {
    let exe = std::env::current_exe().unwrap();
    // target/<profile>/examples/lambda_bench -> target/<profile>/<name>
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join(name)
        .display()
        .to_string()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .expect("usage: lambda_bench MOTO_URL [N] [M]")
        .clone();
    let users: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(50);
    let moto = support::Moto::attach(&url);
    let inst = Installation::create(&moto).await;
    let store = inst.deps.store.clone();
    let mut account = parapet::model::Account::local(ACCOUNT);
    account.regions = vec!["us-east-1".into()];
    store.put_account(&account).await.unwrap();

    let key_arn = inst.deps.settings.external_id_key_arn.clone().unwrap();
    let env = [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", url.as_str()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("PARAPET_TABLE", "test-parapet"),
        ("PARAPET_SCAN_QUEUE_URL", inst.scan_queue.as_str()),
        ("PARAPET_LOG", "warn"),
        ("PARAPET_EXTERNAL_ID_KEY_ARN", key_arn.as_str()),
    ];

    // 1. Start-up.
    let mut starts = Vec::new();
    for _ in 0..10 {
        let api = runtime_api::RuntimeApi::start();
        let t = Instant::now();
        let mut child = api.spawn(&binary("worker"), &env);
        starts.push((api.first_poll(Duration::from_secs(30)) - t).as_secs_f64() * 1000.0);
        let _ = child.kill();
        let _ = child.wait();
    }
    starts.sort_by(f64::total_cmp);
    println!(
        "worker start-up (process start to first poll): median {:.1} ms, max {:.1} ms over {} starts",
        percentile(&starts, 0.5),
        starts[starts.len() - 1],
        starts.len()
    );

    // 2. One task of N resources: N IAM users, listed and evaluated by one worker process.
    let iam = aws_sdk_iam::Client::new(&inst.deps.sessions.config(None, None).await.unwrap());
    for i in 0..users {
        iam.create_user()
            .user_name(format!("bench-user-{i:05}"))
            .send()
            .await
            .unwrap();
    }
    let scan = parapet::pipeline::new_scan(ACCOUNT, &["us-east-1".to_string()], 1);
    store.create_scan(&scan).await.unwrap();
    let task = json!({"scan_id": scan.id, "account_id": ACCOUNT, "region": "global", "collector": "iam", "attempt": 0});
    let api = runtime_api::RuntimeApi::start();
    let mut child = api.spawn(&binary("worker"), &env);
    api.first_poll(Duration::from_secs(30));
    let t = Instant::now();
    api.invoke(json!({"Records": [{
        "messageId": "m1", "receiptHandle": "r", "body": task.to_string(), "md5OfBody": "",
        "attributes": {"ApproximateReceiveCount": "1"}, "messageAttributes": {},
        "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:parapet-scan",
        "awsRegion": "us-east-1"
    }]}));
    let (_, reply) = api.reply(Duration::from_secs(600));
    let took = t.elapsed();
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: ?")
        .to_string();
    let _ = child.kill();
    let _ = child.wait();
    let resources = store.resources(&scan.id).await.unwrap().len();
    println!(
        "worker task of {resources} resources: {:.1} s, peak memory {} ({reply:?})",
        took.as_secs_f64(),
        hwm.trim_start_matches("VmHWM:").trim()
    );

    // 3. What the task wrote.
    let dynamodb =
        aws_sdk_dynamodb::Client::new(&inst.deps.sessions.config(None, None).await.unwrap());
    print_item_costs(&dynamodb, "test-parapet").await;

    // 4. Real-time rescans, in process: events handler -> scan queue -> worker handler.
    let ec2 = inst
        .deps
        .sessions
        .clients(None, None, Limiter::new(4), CallCounter::default())
        .await
        .unwrap()
        .api(&parapet::collect::EC2, "us-east-1");
    let vpcs = ec2.call("DescribeVpcs", &json!({})).await.unwrap();
    let vpc = vpcs["vpcSet"][0]["vpcId"].as_str().unwrap().to_string();
    let group = ec2
        .call(
            "CreateSecurityGroup",
            &json!({"GroupName": "latency-bench", "GroupDescription": "latency bench", "VpcId": vpc}),
        )
        .await
        .unwrap()["groupId"]
        .as_str()
        .unwrap()
        .to_string();
    let full = store.scan(&scan.id).await.unwrap().unwrap();
    assert_ne!(
        full.state,
        parapet::model::ScanState::Running,
        "the task finished its scan"
    );
    let summary_queue = inst.create_queue("parapet-summary-requests").await;
    let w = Worker::new(
        store.clone(),
        Arc::new(Catalog::embedded().unwrap()),
        inst.deps.sessions.clone(),
        Limiter::new(4),
    )
    .unwrap()
    .with_registry(inst.key.clone())
    .with_summary_requests(Arc::new(SqsQueue::new(inst.sqs.clone(), &summary_queue)));
    let queue = SqsQueue::new(inst.sqs.clone(), &inst.scan_queue);
    let s3 = aws_sdk_s3::Client::new(&inst.deps.sessions.config(None, None).await.unwrap());
    let ssh = json!({
        "GroupId": group, "IpPermissions.1.IpProtocol": "tcp", "IpPermissions.1.FromPort": 22,
        "IpPermissions.1.ToPort": 22, "IpPermissions.1.IpRanges.1.CidrIp": "0.0.0.0/0",
    });
    let mut latencies = Vec::new();
    for round in 0..rounds {
        let open = round % 2 == 0;
        let name = if open {
            "AuthorizeSecurityGroupIngress"
        } else {
            "RevokeSecurityGroupIngress"
        };
        ec2.call(name, &ssh).await.unwrap();
        let event = cloudtrail_event(
            ACCOUNT,
            "us-east-1",
            "ec2.amazonaws.com",
            name,
            json!({"groupId": group}),
            json!({"_return": true}),
        );
        inst.send_raw(&inst.events_queue, &event.to_string()).await;
        let t = Instant::now();
        let (batch, handles) = inst.receive(&inst.events_queue).await;
        let (response, _) = events::handle(store.as_ref(), &queue, &s3, batch).await;
        inst.acknowledge(&inst.events_queue, &handles, &response)
            .await;
        let queued = t.elapsed();
        let (batch, handles) = inst.receive(&inst.scan_queue).await;
        let received = t.elapsed();
        let response = worker::handle(&w, batch, 3).await;
        inst.acknowledge(&inst.scan_queue, &handles, &response)
            .await;
        let elapsed = t.elapsed();
        let failing = scan_findings(store.as_ref(), &full.id)
            .await
            .iter()
            .any(|f| f.resource_arn.ends_with(&group) && f.status == Status::Fail);
        assert_eq!(
            failing, open,
            "round {round}: the finding did not follow the change"
        );
        eprintln!("round {round}: {name} rescanned in {elapsed:?} (rescan queued at {queued:?}, received at {received:?}, {} messages)", handles.len());
        latencies.push(elapsed.as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    println!(
        "real-time rescan (event queued -> finding updated): median {:.0} ms, p99 {:.0} ms over {} events",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.len()
    );

    // 5. The summary refresh requests those rescans left, run as the worker would.
    let t = Instant::now();
    let mut requests = 0;
    loop {
        let (batch, handles) = inst.receive(&summary_queue).await;
        if handles.is_empty() {
            break;
        }
        requests += handles.len();
        let response = worker::handle(&w, batch, 3).await;
        assert!(response.batch_item_failures.is_empty());
        inst.acknowledge(&summary_queue, &handles, &response).await;
    }
    let summary = store
        .scan(&full.id)
        .await
        .unwrap()
        .unwrap()
        .summary
        .unwrap();
    assert_eq!(
        summary.findings,
        scan_findings(store.as_ref(), &full.id).await.len() as u64,
        "the refreshed summary counts every finding"
    );
    println!(
        "summary refresh: {requests} requests from {} rescans run in {:.1} s; the summary now counts the last rescan",
        latencies.len(),
        t.elapsed().as_secs_f64()
    );
}

/// DynamoDB's size of an attribute value (its documented rules, close enough for costs).
fn value_size(v: &aws_sdk_dynamodb::types::AttributeValue) -> usize {
    use aws_sdk_dynamodb::types::AttributeValue as V;
    match v {
        V::S(s) => s.len(),
        V::N(n) => n.len() / 2 + 1,
        V::Bool(_) | V::Null(_) => 1,
        V::L(items) => 3 + items.iter().map(|i| 1 + value_size(i)).sum::<usize>(),
        V::M(map) => {
            3 + map
                .iter()
                .map(|(k, v)| 1 + k.len() + value_size(v))
                .sum::<usize>()
        }
        _ => 0,
    }
}

/// Scans the table and prints, per kind of item (the sort key's prefix), how many there
/// are, their size, and the write request units writing them once costs.
async fn print_item_costs(client: &aws_sdk_dynamodb::Client, table: &str) {
    let mut kinds: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    let mut pages = client.scan().table_name(table).into_paginator().send();
    while let Some(page) = pages.next().await {
        for item in page.unwrap().items() {
            let size: usize = item.iter().map(|(k, v)| k.len() + value_size(v)).sum();
            let kind = item
                .get("sk")
                .and_then(|v| v.as_s().ok())
                .map(|sk| sk.split('#').next().unwrap_or(sk).to_string())
                .unwrap_or_default();
            let entry = kinds.entry(kind).or_default();
            entry.0 += 1;
            entry.1 += size;
            entry.2 += size.div_ceil(1024);
        }
    }
    for (kind, (count, bytes, units)) in &kinds {
        println!(
            "dynamodb items {kind}: {count} items, {:.1} KB, {units} write units ({:.2} per item)",
            *bytes as f64 / 1024.0,
            *units as f64 / *count as f64
        );
    }
}

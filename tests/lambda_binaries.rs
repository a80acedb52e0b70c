//! The four function binaries run as Lambda runs them: started with
//! `AWS_LAMBDA_RUNTIME_API` pointing at a Runtime API on loopback
//! (`support/runtime_api.rs`), fed one real event each, against moto's DynamoDB and SQS.
//! Also prints each binary's start-up time (process start to its first poll for an
//! event) and peak memory; `bench/lambda` records them, this test only checks behaviour.

use crate::installation;
#[path = "support/runtime_api.rs"]
mod runtime_api;
use crate::support;

use installation::*;
use runtime_api::{Reply, RuntimeApi};
use serde_json::json;
use std::time::{Duration, Instant};
use support::*;

const ACCOUNT: &str = "123456789012";

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Starts `binary`, sends it `event`, and returns its reply.
fn invoke(binary: &str, moto: &Moto, inst: &Installation, event: serde_json::Value) -> Reply {
    invoke_with(binary, moto, inst, &[], event)
}

/// `invoke`, with more environment variables.
fn invoke_with(
    binary: &str,
    moto: &Moto,
    inst: &Installation,
    extra_env: &[(&str, &str)],
    event: serde_json::Value,
) -> Reply {
    let api = RuntimeApi::start();
    let started = Instant::now();
    let key_arn = inst.deps.settings.external_id_key_arn.clone().unwrap();
    let mut env = vec![
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("PARAPET_TABLE", "test-parapet"),
        ("PARAPET_SCAN_QUEUE_URL", inst.scan_queue.as_str()),
        ("PARAPET_RESCAN_DELAY_SECONDS", "0"),
        ("PARAPET_EXTERNAL_ID_KEY_ARN", key_arn.as_str()),
    ];
    env.extend_from_slice(extra_env);
    let mut child = api.spawn(binary, &env);
    let ready = api.first_poll(Duration::from_secs(30)) - started;
    api.invoke(event);
    let (_, reply) = api.reply(Duration::from_secs(120));
    let rss = peak_rss_kb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    eprintln!(
        "{}: ready after {} ms, peak RSS {} MB",
        binary.rsplit('/').next().unwrap(),
        ready.as_millis(),
        rss / 1024
    );
    reply
}

fn response(reply: Reply) -> serde_json::Value {
    match reply {
        Reply::Response(v) => v,
        Reply::Error(e) => panic!("the function returned an error: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn function_binaries_answer_through_the_runtime_api() {
    let moto = Moto::start();
    python(&[
        "tests/support/mutate.py",
        "--endpoint-url",
        &moto.url,
        "create-bucket",
        "lambda-bucket",
    ]);
    let inst = Installation::create(&moto).await;

    // onboard: registers the account and answers the response URL.
    let (endpoint, cfn) = response_url_server();
    let reply = response(invoke_with(
        env!("CARGO_BIN_EXE_onboard"),
        &moto,
        &inst,
        &[("PARAPET_CFN_RESPONSE_ENDPOINT", &endpoint)],
        registration_request(ACCOUNT, json!({"Regions": ["us-east-1"]})),
    ));
    assert_eq!(reply["Status"], "SUCCESS");
    let (_, put) = cfn.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(put["PhysicalResourceId"], ACCOUNT);

    // scheduler: a hand invocation for that account enqueues its tasks.
    let reply = response(invoke(
        env!("CARGO_BIN_EXE_scheduler"),
        &moto,
        &inst,
        json!({"account_id": ACCOUNT}),
    ));
    let started = &reply["started"][0];
    assert_eq!(started["account_id"], ACCOUNT, "{reply}");
    let scan_id = started["scan_id"].as_str().unwrap().to_string();
    assert!(inst.queue_depth(&inst.scan_queue).await > 0);

    // worker: one real SQS batch with the s3 task and a poisoned message.
    let task = json!({"scan_id": scan_id, "account_id": ACCOUNT, "region": "global", "collector": "s3", "attempt": 0});
    let record = |id: &str, body: String| {
        json!({
            "messageId": id, "receiptHandle": "rh", "body": body, "md5OfBody": "",
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1700000000000",
                           "SenderId": "AIDA", "ApproximateFirstReceiveTimestamp": "1700000000000"},
            "messageAttributes": {}, "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:parapet-scan", "awsRegion": "us-east-1"
        })
    };
    let reply = response(invoke(
        env!("CARGO_BIN_EXE_worker"),
        &moto,
        &inst,
        json!({"Records": [
            record("good", task.to_string()), record("poisoned", "{not json".into())
        ]}),
    ));
    assert_eq!(
        reply,
        json!({"batchItemFailures": [{"itemIdentifier": "poisoned"}]})
    );
    let store = inst.deps.store.as_ref();
    let findings = parapet::store::Store::findings(
        store,
        &parapet::store::FindingQuery {
            scan_id: Some(scan_id.clone()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f.resource_arn == "arn:aws:s3:::lambda-bucket"),
        "the worker stored the bucket's findings"
    );

    // events: a CloudTrail event of a registered account becomes a rescan task.
    let before = inst.queue_depth(&inst.scan_queue).await;
    let event = cloudtrail_event(
        ACCOUNT,
        "us-east-1",
        "s3.amazonaws.com",
        "PutBucketPolicy",
        json!({"bucketName": "lambda-bucket"}),
        serde_json::Value::Null,
    );
    let reply = response(invoke(
        env!("CARGO_BIN_EXE_events"),
        &moto,
        &inst,
        json!({"Records": [record("e1", event.to_string())]}),
    ));
    assert_eq!(reply, json!({"batchItemFailures": []}));
    assert_eq!(inst.queue_depth(&inst.scan_queue).await, before + 1);

    // A function without its configuration fails at start with the variable's name.
    let api = RuntimeApi::start();
    let mut child = api.spawn(env!("CARGO_BIN_EXE_worker"), &[("PARAPET_TABLE", "")]);
    let status = child.wait().unwrap();
    assert!(!status.success());
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(err.contains("PARAPET_TABLE"), "{err}");
}

//! Alerts end to end: `parapet scan` against moto_server sends its alerts to a webhook and
//! a Slack destination served by a local HTTP server in this test, which records every
//! request and can answer 500 for a while. Checked: one grouped message per scan and
//! kind, a signature a receiver can verify (with Python's hmac, independently of ours),
//! nothing sent again for an unchanged scan or a redelivery, resolutions, retries that
//! lose nothing, dead letters delivered once the destination is back, and no secret in
//! any output. (Real Slack is not reachable from tests: the Slack payload is checked for
//! shape and Slack's documented limits only.)

use crate::support;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use support::*;

/// One request the test server received.
#[derive(Debug, Clone)]
struct Received {
    path: String,
    headers: HashMap<String, String>,
    body: String,
    /// The status it was answered with.
    status: u16,
}

/// A local HTTP server that records requests and answers 500 to the next
/// `failures` requests, 204 otherwise.
struct TestServer {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
    failures: Arc<AtomicUsize>,
}

impl TestServer {
    fn start() -> TestServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let received = Arc::new(Mutex::new(Vec::new()));
        let failures = Arc::new(AtomicUsize::new(0));
        let (log, fail) = (received.clone(), failures.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let Some(mut request) = read_request(&stream) else {
                    continue;
                };
                let failing = fail
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                request.status = if failing { 500 } else { 204 };
                let answer = format!(
                    "HTTP/1.1 {} {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    request.status,
                    if failing {
                        "Internal Server Error"
                    } else {
                        "No Content"
                    }
                );
                let _ = (&stream).write_all(answer.as_bytes());
                log.lock().unwrap().push(request);
            }
        });
        TestServer {
            url,
            received,
            failures,
        }
    }

    /// Takes what was received since the last call.
    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

fn read_request(stream: &std::net::TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let path = request_line.split_whitespace().nth(1)?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let length: usize = headers.get("content-length")?.parse().ok()?;
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        path,
        headers,
        body: String::from_utf8(body).ok()?,
        status: 0,
    })
}

const HOOK_PATH: &str = "/hook/t0ken-in-the-url-8c1f";
const SLACK_PATH: &str = "/slack/T000/B000/xoxsecretpart";
const SIGNING_KEY: &str = "k3y-for-signing-alerts-0123456789";
/// Only the two S3 bucket controls: a short scan, and a new bucket fails both.
const CONTROLS: [&str; 4] = [
    "--control",
    "s3_bucket_level_public_access_block",
    "--control",
    "s3_bucket_secure_transport_policy",
];

struct Env {
    moto: Moto,
    server: TestServer,
    dir: tempfile::TempDir,
    db: String,
    vars: Vec<(&'static str, String)>,
}

impl Env {
    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--db", &self.db]);
        let vars: Vec<(&str, &str)> = self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let out = parapet_env(&all, &vars);
        // No secret in any output, whatever the command.
        let text = format!("{}{}", stdout(&out), stderr(&out));
        for secret in [HOOK_PATH, SLACK_PATH, SIGNING_KEY, "t0ken", "xoxsecret"] {
            assert!(
                !text.contains(secret),
                "parapet {args:?} printed a secret:\n{text}"
            );
        }
        out
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "parapet {args:?} failed:\n{}\n{}",
            stdout(&out),
            stderr(&out)
        );
        format!("{}{}", stdout(&out), stderr(&out))
    }

    fn scan(&self) -> String {
        let mut args = vec![
            "scan",
            "--endpoint-url",
            &self.moto.url,
            "--region",
            "us-east-1",
            "--format",
            "json",
        ];
        args.extend(CONTROLS);
        self.ok(&args)
    }

    fn mutate(&self, action: &str, bucket: &str) {
        python(&[
            "tests/support/mutate.py",
            "--endpoint-url",
            &self.moto.url,
            action,
            bucket,
        ]);
    }
}

fn setup() -> Env {
    let moto = Moto::start();
    seed(&moto);
    let server = TestServer::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db").to_str().unwrap().to_string();
    let key_file = dir.path().join("signing-key");
    std::fs::write(&key_file, format!("{SIGNING_KEY}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let vars = vec![
        (
            "PARAPET_TEST_HOOK_URL",
            format!("{}{HOOK_PATH}", server.url),
        ),
        (
            "PARAPET_TEST_SLACK_URL",
            format!("{}{SLACK_PATH}", server.url),
        ),
        (
            "PARAPET_TEST_KEY_FILE",
            key_file.to_str().unwrap().to_string(),
        ),
    ];
    Env {
        moto,
        server,
        dir,
        db,
        vars,
    }
}

/// Checks the signature header against HMAC-SHA256 computed by Python's hmac module.
fn assert_signed(r: &Received) {
    let header = &r.headers["x-parapet-signature"];
    let (t, v1) = header
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
        .unwrap_or_else(|| panic!("malformed signature header {header}"));
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap();
    assert!((0..600).contains(&age), "timestamp {t} is not recent");
    let body_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(body_file.path(), &r.body).unwrap();
    let script = "import hmac, hashlib, sys\n\
                  body = open(sys.argv[3], 'rb').read()\n\
                  print(hmac.new(sys.argv[1].encode(), sys.argv[2].encode() + b'.' + body, hashlib.sha256).hexdigest())";
    let expected = python(&[
        "-c",
        script,
        SIGNING_KEY,
        t,
        body_file.path().to_str().unwrap(),
    ]);
    assert_eq!(v1, expected.trim(), "the signature does not verify");
}

fn bodies(received: &[Received], path: &str) -> Vec<Value> {
    received
        .iter()
        .filter(|r| r.path == path && r.status == 204)
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect()
}

fn item_arns(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["resource_arn"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn scans_alert_once_per_transition_and_lose_nothing() {
    let env = setup();
    let key_ref = format!("file:{}", env.vars[2].1);
    // A URL in place of a reference is refused, and not echoed.
    let pasted = env.run(&["alerts", "add", "slack", "--url", &env.vars[1].1]);
    assert!(!pasted.status.success());
    assert!(stderr(&pasted).contains("env:NAME"), "{}", stderr(&pasted));

    let added = env.ok(&[
        "alerts",
        "add",
        "webhook",
        "--url",
        "env:PARAPET_TEST_HOOK_URL",
        "--signing-key",
        &key_ref,
        "--min-severity",
        "low",
        "--resolved",
    ]);
    assert!(added.contains("added alert destination dst-"), "{added}");
    env.ok(&[
        "alerts",
        "add",
        "slack",
        "--url",
        "env:PARAPET_TEST_SLACK_URL",
        "--min-severity",
        "low",
    ]);
    let list = env.ok(&["alerts", "list"]);
    assert!(
        list.contains("url=env:PARAPET_TEST_HOOK_URL") && list.contains(&key_ref),
        "{list}"
    );
    assert!(list.contains("url=env:PARAPET_TEST_SLACK_URL"), "{list}");

    // 1. The first scan: every failure is new. The first two attempts get HTTP 500.
    env.server.failures.store(2, Ordering::SeqCst);
    let out = env.scan();
    assert!(out.contains("(webhook): 1 message(s) sent"), "{out}");
    let got = env.server.take();
    assert_eq!(
        got.iter().filter(|r| r.status == 500).count(),
        2,
        "retried after 500s"
    );
    let hooks = bodies(&got, HOOK_PATH);
    assert_eq!(hooks.len(), 1, "one grouped message: {hooks:?}");
    let first = &hooks[0];
    assert_eq!(first["schema_version"], 1);
    assert_eq!(first["type"], "new_failures");
    assert_eq!(first["account_id"], "123456789012");
    assert_eq!(
        (
            first["part"].as_u64(),
            first["parts"].as_u64(),
            first["omitted"].as_u64()
        ),
        (Some(1), Some(1), Some(0))
    );
    let first_items = first["items"].as_array().unwrap().len();
    assert!(first_items >= 2, "the seeded failures are listed: {first}");
    assert_eq!(first["total"].as_u64(), Some(first_items as u64));
    let delivery = first["delivery_id"].as_str().unwrap();
    let webhook_requests: Vec<&Received> = got.iter().filter(|r| r.path == HOOK_PATH).collect();
    for r in &webhook_requests {
        assert_eq!(
            r.headers["x-parapet-delivery"], delivery,
            "retries keep the delivery id"
        );
        assert_signed(r);
    }
    let slack = bodies(&got, SLACK_PATH);
    assert_eq!(slack.len(), 1, "{slack:?}");
    assert!(
        slack[0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("{first_items} new failures")),
        "{}",
        slack[0]
    );
    assert!(slack[0]["blocks"].as_array().unwrap().len() >= 2);
    assert!(got
        .iter()
        .filter(|r| r.path == SLACK_PATH)
        .all(|r| !r.headers.contains_key("x-parapet-signature")));
    let first_scan = first["scan_id"].as_str().unwrap().to_string();

    // 2. The same account again: nothing changed, nothing sent.
    let out = env.scan();
    assert!(out.contains("(webhook): 0 message(s) sent"), "{out}");
    assert!(
        env.server.take().is_empty(),
        "an unchanged scan sends nothing"
    );

    // 3. Sending the first scan's alerts again: the ledger holds them as delivered.
    let out = env.ok(&["alerts", "send", "--scan", &first_scan]);
    assert!(out.contains("1 already delivered"), "{out}");
    assert!(
        env.server.take().is_empty(),
        "a redelivery does not alert twice"
    );

    // 4. A new bucket fails both controls: a message with its two failures only.
    env.mutate("create-bucket", "parapet-alerts-new");
    env.scan();
    let hooks = bodies(&env.server.take(), HOOK_PATH);
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(hooks[0]["type"], "new_failures");
    assert_eq!(
        item_arns(&hooks[0]),
        vec!["arn:aws:s3:::parapet-alerts-new"; 2]
    );

    // 5. Deleting it resolves both: a resolution to the webhook (it asked), none to Slack.
    env.mutate("delete-bucket", "parapet-alerts-new");
    env.scan();
    let got = env.server.take();
    let hooks = bodies(&got, HOOK_PATH);
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(hooks[0]["type"], "resolved");
    assert_eq!(
        item_arns(&hooks[0]),
        vec!["arn:aws:s3:::parapet-alerts-new"; 2]
    );
    assert!(
        bodies(&got, SLACK_PATH).is_empty(),
        "Slack did not ask for resolutions"
    );

    // 6. The destination is down for longer than the retries: the scan still succeeds,
    // says so, and keeps dead letters; the next run delivers them, once.
    env.server.failures.store(1000, Ordering::SeqCst);
    env.mutate("create-bucket", "parapet-alerts-outage");
    let out = env.scan();
    assert!(out.contains("not delivered (kept as dead letters"), "{out}");
    assert!(out.contains("HTTP 500"), "{out}");
    assert!(!env.server.take().is_empty());
    let list = env.ok(&["alerts", "list"]);
    assert!(
        list.lines()
            .filter(|l| l.contains("dst-"))
            .all(|l| l.contains(" 1 ")),
        "{list}"
    );
    env.server.failures.store(0, Ordering::SeqCst);
    let out = env.ok(&["alerts", "send"]);
    assert!(
        out.contains("1 earlier undelivered one(s) delivered now"),
        "{out}"
    );
    let got = env.server.take();
    let hooks = bodies(&got, HOOK_PATH);
    assert_eq!(hooks.len(), 1, "{hooks:?}");
    assert_eq!(
        item_arns(&hooks[0]),
        vec!["arn:aws:s3:::parapet-alerts-outage"; 2]
    );
    assert_signed(got.iter().find(|r| r.path == HOOK_PATH).unwrap());
    assert_eq!(bodies(&got, SLACK_PATH).len(), 1);
    let out = env.ok(&["alerts", "send"]);
    assert!(
        out.contains("0 message(s) sent, 1 already delivered"),
        "{out}"
    );
    assert!(env.server.take().is_empty());

    // 7. A test message, marked as such; then removal.
    let id = list
        .lines()
        .find(|l| l.contains("webhook"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    env.ok(&["alerts", "test", &id]);
    let got = env.server.take();
    assert_eq!(bodies(&got, HOOK_PATH)[0]["type"], "test");
    assert_signed(&got[0]);
    env.ok(&["alerts", "remove", &id]);
    assert!(!env.ok(&["alerts", "list"]).contains(&id));
    drop(env.dir);
}

const SNS_SETUP: &str = "import boto3, json, sys
url = sys.argv[1]
sns = boto3.client('sns', endpoint_url=url, region_name='us-east-1')
sqs = boto3.client('sqs', endpoint_url=url, region_name='us-east-1')
topic = sns.create_topic(Name='parapet-alerts-test')['TopicArn']
queue = sqs.create_queue(QueueName='parapet-alerts-test')['QueueUrl']
arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=arn, Attributes={'RawMessageDelivery': 'true'})
events = boto3.client('events', endpoint_url=url, region_name='us-east-1')
events_queue = sqs.create_queue(QueueName='parapet-alerts-events')['QueueUrl']
events_arn = sqs.get_queue_attributes(QueueUrl=events_queue, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
events.put_rule(Name='parapet-alerts', EventPattern=json.dumps({'source': ['parapet'], 'detail-type': ['Parapet Alert']}))
events.put_targets(Rule='parapet-alerts', Targets=[{'Id': 'queue', 'Arn': events_arn}])
bus = events.describe_event_bus()['Arn']
print(json.dumps({'topic': topic, 'queue': queue, 'bus': bus, 'events_queue': events_queue}))";

/// Every message waiting in the queue (then deleted), with its `type` attribute.
const SQS_DRAIN: &str = "import boto3, json, sys
sqs = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1')
out = []
while True:
    got = sqs.receive_message(QueueUrl=sys.argv[2], MaxNumberOfMessages=10,
                              MessageAttributeNames=['All'], WaitTimeSeconds=1).get('Messages', [])
    if not got:
        break
    for m in got:
        attr = m.get('MessageAttributes', {}).get('type', {}).get('StringValue')
        out.append({'body': json.loads(m['Body']), 'type': attr})
        sqs.delete_message(QueueUrl=sys.argv[2], ReceiptHandle=m['ReceiptHandle'])
print(json.dumps(out))";

/// SNS and EventBridge through the hand-written client against moto, read back from SQS
/// queues (subscribed with raw delivery; a rule's target); a topic that does not exist
/// leaves a dead letter and does not fail the scan.
#[test]
fn sns_topics_and_event_buses_get_the_webhook_json_once() {
    let mut env = setup();
    env.vars.push(("AWS_ENDPOINT_URL", env.moto.url.clone()));
    let made: Value = serde_json::from_str(&python(&["-c", SNS_SETUP, &env.moto.url])).unwrap();
    let text = |key: &str| made[key].as_str().unwrap().to_string();
    let (topic, queue, bus, events_queue) = (
        text("topic"),
        text("queue"),
        text("bus"),
        text("events_queue"),
    );
    let drain = |env: &Env, queue: &str| -> Vec<Value> {
        serde_json::from_str(&python(&["-c", SQS_DRAIN, &env.moto.url, queue])).unwrap()
    };
    let add = |kind: &str, flag: &str, arn: &str| {
        env.run(&["alerts", "add", kind, flag, arn, "--min-severity", "low"])
    };
    let sqs_arn = "arn:aws:sqs:us-east-1:123456789012:q";
    assert!(
        !add("sns", "--topic-arn", sqs_arn).status.success(),
        "an SQS ARN is not a topic"
    );
    let rule_arn = "arn:aws:events:us-east-1:123456789012:rule/x";
    assert!(
        !add("eventbridge", "--bus-arn", rule_arn).status.success(),
        "a rule is not a bus"
    );
    assert!(add("sns", "--topic-arn", &topic).status.success());
    let missing = "arn:aws:sns:us-east-1:123456789012:parapet-no-such-topic";
    assert!(add("sns", "--topic-arn", missing).status.success());
    assert!(add("eventbridge", "--bus-arn", &bus).status.success());

    let out = env.scan();
    assert!(out.contains("(sns): 1 message(s) sent"), "{out}");
    assert!(
        out.contains("(sns): 0 message(s) sent, 1 not delivered"),
        "{out}"
    );
    assert!(out.contains("NotFound"), "the refusal is named: {out}");
    assert!(out.contains("(eventbridge): 1 message(s) sent"), "{out}");
    let messages = drain(&env, &queue);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(
        messages[0]["type"], "new_failures",
        "the filterable attribute"
    );
    let body = &messages[0]["body"];
    assert_eq!(
        (body["schema_version"].as_u64(), body["type"].as_str()),
        (Some(1), Some("new_failures"))
    );
    assert!(body["items"].as_array().unwrap().len() >= 2, "{body}");
    let events = drain(&env, &events_queue);
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0]["body"];
    assert_eq!(
        (event["source"].as_str(), event["detail-type"].as_str()),
        (Some("parapet"), Some("Parapet Alert"))
    );
    // The same message but for its delivery id (another destination).
    let mut detail = event["detail"].clone();
    let mut sns_body = body.clone();
    for v in [&mut detail, &mut sns_body] {
        v.as_object_mut().unwrap().remove("delivery_id");
    }
    assert_eq!(detail, sns_body, "the event's detail is SNS's message");

    env.scan();
    assert!(
        drain(&env, &queue).is_empty(),
        "an unchanged scan publishes nothing"
    );
    assert!(drain(&env, &events_queue).is_empty(), "nor puts an event");
    let list = env.ok(&["alerts", "list"]);
    assert!(
        list.contains(&format!("topic={topic}")) && list.contains(&format!("bus={bus}")),
        "{list}"
    );
}

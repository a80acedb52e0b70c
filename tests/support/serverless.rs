//! The serverless installation in moto: the DynamoDB table, the SQS queues, the
//! functions' dependencies, and a poller that feeds received messages to a handler as the
//! real `SqsEvent` payload Lambda would deliver.
#![allow(dead_code)]

use crate::support::Moto;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use aws_sdk_sqs::types::{
    DeleteMessageBatchRequestEntry, MessageSystemAttributeName, QueueAttributeName,
};
use parapet::aws::Limiter;
use parapet::controls::Catalog;
use parapet::pipeline::Worker;
use parapet::serverless::external_id::{ExternalIdKey, SECRETSMANAGER};
use parapet::serverless::onboard::Onboard;
use parapet::serverless::{scheduler, worker};
use parapet::serverless::{Deps, Settings};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// The installation's ExternalId key in these tests (the stacks generate a random one).
pub const TEST_EXTERNAL_ID_KEY: &str = "parapet-test-external-id-key-0123456789abcdefghijklmnop";

/// Points the AWS SDK of this test process at the emulator. Every test sets the same
/// values, so tests running in parallel cannot disturb each other.
pub fn emulator_process_env() {
    for (k, v) in [
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
        ("AWS_CONFIG_FILE", "/nonexistent/parapet-test-config"),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/parapet-test-credentials",
        ),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ] {
        std::env::set_var(k, v);
    }
    std::env::remove_var("AWS_PROFILE");
    std::env::remove_var("AWS_SESSION_TOKEN");
}

pub struct Installation {
    pub deps: Deps,
    /// Read from the installation's secret in moto, as the functions read it.
    pub key: Arc<ExternalIdKey>,
    pub sqs: aws_sdk_sqs::Client,
    pub scan_queue: String,
    pub dead_letter_queue: String,
    pub events_queue: String,
}

pub const MAX_RECEIVE: u32 = 2;

impl Installation {
    /// Creates the table and queues as the scanner stack does, with a short visibility
    /// timeout so failed messages come back quickly.
    pub async fn create(moto: &Moto) -> Installation {
        Self::create_via(moto, &moto.url).await
    }

    /// The same, with the functions' AWS calls sent to `endpoint` (a fault proxy in
    /// front of moto) while the test's own queue set-up goes to moto directly.
    pub async fn create_via(moto: &Moto, endpoint: &str) -> Installation {
        emulator_process_env();
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&moto.url)
            .load()
            .await;
        let sqs = aws_sdk_sqs::Client::new(&config);
        let dlq = sqs
            .create_queue()
            .queue_name("parapet-scan-dlq")
            .send()
            .await
            .unwrap();
        let dlq_url = dlq.queue_url().unwrap().to_string();
        let dlq_arn = sqs
            .get_queue_attributes()
            .queue_url(&dlq_url)
            .attribute_names(QueueAttributeName::QueueArn)
            .send()
            .await
            .unwrap()
            .attributes()
            .unwrap()[&QueueAttributeName::QueueArn]
            .clone();
        let scan_queue = sqs
            .create_queue()
            .queue_name("parapet-scan")
            .attributes(QueueAttributeName::VisibilityTimeout, "1")
            .attributes(
                QueueAttributeName::RedrivePolicy,
                json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": MAX_RECEIVE.to_string()})
                    .to_string(),
            )
            .send()
            .await
            .unwrap()
            .queue_url()
            .unwrap()
            .to_string();
        let events_queue = plain_queue(&sqs, "parapet-events").await;
        let settings = Settings {
            table: "test-parapet".into(),
            scan_queue_url: scan_queue.clone(),
            max_receive: MAX_RECEIVE,
            rescan_delay: Duration::ZERO,
            summary_delay: Duration::ZERO,
            stuck_after: chrono::Duration::hours(6),
            // As for the CLI's scans (`emulator_env`): moto's HTTP 500 for operations it
            // lacks would cost eight backed-off attempts each.
            max_attempts: 3,
            endpoint_url: Some(endpoint.to_string()),
            external_id_key_arn: None,
            cfn_response_endpoint: None,
        };
        let mut deps = Deps::new(settings).await;
        deps.store.create_table().await.unwrap();
        deps.settings.external_id_key_arn = Some(create_key_secret(&deps).await);
        let key = Arc::new(deps.external_id_key().await.unwrap());
        Installation {
            deps,
            key,
            sqs,
            scan_queue,
            dead_letter_queue: dlq_url,
            events_queue,
        }
    }

    /// The onboard function as its binary builds it, answering at `response_endpoint`
    /// (a `response_url_server`) the URLs that pass its checks.
    pub fn onboard(&self, response_endpoint: &str) -> Onboard {
        let mut onboard = Onboard::new(
            self.deps.store.clone(),
            self.deps.sessions.clone(),
            self.key.clone(),
        );
        onboard.response_endpoint = Some(response_endpoint.to_string());
        // moto's roles are assumable at once; a failure would not heal by waiting.
        onboard.verify_for = Duration::from_secs(1);
        onboard
    }

    /// A queue of the test's own (no dead-letter queue), by URL.
    /// Hands `request` to the onboard handler, which must succeed and answer
    /// CloudFormation's response URL; the method and body of that answer.
    pub async fn onboard_answered(&self, request: &Value) -> (String, Value) {
        let (endpoint, responses) = response_url_server();
        let response = self.onboard(&endpoint).handle(request).await.unwrap();
        assert_eq!(response.status, "SUCCESS", "{response:?}");
        responses
            .recv_timeout(Duration::from_secs(10))
            .expect("CloudFormation's response URL was answered")
    }

    /// The worker function's worker: the embedded catalog, the installation's registry
    /// and summary requests, four concurrent AWS calls.
    pub fn worker(&self) -> Worker {
        Worker::new(
            self.deps.store.clone(),
            Arc::new(Catalog::embedded().unwrap()),
            self.deps.sessions.clone(),
            Limiter::new(4),
        )
        .unwrap()
        .with_registry(self.key.clone())
        .with_summary_requests(self.deps.summary_requests.clone())
    }

    /// Feeds the scan queue to the worker handler until the queue is empty; no task may
    /// fail.
    pub async fn drain_scan_queue(&self, worker: &Worker) {
        loop {
            let (event, handles) = self.receive(&self.scan_queue).await;
            if handles.is_empty() {
                if self.queue_depth(&self.scan_queue).await == 0 {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            let response = worker::handle(worker, event, MAX_RECEIVE).await;
            assert!(
                response.batch_item_failures.is_empty(),
                "no task should fail: {:?}",
                response.batch_item_failures
            );
            self.acknowledge(&self.scan_queue, &handles, &response)
                .await;
        }
    }

    /// Starts a scan of `account` as the scheduler's rule would (one every six hours at
    /// most); the new scan's id.
    pub async fn schedule_scan(&self, account: &str) -> String {
        let started = scheduler::schedule(
            self.deps.store.as_ref(),
            self.deps.queue.as_ref(),
            &self.deps.sessions,
            &self.key,
            &scheduler::ScheduleRequest {
                account_id: Some(account.into()),
            },
            chrono::Duration::hours(6),
        )
        .await
        .unwrap();
        started.started[0].scan_id.clone()
    }

    pub async fn create_queue(&self, name: &str) -> String {
        plain_queue(&self.sqs, name).await
    }

    /// Receives up to ten messages as the Lambda event source mapping would deliver them.
    pub async fn receive(&self, queue_url: &str) -> (SqsEvent, Vec<(String, String)>) {
        let out = self
            .sqs
            .receive_message()
            .queue_url(queue_url)
            .max_number_of_messages(10)
            .message_system_attribute_names(MessageSystemAttributeName::All)
            .send()
            .await
            .unwrap();
        let mut records = Vec::new();
        let mut handles = Vec::new();
        for m in out.messages() {
            let attributes: serde_json::Map<String, Value> = m
                .attributes()
                .map(|a| {
                    a.iter()
                        .map(|(k, v)| (k.as_str().to_string(), Value::String(v.clone())))
                        .collect()
                })
                .unwrap_or_default();
            records.push(json!({
                "messageId": m.message_id(),
                "receiptHandle": m.receipt_handle(),
                "body": m.body(),
                "attributes": attributes,
                "messageAttributes": {},
                "md5OfBody": m.md5_of_body(),
                "eventSource": "aws:sqs",
                "eventSourceARN": format!("arn:aws:sqs:us-east-1:123456789012:{}", queue_url.rsplit('/').next().unwrap()),
                "awsRegion": "us-east-1"
            }));
            handles.push((
                m.message_id().unwrap().to_string(),
                m.receipt_handle().unwrap().to_string(),
            ));
        }
        let event: SqsEvent = serde_json::from_value(json!({ "Records": records })).unwrap();
        (event, handles)
    }

    /// Deletes the messages a handler did not report failed, as Lambda does.
    pub async fn acknowledge(
        &self,
        queue_url: &str,
        handles: &[(String, String)],
        response: &SqsBatchResponse,
    ) {
        let failed: Vec<&str> = response
            .batch_item_failures
            .iter()
            .map(|f| f.item_identifier.as_str())
            .collect();
        for (i, (id, receipt)) in handles.iter().enumerate() {
            if failed.contains(&id.as_str()) {
                continue;
            }
            self.sqs
                .delete_message_batch()
                .queue_url(queue_url)
                .entries(
                    DeleteMessageBatchRequestEntry::builder()
                        .id(i.to_string())
                        .receipt_handle(receipt)
                        .build()
                        .unwrap(),
                )
                .send()
                .await
                .unwrap();
        }
    }

    pub async fn send_raw(&self, queue_url: &str, body: &str) {
        self.sqs
            .send_message()
            .queue_url(queue_url)
            .message_body(body)
            .send()
            .await
            .unwrap();
    }

    /// Every item of the installation's table, each rendered with its attributes in
    /// order (string values appear verbatim), sorted: equal dumps mean an unchanged table.
    pub async fn table_items(&self) -> Vec<String> {
        let config = self.deps.sessions.config(None, None).await.unwrap();
        let client = aws_sdk_dynamodb::Client::new(&config);
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let page = client
                .scan()
                .table_name(&self.deps.settings.table)
                .set_exclusive_start_key(start)
                .send()
                .await
                .unwrap();
            for item in page.items() {
                let ordered: std::collections::BTreeMap<_, _> = item.iter().collect();
                items.push(format!("{ordered:?}"));
            }
            start = page.last_evaluated_key().cloned();
            if start.is_none() {
                break;
            }
        }
        items.sort();
        items
    }

    pub async fn queue_depth(&self, queue_url: &str) -> u64 {
        let out = self
            .sqs
            .get_queue_attributes()
            .queue_url(queue_url)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessages)
            .attribute_names(QueueAttributeName::ApproximateNumberOfMessagesNotVisible)
            .send()
            .await
            .unwrap();
        let a = out.attributes().unwrap();
        [
            QueueAttributeName::ApproximateNumberOfMessages,
            QueueAttributeName::ApproximateNumberOfMessagesNotVisible,
        ]
        .iter()
        .map(|k| a.get(k).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0))
        .sum()
    }
}

/// An EventBridge "AWS API Call via CloudTrail" event as a target account's bus forwards it.
pub fn cloudtrail_event(
    account: &str,
    region: &str,
    source: &str,
    name: &str,
    request: Value,
    response: Value,
) -> Value {
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    json!({
        "version": "0",
        "id": uuid::Uuid::new_v4().to_string(),
        "detail-type": "AWS API Call via CloudTrail",
        "source": format!("aws.{}", source.split('.').next().unwrap()),
        "account": account,
        "time": now,
        "region": region,
        "resources": [],
        "detail": {
            "eventVersion": "1.09",
            "userIdentity": {
                "type": "IAMUser",
                "principalId": "AIDAEXAMPLEPRINCIPAL",
                "arn": format!("arn:aws:iam::{account}:user/admin"),
                "accountId": account,
                "accessKeyId": "AKIAEXAMPLEKEY",
                "userName": "admin"
            },
            "eventTime": now,
            "eventSource": source,
            "eventName": name,
            "awsRegion": region,
            "sourceIPAddress": "203.0.113.10",
            "userAgent": "aws-cli/2.17.0 md/Botocore#1.35.0",
            "requestParameters": request,
            "responseElements": response,
            "requestID": uuid::Uuid::new_v4().to_string(),
            "eventID": uuid::Uuid::new_v4().to_string(),
            "readOnly": false,
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": account,
            "eventCategory": "Management"
        }
    })
}

/// The installation's ExternalId key secret, as the scanner stack creates it; its ARN.
async fn create_key_secret(deps: &Deps) -> String {
    let clients = deps
        .sessions
        .clients(
            None,
            None,
            parapet::aws::Limiter::new(1),
            Default::default(),
        )
        .await
        .unwrap();
    let out = clients
        .api(&SECRETSMANAGER, "us-east-1")
        .call(
            "CreateSecret",
            &json!({"Name": "parapet-external-id-key", "SecretString": TEST_EXTERNAL_ID_KEY}),
        )
        .await
        .unwrap();
    out["ARN"].as_str().unwrap().to_string()
}

/// The StackId of a stack `name` in `account` (us-east-1).
pub fn stack_id(account: &str, name: &str) -> String {
    format!("arn:aws:cloudformation:us-east-1:{account}:stack/{name}/6f1c2d30-b4a5-11ee-8c7d-0a1b2c3d4e5f")
}

/// CloudFormation's pre-signed answer URL for a request of `stack_id`, as it sends it:
/// the region's response bucket, the key `<StackId>|<LogicalResourceId>|<RequestId>`.
pub fn response_url(stack_id: &str, logical_id: &str, request_id: &str) -> String {
    let key = format!("{stack_id}|{logical_id}|{request_id}")
        .replace(':', "%3A")
        .replace('|', "%7C");
    format!(
        "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/{key}\
         ?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261207T180000Z&X-Amz-SignedHeaders=host\
         &X-Amz-Expires=7200&X-Amz-Credential=AKIAEXAMPLE%2F20261207%2Fus-east-1%2Fs3%2Faws4_request\
         &X-Amz-Signature=3c5e1f0d2b"
    )
}

/// A custom resource request as CloudFormation sends it to the onboard function, from
/// stack `stack_id`, answered at its real response URL.
pub fn cfn_request(
    request_type: &str,
    stack_id: &str,
    resource_type: &str,
    logical_id: &str,
    physical_id: Option<&str>,
    properties: Value,
) -> Value {
    let request_id = uuid::Uuid::new_v4().to_string();
    let mut properties = properties;
    properties["ServiceToken"] =
        json!("arn:aws:lambda:us-east-1:123456789012:function:parapet-onboard");
    let mut request = json!({
        "RequestType": request_type,
        "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:parapet-onboard",
        "ResponseURL": response_url(stack_id, logical_id, &request_id),
        "StackId": stack_id,
        "RequestId": request_id,
        "LogicalResourceId": logical_id,
        "ResourceType": resource_type,
        "ResourceProperties": properties
    });
    if let Some(id) = physical_id {
        request["PhysicalResourceId"] = json!(id);
    }
    request
}

/// The target stack's registration of `account` with its `parapet-scan` role, as
/// CloudFormation sends it; `settings` adds properties (Regions, RealTime).
pub fn registration_request(account: &str, settings: Value) -> Value {
    let mut properties = json!({
        "AccountId": account,
        "RoleArn": format!("arn:aws:iam::{account}:role/parapet-scan"),
    });
    if let (Some(all), Value::Object(extra)) = (properties.as_object_mut(), settings) {
        all.extend(extra);
    }
    cfn_request(
        "Create",
        &stack_id(account, "parapet-target"),
        "Custom::ParapetAccount",
        "Registration",
        None,
        properties,
    )
}

/// An HTTP server standing in for CloudFormation's response bucket: returns its
/// `http://127.0.0.1:<port>` endpoint and a receiver of each PUT's method, path and body.
pub fn response_url_server() -> (String, std::sync::mpsc::Receiver<(String, Value)>) {
    let (endpoint, rx) = response_server_with_paths();
    let (tx, plain) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (method, _path, body) in rx {
            if tx.send((method, body)).is_err() {
                return;
            }
        }
    });
    (endpoint, plain)
}

/// `response_url_server`, also giving each request's path.
pub fn response_server_with_paths() -> (String, std::sync::mpsc::Receiver<(String, String, Value)>)
{
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" || line.is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .unwrap();
            let mut parts = request_line.split(' ');
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            if tx
                .send((
                    method,
                    path,
                    serde_json::from_slice(&body).unwrap_or(Value::Null),
                ))
                .is_err()
            {
                return;
            }
        }
    });
    (endpoint, rx)
}

/// Every finding stored for a scan.
pub async fn scan_findings(
    store: &dyn parapet::store::Store,
    scan_id: &str,
) -> Vec<parapet::model::Finding> {
    store
        .findings(&parapet::store::FindingQuery {
            scan_id: Some(scan_id.to_string()),
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn plain_queue(sqs: &aws_sdk_sqs::Client, name: &str) -> String {
    sqs.create_queue()
        .queue_name(name)
        .send()
        .await
        .unwrap()
        .queue_url()
        .unwrap()
        .to_string()
}

/// Creates the installation's table in the emulator with the schema the stack deploys.
pub fn create_installation_table(moto: &Moto, prefix: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&moto.url)
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "testing", "testing", None, None, "test",
            ))
            .load()
            .await;
        let store = parapet::store::DynamoStore::new(
            aws_sdk_dynamodb::Client::new(&config),
            parapet::store::DynamoStore::table_name(prefix),
        );
        store.create_table().await.unwrap();
    });
}

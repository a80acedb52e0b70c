//! How far the events function trusts what arrives on its queue, against moto's SQS,
//! S3 and DynamoDB: events sent through another account's bus, naming another account's
//! resource, or from an unregistered account are dropped and counted; and handling events
//! never writes a finding or a resource — its only output is rescan tasks on the scan
//! queue, which the worker then runs like any other task.

use crate::installation;
use crate::support;

use installation::*;
use parapet::model::{Account, Finding, Resource, ScanTask, Severity, Status};
use parapet::pipeline::new_scan;
use parapet::queue::SqsQueue;
use parapet::serverless::events;
use parapet::store::{FindingQuery, Store};
use serde_json::json;
use support::*;

const OWN: &str = "123456789012";
const OTHER: &str = "999988887777";
const UNREGISTERED: &str = "111111111111";

fn stored_group(scan_id: &str) -> (Resource, Finding) {
    let now = chrono::Utc::now();
    let arn = format!("arn:aws:ec2:us-east-1:{OWN}:security-group/sg-0stored");
    let resource = Resource {
        arn: arn.clone(),
        resource_type: "AWS::EC2::SecurityGroup".into(),
        account_id: OWN.into(),
        region: "us-east-1".into(),
        name: "stored".into(),
        tags: Default::default(),
        attributes: json!({"GroupId": "sg-0stored"}),
        collected_at: now,
        scan_id: scan_id.into(),
    };
    let finding = Finding {
        control_id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22".into(),
        resource_arn: arn,
        resource_name: "stored".into(),
        resource_type: "AWS::EC2::SecurityGroup".into(),
        account_id: OWN.into(),
        region: "us-east-1".into(),
        service: "ec2".into(),
        severity: Severity::High,
        status: Status::Fail,
        reason: "SSH open to the world".into(),
        scan_id: scan_id.into(),
        first_seen: now,
        last_seen: now,
        status_changed_at: now,
        muted: None,
    };
    (resource, finding)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn untrusted_events_are_dropped_and_events_never_write_results() {
    let moto = Moto::start();
    let inst = Installation::create(&moto).await;
    let store = inst.deps.store.as_ref();
    let mut account = Account::local(OWN);
    account.role_arn = Some(format!("arn:aws:iam::{OWN}:role/parapet-scan"));
    store.put_account(&account).await.unwrap();
    let scan = new_scan(OWN, &["us-east-1".to_string()], 1);
    store.create_scan(&scan).await.unwrap();
    let (resource, finding) = stored_group(&scan.id);
    store
        .put_resources(std::slice::from_ref(&resource))
        .await
        .unwrap();
    store.put_findings(&mut [finding]).await.unwrap();
    let findings_of_scan = FindingQuery {
        scan_id: Some(scan.id.clone()),
        ..Default::default()
    };
    let findings_before = store.findings(&findings_of_scan).await.unwrap();
    let resources_before = store.resources(&scan.id).await.unwrap();
    let scan_before = store.scan(&scan.id).await.unwrap();
    assert_eq!(findings_before.len(), 1);

    let revoke = |account: &str, group: &str| {
        cloudtrail_event(
            account,
            "us-east-1",
            "ec2.amazonaws.com",
            "RevokeSecurityGroupIngress",
            json!({"groupId": group}),
            json!({"_return": true}),
        )
    };
    // Delivered through another account's bus: the envelope's sender is not the account
    // the call claims to be from.
    let mut foreign_sender = revoke(OWN, "sg-0forged");
    foreign_sender["account"] = json!(OTHER);
    // A call in our account that names a trail of another account by ARN.
    let foreign_resource = cloudtrail_event(
        OWN,
        "us-east-1",
        "cloudtrail.amazonaws.com",
        "StopLogging",
        json!({"name": format!("arn:aws:cloudtrail:us-east-1:{OTHER}:trail/org")}),
        json!(null),
    );
    for e in [
        revoke(OWN, "sg-0real"),
        foreign_sender,
        foreign_resource,
        revoke(UNREGISTERED, "sg-0unknown"),
    ] {
        inst.send_raw(&inst.events_queue, &e.to_string()).await;
    }
    let (event, handles) = inst.receive(&inst.events_queue).await;
    assert_eq!(handles.len(), 4);
    let queue = SqsQueue::new(inst.sqs.clone(), &inst.scan_queue);
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&inst.deps.sessions.config(None, None).await.unwrap())
            .force_path_style(true)
            .build(),
    );
    let (response, outcome) = events::handle(store, &queue, &s3, event).await;
    assert!(response.batch_item_failures.is_empty());
    assert_eq!(
        (
            outcome.events,
            outcome.foreign,
            outcome.foreign_resources,
            outcome.unregistered
        ),
        (4, 1, 1, 1),
        "{outcome:?}"
    );
    assert_eq!(outcome.tasks.len(), 1, "{outcome:?}");
    assert_eq!(
        outcome.tasks[0].resource_ids.as_deref(),
        Some(&["sg-0real".to_string()][..])
    );

    // Nothing was written: the stored results and the scan are exactly as before.
    assert_eq!(
        store.findings(&findings_of_scan).await.unwrap(),
        findings_before
    );
    assert_eq!(store.resources(&scan.id).await.unwrap(), resources_before);
    assert_eq!(store.scan(&scan.id).await.unwrap(), scan_before);

    // The one trusted event became one rescan task on the scan queue, and only that.
    let (tasks, _) = inst.receive(&inst.scan_queue).await;
    let sent: Vec<ScanTask> = tasks
        .records
        .iter()
        .map(|r| ScanTask::from_message(r.body.as_deref().unwrap()).unwrap())
        .collect();
    assert_eq!(sent, outcome.tasks);
    assert_eq!(sent[0].account_id, OWN);
    assert_eq!(sent[0].scan_id, scan.id);
}

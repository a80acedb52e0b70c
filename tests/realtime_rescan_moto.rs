//! Real-time rescans of resource types whose events had no rule before the resource-type
//! manifest (`shared/data/resource_types.json`): each step changes a resource in
//! moto_server as a user would, delivers that call's CloudTrail event (the EventBridge
//! payload) through the events queue to the events handler, runs the rescan it queued
//! through the worker handler, and checks the finding changed, and nothing outside the
//! changed resource did.
//!
//! moto limits: `logs:AssociateKmsKey` answers HTTP 500 in moto, so the log group's KMS
//! control is not exercised here; `logs:PutRetentionPolicy` stands for the log group.

use crate::installation;
use crate::support;

use installation::*;
use parapet::model::{ScanState, ScanTask, Status};
use parapet::pipeline::Worker;
use parapet::queue::SqsQueue;
use parapet::serverless::events;
use parapet::store::Store;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use support::*;

const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

/// Makes a change in moto through `tests/support/realtime_changes.py`; what it made.
fn change(moto: &Moto, args: &[&str]) -> Value {
    let mut all = vec![
        "tests/support/realtime_changes.py",
        "--endpoint-url",
        &moto.url,
    ];
    all.extend_from_slice(args);
    serde_json::from_str(python(&all).trim()).unwrap()
}

async fn onboard(inst: &Installation) {
    let request = registration_request(ACCOUNT, json!({"Regions": REGION, "RealTime": "true"}));
    inst.onboard_answered(&request).await;
}

/// Delivers one CloudTrail event to the events handler and runs the rescans it queued;
/// the rescan tasks.
async fn deliver(inst: &Installation, worker: &Worker, event: Value) -> Vec<ScanTask> {
    inst.send_raw(&inst.events_queue, &event.to_string()).await;
    let (batch, handles) = inst.receive(&inst.events_queue).await;
    assert_eq!(handles.len(), 1);
    let queue = SqsQueue::new(inst.sqs.clone(), &inst.scan_queue);
    let s3 = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&inst.deps.sessions.config(None, None).await.unwrap())
            .force_path_style(true)
            .build(),
    );
    let (response, outcome) = events::handle(inst.deps.store.as_ref(), &queue, &s3, batch).await;
    assert!(response.batch_item_failures.is_empty(), "{outcome:?}");
    inst.acknowledge(&inst.events_queue, &handles, &response)
        .await;
    inst.drain_scan_queue(worker).await;
    outcome.tasks
}

type Statuses = BTreeMap<(String, String), Status>;

async fn statuses(inst: &Installation, scan_id: &str) -> Statuses {
    scan_findings(inst.deps.store.as_ref(), scan_id)
        .await
        .into_iter()
        .map(|f| ((f.control_id, f.resource_arn), f.status))
        .collect()
}

/// One step: the change, its event, and the finding it must change.
struct Step {
    change: Vec<String>,
    source: &'static str,
    name: &'static str,
    request: Value,
    response: Value,
    control: &'static str,
    /// The end of the changed resource's ARN.
    arn_suffix: String,
    before: Option<Status>,
    after: Status,
}

/// Applies a step and checks its finding moved from `before` to `after`, and that every
/// finding that changed belongs to the changed resource.
async fn check(inst: &Installation, worker: &Worker, moto: &Moto, scan_id: &str, step: Step) {
    let before = statuses(inst, scan_id).await;
    let args: Vec<&str> = step.change.iter().map(String::as_str).collect();
    change(moto, &args);
    let event = cloudtrail_event(
        ACCOUNT,
        REGION,
        step.source,
        step.name,
        step.request,
        step.response,
    );
    let tasks = deliver(inst, worker, event).await;
    assert!(!tasks.is_empty(), "{} queued no rescan", step.name);
    let after = statuses(inst, scan_id).await;
    let finding = |s: &Statuses| {
        s.iter()
            .find(|((c, arn), _)| c == step.control && arn.ends_with(&step.arn_suffix))
            .map(|(_, status)| *status)
    };
    assert_eq!(
        (finding(&before), finding(&after)),
        (step.before, Some(step.after)),
        "{} {}: {} of *{}",
        step.source,
        step.name,
        step.control,
        step.arn_suffix
    );
    let mut keys: Vec<&(String, String)> = before.keys().chain(after.keys()).collect();
    keys.dedup();
    let strays: Vec<_> = keys
        .into_iter()
        .filter(|k| before.get(*k) != after.get(*k) && !k.1.ends_with(&step.arn_suffix))
        .collect();
    assert!(
        strays.is_empty(),
        "{}: other findings changed: {strays:?}",
        step.name
    );
}

fn text(v: &Value, field: &str) -> String {
    v[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {v}"))
        .to_string()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn events_without_a_rule_before_the_manifest_rescan_their_resources() {
    let moto = Moto::start();
    let made = change(&moto, &["setup"]);
    let (snapshot, image, subnet, file_system) = (
        text(&made, "snapshot"),
        text(&made, "image"),
        text(&made, "subnet"),
        text(&made, "file_system"),
    );
    let inst = Installation::create(&moto).await;
    onboard(&inst).await;
    let scan_id = inst.schedule_scan(ACCOUNT).await;
    let worker = inst.worker();
    inst.drain_scan_queue(&worker).await;
    let scan = inst.deps.store.scan(&scan_id).await.unwrap().unwrap();
    assert_eq!(scan.state, ScanState::Complete, "{scan:?}");

    let ok = json!({"requestId": "r-1", "_return": true});
    let steps = vec![
        Step {
            change: strings(&["snapshot-public", &snapshot]),
            source: "ec2.amazonaws.com",
            name: "ModifySnapshotAttribute",
            request: json!({"snapshotId": snapshot, "attributeType": "CREATE_VOLUME_PERMISSION",
                            "createVolumePermission": {"add": {"items": [{"group": "all"}]}}}),
            response: ok.clone(),
            control: "ec2_ebs_public_snapshot",
            arn_suffix: format!("snapshot/{snapshot}"),
            before: Some(Status::Pass),
            after: Status::Fail,
        },
        Step {
            change: strings(&["image-public", &image]),
            source: "ec2.amazonaws.com",
            name: "ModifyImageAttribute",
            request: json!({"imageId": image, "attributeType": "launchPermission",
                            "launchPermission": {"add": {"items": [{"group": "all"}]}}}),
            response: ok.clone(),
            control: "ec2_ami_public",
            arn_suffix: format!("image/{image}"),
            before: Some(Status::Pass),
            after: Status::Fail,
        },
        Step {
            change: strings(&["subnet-public-ip", &subnet]),
            source: "ec2.amazonaws.com",
            name: "ModifySubnetAttribute",
            request: json!({"subnetId": subnet, "mapPublicIpOnLaunch": {"value": true}}),
            response: ok.clone(),
            control: "vpc_subnet_no_public_ip_by_default",
            arn_suffix: format!("subnet/{subnet}"),
            before: Some(Status::Pass),
            after: Status::Fail,
        },
        Step {
            change: strings(&["db-snapshot-public", "rt-db-snap"]),
            source: "rds.amazonaws.com",
            name: "ModifyDBSnapshotAttribute",
            request: json!({"dBSnapshotIdentifier": "rt-db-snap", "attributeName": "restore",
                            "valuesToAdd": ["all"]}),
            response: json!({"dBSnapshotIdentifier": "rt-db-snap",
                             "dBSnapshotAttributes": [{"attributeName": "restore", "attributeValues": ["all"]}]}),
            control: "rds_snapshots_public_access",
            arn_suffix: ":snapshot:rt-db-snap".into(),
            before: Some(Status::Pass),
            after: Status::Fail,
        },
        Step {
            change: strings(&["db-snapshot", "rt-db", "rt-db-snap2"]),
            source: "rds.amazonaws.com",
            name: "CreateDBSnapshot",
            request: json!({"dBInstanceIdentifier": "rt-db", "dBSnapshotIdentifier": "rt-db-snap2"}),
            response: json!({"dBSnapshotIdentifier": "rt-db-snap2", "status": "creating"}),
            control: "rds_snapshots_public_access",
            arn_suffix: ":snapshot:rt-db-snap2".into(),
            before: None,
            after: Status::Pass,
        },
        Step {
            change: strings(&["lifecycle", "rt-lifecycle"]),
            source: "s3.amazonaws.com",
            name: "PutBucketLifecycle",
            request: json!({"bucketName": "rt-lifecycle", "Host": "rt-lifecycle.s3.amazonaws.com", "lifecycle": "",
                            "LifecycleConfiguration": {"Rule": {"ID": "expire", "Status": "Enabled",
                                                                "Expiration": {"Days": 30}, "Filter": {"Prefix": ""}}}}),
            response: Value::Null,
            control: "s3_bucket_lifecycle_enabled",
            arn_suffix: ":::rt-lifecycle".into(),
            before: Some(Status::Fail),
            after: Status::Pass,
        },
        Step {
            change: strings(&["object-lock", "rt-locked"]),
            source: "s3.amazonaws.com",
            name: "PutObjectLockConfiguration",
            request: json!({"bucketName": "rt-locked", "Host": "rt-locked.s3.amazonaws.com", "object-lock": "",
                            "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}}),
            response: Value::Null,
            control: "s3_bucket_object_lock",
            arn_suffix: ":::rt-locked".into(),
            before: Some(Status::Fail),
            after: Status::Pass,
        },
        Step {
            change: strings(&["retention", "rt-logs", "30"]),
            source: "logs.amazonaws.com",
            name: "PutRetentionPolicy",
            request: json!({"logGroupName": "rt-logs", "retentionInDays": 30}),
            response: Value::Null,
            control: "cloudwatch_log_group_retention_policy_specific_days_enabled",
            arn_suffix: ":log-group:rt-logs".into(),
            before: Some(Status::Pass),
            after: Status::Fail,
        },
        Step {
            change: strings(&["admin-role-policy", "rt-role", "rt-admin"]),
            source: "iam.amazonaws.com",
            name: "PutRolePolicy",
            request: json!({"roleName": "rt-role", "policyName": "rt-admin",
                            "policyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}),
            response: Value::Null,
            control: "iam_inline_policy_no_administrative_privileges",
            arn_suffix: "role/rt-role/inline-policy/rt-admin".into(),
            before: None,
            after: Status::Fail,
        },
    ];
    for step in steps {
        check(&inst, &worker, &moto, &scan_id, step).await;
    }

    // Created resources are named only in the answer, which the change returns.
    let before = statuses(&inst, &scan_id).await;
    let lt = change(&moto, &["launch-template", "rt-template"]);
    let lt = text(&lt, "launch_template");
    let tasks = deliver(&inst, &worker, cloudtrail_event(
        ACCOUNT, REGION, "ec2.amazonaws.com", "CreateLaunchTemplate",
        json!({"CreateLaunchTemplateRequest": {"LaunchTemplateName": "rt-template",
               "LaunchTemplateData": {"NetworkInterface": {"tag": 1, "DeviceIndex": 0, "AssociatePublicIpAddress": true}}}}),
        json!({"CreateLaunchTemplateResponse": {"requestId": "r-2", "launchTemplate": {
               "launchTemplateId": lt, "launchTemplateName": "rt-template", "defaultVersionNumber": 1}}}),
    ))
    .await;
    assert_eq!(tasks.len(), 1);
    let after = statuses(&inst, &scan_id).await;
    let key = (
        "ec2_launch_template_no_public_ip".to_string(),
        format!("arn:aws:ec2:{REGION}:{ACCOUNT}:launch-template/{lt}"),
    );
    assert_eq!(
        (before.get(&key), after.get(&key)),
        (None, Some(&Status::Fail)),
        "{after:?}"
    );

    let ap = change(&moto, &["access-point", &file_system]);
    let (ap_id, ap_arn) = (text(&ap, "access_point"), text(&ap, "arn"));
    deliver(
        &inst,
        &worker,
        cloudtrail_event(
            ACCOUNT,
            REGION,
            "elasticfilesystem.amazonaws.com",
            "CreateAccessPoint",
            json!({"fileSystemId": file_system, "clientToken": "rt-ap"}),
            json!({"accessPointId": ap_id, "accessPointArn": ap_arn, "fileSystemId": file_system,
               "rootDirectory": {"path": "/"}, "lifeCycleState": "creating"}),
        ),
    )
    .await;
    let after = statuses(&inst, &scan_id).await;
    assert_eq!(
        after.get(&(
            "efs_access_point_enforce_root_directory".to_string(),
            ap_arn.clone()
        )),
        Some(&Status::Fail),
        "{ap_arn}: {after:?}"
    );

    // The account's public access block changes every bucket without naming one: the
    // whole S3 collector is rescanned (a task without resource ids), settings included.
    let before = statuses(&inst, &scan_id).await;
    change(&moto, &["account-public-access-block"]);
    let tasks = deliver(&inst, &worker, cloudtrail_event(
        ACCOUNT, REGION, "s3.amazonaws.com", "PutAccountPublicAccessBlock",
        json!({"publicAccessBlock": "", "Host": format!("{ACCOUNT}.s3-control.us-east-1.amazonaws.com"),
               "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "IgnorePublicAcls": true,
                                                  "BlockPublicPolicy": true, "RestrictPublicBuckets": true}}),
        Value::Null,
    ))
    .await;
    let shapes: Vec<(&str, &str, bool)> = tasks
        .iter()
        .map(|t| {
            (
                t.collector.as_str(),
                t.region.as_str(),
                t.resource_ids.is_none(),
            )
        })
        .collect();
    assert_eq!(shapes, [("s3", "global", true)]);
    let after = statuses(&inst, &scan_id).await;
    let account_block = |s: &Statuses| {
        s.iter()
            .find(|((c, _), _)| c == "s3_account_level_public_access_blocks")
            .map(|(_, status)| *status)
    };
    assert_eq!(
        (account_block(&before), account_block(&after)),
        (Some(Status::Fail), Some(Status::Pass))
    );
}

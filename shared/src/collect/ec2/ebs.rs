//! EBS snapshots (`AWS::EC2::Snapshot`) and volumes (`AWS::EC2::Volume`): a volume
//! counts its snapshots, so the two are shaped together.

use super::{arn, flag, id, int, items, resource, text, time, SNAPSHOT, VOLUME};
use crate::aws::Api;
use crate::collect::support::Errors;
use crate::collect::Context;
use crate::model::Resource;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The account's own snapshots. Whether one is public needs one
/// DescribeSnapshotAttribute each, made only when a control reads it.
pub(super) async fn snapshots(
    ctx: &Context<'_>,
    api: &Api,
    snapshots: Option<&[Value]>,
) -> Vec<Resource> {
    let snapshots = snapshots.unwrap_or_default();
    // One EC2 call slot for the attribute reads, one after another.
    let reads = ctx.needs(SNAPSHOT, "public") || ctx.needs(SNAPSHOT, "shared_with");
    let _permit = match reads && !snapshots.is_empty() {
        true => Some(ctx.permit("ec2", ctx.region).await),
        false => None,
    };
    let mut all = Vec::new();
    for snap in snapshots {
        all.push(snapshot(ctx, api, snap).await);
    }
    all
}

async fn snapshot(ctx: &Context<'_>, api: &Api, snap: &Value) -> Resource {
    let snapshot = id(snap, "snapshotId");
    let mut errors = Errors::default();
    let reads = ctx.needs(SNAPSHOT, "public") || ctx.needs(SNAPSHOT, "shared_with");
    let (public, shared_with) = if !reads {
        (Value::Null, Value::Null)
    } else {
        match volume_permissions(api, snapshot).await {
            Ok(read) => read,
            Err(e) => {
                errors.record_api("public", &e);
                errors.record_api("shared_with", &e);
                (Value::Null, Value::Null)
            }
        }
    };
    let mut attrs = json!({
        "SnapshotId": snapshot, "VolumeId": text(snap, "volumeId"), "Encrypted": flag(snap, "encrypted"),
        "KmsKeyId": text(snap, "kmsKeyId"), "State": text(snap, "status"),
        "StartTime": time(snap, "startTime"), "public": public, "shared_with": shared_with,
    });
    ctx.keep_planned(SNAPSHOT, &mut attrs, &["public", "shared_with"]);
    let attrs = errors.attach(attrs);
    resource(
        ctx,
        arn(ctx, "snapshot", snapshot),
        SNAPSHOT,
        snap,
        snapshot,
        attrs,
    )
}

/// Whether anyone may create volumes from the snapshot (`public`), and which accounts
/// (`shared_with`).
async fn volume_permissions(
    api: &Api,
    snapshot: &str,
) -> Result<(Value, Value), crate::aws::ApiError> {
    let o = api
        .call(
            "DescribeSnapshotAttribute",
            &json!({"SnapshotId": snapshot, "Attribute": "createVolumePermission"}),
        )
        .await?;
    let perms = items(&o, "createVolumePermission");
    let public = perms.iter().any(|p| id(p, "group") == "all");
    let users: Vec<&str> = perms
        .iter()
        .filter_map(|p| p.get("userId").and_then(Value::as_str))
        .collect();
    Ok((json!(public), json!(users)))
}

/// The volumes, with their snapshot count (null when the snapshots could not be listed:
/// unknown, not zero) and whether an AWS Backup plan protects them (one listing for the
/// region, only when there are volumes).
pub(super) async fn volumes(
    ctx: &Context<'_>,
    volumes: Option<&[Value]>,
    snapshots: Option<&[Value]>,
) -> Vec<Resource> {
    let Some(volumes) = volumes else {
        return Vec::new();
    };
    let backed_up = if volumes.is_empty() {
        Ok(HashSet::default())
    } else {
        crate::collect::backup_protection::protected_arns(ctx).await
    };
    let per_volume = snapshots.map(snapshots_per_volume);
    volumes
        .iter()
        .map(|v| {
            let volume = id(v, "volumeId");
            let mut errors = Errors::default();
            let backup_protected = match &backed_up {
                Ok(arns) => json!(arns.contains(&arn(ctx, "volume", volume))),
                Err(e) => {
                    errors.record_api("backup_protected", e);
                    Value::Null
                }
            };
            let snapshot_count = per_volume
                .as_ref()
                .map(|counts| counts.get(volume).copied().unwrap_or(0));
            let attrs = json!({
                "VolumeId": volume, "Encrypted": flag(v, "encrypted"), "KmsKeyId": text(v, "kmsKeyId"),
                "State": text(v, "status"), "Size": int(v, "size"),
                "Attachments": items(v, "attachmentSet").iter().map(|a| json!({"InstanceId": text(a, "instanceId")})).collect::<Vec<_>>(),
                "snapshot_count": snapshot_count,
                "backup_protected": backup_protected,
            });
            let attrs = errors.attach(attrs);
            resource(ctx, arn(ctx, "volume", volume), VOLUME, v, volume, attrs)
        })
        .collect()
}

fn snapshots_per_volume(snapshots: &[Value]) -> HashMap<&str, u32> {
    let mut count = HashMap::new();
    for snap in snapshots {
        let volume = id(snap, "volumeId");
        if !volume.is_empty() {
            *count.entry(volume).or_default() += 1;
        }
    }
    count
}

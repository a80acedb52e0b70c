//! RDS database instances and clusters (regional).

use super::backup::{backup_plans_attribute, selections, Selection};
use super::support::Errors;
use super::{Collected, Context};
use crate::aws::failure;
use crate::aws::ApiError;
use serde_json::{json, Value};

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let rds = ctx.clients.rds(ctx.region);
    let _permit = ctx.permit("rds", ctx.region).await;
    // Which AWS Backup plans pick each instance and cluster (read once per region).
    let plans = selections(ctx).await;
    clusters(ctx, &rds, &plans, out).await;
    cluster_snapshots(ctx, &rds, out).await;
    snapshots(ctx, &rds, out).await;
    event_subscriptions(ctx, &rds, out).await;
    let instances = match rds
        .describe_db_instances()
        .max_records(100)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(i) => i,
        Err(e) => {
            return out.fail(
                "AWS::RDS::DBInstance",
                ctx.region,
                failure("DescribeDBInstances", &e),
            )
        }
    };
    for db in instances {
        let id = db.db_instance_identifier().unwrap_or_default().to_string();
        let arn = db
            .db_instance_arn()
            .map(str::to_string)
            .unwrap_or_else(|| format!("arn:aws:rds:{}:{}:db:{id}", ctx.region, ctx.account_id));
        let tags = db
            .tag_list()
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_string(),
                    t.value().unwrap_or_default().to_string(),
                ))
            })
            .collect();
        let mut errors = Errors::default();
        let backup_plans = backup_plans_attribute(&plans, &arn, &tags, &mut errors);
        let attrs = errors.attach(json!({
            "DBInstanceIdentifier": id, "DBInstanceArn": arn, "Engine": db.engine(), "EngineVersion": db.engine_version(),
            "StorageEncrypted": db.storage_encrypted(), "AutoMinorVersionUpgrade": db.auto_minor_version_upgrade(),
            "PubliclyAccessible": db.publicly_accessible(), "MultiAZ": db.multi_az(),
            "BackupRetentionPeriod": db.backup_retention_period(), "DeletionProtection": db.deletion_protection(),
            "DBClusterIdentifier": db.db_cluster_identifier(), "CopyTagsToSnapshot": db.copy_tags_to_snapshot(),
            "IAMDatabaseAuthenticationEnabled": db.iam_database_authentication_enabled(),
            "MonitoringInterval": db.monitoring_interval(),
            "EnabledCloudwatchLogsExports": db.enabled_cloudwatch_logs_exports(),
            "DBSubnetGroup": db.db_subnet_group().map(subnet_group),
            "VpcSecurityGroups": db.vpc_security_groups().iter().map(|g| json!({
                "VpcSecurityGroupId": g.vpc_security_group_id(), "Status": g.status(),
            })).collect::<Vec<_>>(),
            "Endpoint": db.endpoint().map(|e| json!({"Port": e.port()})),
            "backup_plans": backup_plans,
        }));
        out.resources
            .push(ctx.resource(arn, "AWS::RDS::DBInstance", ctx.region, id, tags, attrs));
    }
}

/// The instance's subnet group as internet reachability reads it: its VPC and the
/// subnets the instance may run, or fail over, in.
fn subnet_group(g: &aws_sdk_rds::types::DbSubnetGroup) -> Value {
    json!({
        "VpcId": g.vpc_id(),
        "Subnets": g.subnets().iter().map(|n| json!({"SubnetIdentifier": n.subnet_identifier()})).collect::<Vec<_>>(),
    })
}

/// The resource type of a DB cluster (`kind` "DBCluster") or cluster snapshot
/// ("DBClusterSnapshot"): Neptune and DocumentDB share the RDS API but are services of
/// their own, with controls of their own.
fn cluster_type(engine: Option<&str>, kind: &str) -> String {
    match engine {
        Some("neptune") => format!("AWS::Neptune::{kind}"),
        Some("docdb") => format!("AWS::DocDB::{kind}"),
        _ => format!("AWS::RDS::{kind}"),
    }
}

/// The cluster types DescribeDBClusters lists, to report them all when it fails.
const CLUSTER_TYPES: [&str; 3] = [
    "AWS::RDS::DBCluster",
    "AWS::Neptune::DBCluster",
    "AWS::DocDB::DBCluster",
];

const CLUSTER_SNAPSHOT_TYPES: [&str; 3] = [
    "AWS::RDS::DBClusterSnapshot",
    "AWS::Neptune::DBClusterSnapshot",
    "AWS::DocDB::DBClusterSnapshot",
];

/// Aurora, Multi-AZ DB, Neptune and DocumentDB clusters (one API lists them all).
async fn clusters(
    ctx: &Context<'_>,
    rds: &aws_sdk_rds::Client,
    plans: &Result<Vec<Selection>, ApiError>,
    out: &mut Collected,
) {
    let clusters = match rds
        .describe_db_clusters()
        .max_records(100)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(c) => c,
        Err(e) => {
            for t in CLUSTER_TYPES {
                out.fail(t, ctx.region, failure("DescribeDBClusters", &e));
            }
            return;
        }
    };
    for c in clusters {
        let id = c.db_cluster_identifier().unwrap_or_default().to_string();
        let arn = c.db_cluster_arn().map(str::to_string).unwrap_or_else(|| {
            format!("arn:aws:rds:{}:{}:cluster:{id}", ctx.region, ctx.account_id)
        });
        let tags = c
            .tag_list()
            .iter()
            .filter_map(|t| {
                Some((
                    t.key()?.to_string(),
                    t.value().unwrap_or_default().to_string(),
                ))
            })
            .collect();
        let mut errors = Errors::default();
        let backup_plans = backup_plans_attribute(plans, &arn, &tags, &mut errors);
        let attrs = errors.attach(json!({
            "DBClusterIdentifier": id, "DBClusterArn": arn, "Engine": c.engine(), "EngineMode": c.engine_mode(),
            "StorageEncrypted": c.storage_encrypted(), "MultiAZ": c.multi_az(),
            "IAMDatabaseAuthenticationEnabled": c.iam_database_authentication_enabled(),
            "EnabledCloudwatchLogsExports": c.enabled_cloudwatch_logs_exports(),
            "BackupRetentionPeriod": c.backup_retention_period(), "DeletionProtection": c.deletion_protection(),
            "CopyTagsToSnapshot": c.copy_tags_to_snapshot(), "PubliclyAccessible": c.publicly_accessible(),
            "backup_plans": backup_plans,
        }));
        let rtype = cluster_type(c.engine(), "DBCluster");
        out.resources
            .push(ctx.resource(arn, &rtype, ctx.region, id, tags, attrs));
    }
}

/// The account's DB cluster snapshots (of every engine). Manual ones may be shared, so
/// each costs one DescribeDBClusterSnapshotAttributes call (`restore`: who may restore
/// it; `all` = everyone).
async fn cluster_snapshots(ctx: &Context<'_>, rds: &aws_sdk_rds::Client, out: &mut Collected) {
    let snapshots = match rds
        .describe_db_cluster_snapshots()
        .max_records(100)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(s) => s,
        Err(e) => {
            for t in CLUSTER_SNAPSHOT_TYPES {
                out.fail(t, ctx.region, failure("DescribeDBClusterSnapshots", &e));
            }
            return;
        }
    };
    for snap in snapshots {
        let id = snap
            .db_cluster_snapshot_identifier()
            .unwrap_or_default()
            .to_string();
        let arn = snap
            .db_cluster_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "arn:aws:rds:{}:{}:cluster-snapshot:{id}",
                    ctx.region, ctx.account_id
                )
            });
        let mut errors = Errors::default();
        let restorable_by: Value = if snap.snapshot_type() == Some("manual") {
            match rds
                .describe_db_cluster_snapshot_attributes()
                .db_cluster_snapshot_identifier(&id)
                .send()
                .await
            {
                Ok(o) => json!(restorers(
                    o.db_cluster_snapshot_attributes_result()
                        .map(|r| r.db_cluster_snapshot_attributes())
                        .unwrap_or_default()
                        .iter()
                        .map(|a| (a.attribute_name(), a.attribute_values()))
                )),
                Err(e) => {
                    errors.record("restorable_by", "DescribeDBClusterSnapshotAttributes", &e);
                    Value::Null
                }
            }
        } else {
            json!([])
        };
        let attrs = errors.attach(json!({
            "DBClusterSnapshotIdentifier": id, "DBClusterSnapshotArn": arn,
            "DBClusterIdentifier": snap.db_cluster_identifier(), "SnapshotType": snap.snapshot_type(),
            "Engine": snap.engine(), "Status": snap.status(), "StorageEncrypted": snap.storage_encrypted(),
            "KmsKeyId": snap.kms_key_id(), "restorable_by": restorable_by,
        }));
        let rtype = cluster_type(snap.engine(), "DBClusterSnapshot");
        out.resources
            .push(ctx.resource(arn, &rtype, ctx.region, id, Default::default(), attrs));
    }
}

/// Who may restore a manual snapshot: the values of its `restore` attribute (account ids,
/// or `all` for everyone), from (attribute name, values) pairs of either snapshot kind.
fn restorers<'a>(attributes: impl Iterator<Item = (Option<&'a str>, &'a [String])>) -> Vec<String> {
    attributes
        .filter(|(name, _)| *name == Some("restore"))
        .flat_map(|(_, values)| values.iter().cloned())
        .collect()
}

/// The account's DB instance snapshots. Only manual snapshots can be shared, so only they
/// cost a DescribeDBSnapshotAttributes call (the `restore` attribute lists who may
/// restore them; `all` means everyone).
async fn snapshots(ctx: &Context<'_>, rds: &aws_sdk_rds::Client, out: &mut Collected) {
    const TYPE: &str = "AWS::RDS::DBSnapshot";
    let snapshots = match rds
        .describe_db_snapshots()
        .max_records(100)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(s) => s,
        Err(e) => return out.fail(TYPE, ctx.region, failure("DescribeDBSnapshots", &e)),
    };
    for snap in snapshots {
        let id = snap
            .db_snapshot_identifier()
            .unwrap_or_default()
            .to_string();
        let arn = snap
            .db_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "arn:aws:rds:{}:{}:snapshot:{id}",
                    ctx.region, ctx.account_id
                )
            });
        let mut errors = Errors::default();
        let restorable_by: Value = if snap.snapshot_type() == Some("manual") {
            match rds
                .describe_db_snapshot_attributes()
                .db_snapshot_identifier(&id)
                .send()
                .await
            {
                Ok(o) => json!(restorers(
                    o.db_snapshot_attributes_result()
                        .map(|r| r.db_snapshot_attributes())
                        .unwrap_or_default()
                        .iter()
                        .map(|a| (a.attribute_name(), a.attribute_values()))
                )),
                Err(e) => {
                    errors.record("restorable_by", "DescribeDBSnapshotAttributes", &e);
                    Value::Null
                }
            }
        } else {
            json!([])
        };
        let attrs = errors.attach(json!({
            "DBSnapshotIdentifier": id, "DBSnapshotArn": arn, "DBInstanceIdentifier": snap.db_instance_identifier(),
            "SnapshotType": snap.snapshot_type(), "Engine": snap.engine(), "Status": snap.status(),
            "Encrypted": snap.encrypted(), "KmsKeyId": snap.kms_key_id(),
            "restorable_by": restorable_by,
        }));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, id, Default::default(), attrs));
    }
}

/// The region's RDS event subscriptions, as one settings resource: whether someone hears
/// about database events is a property of the region, not of one instance.
async fn event_subscriptions(ctx: &Context<'_>, rds: &aws_sdk_rds::Client, out: &mut Collected) {
    const TYPE: &str = "Parapet::RDS::RegionSettings";
    let subs = match rds
        .describe_event_subscriptions()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(s) => s,
        Err(e) => return out.fail(TYPE, ctx.region, failure("DescribeEventSubscriptions", &e)),
    };
    let list: Vec<Value> = subs
        .iter()
        .map(|s| {
            json!({
                "CustSubscriptionId": s.cust_subscription_id(), "SourceType": s.source_type(),
                "SourceIdsList": s.source_ids_list(), "EventCategoriesList": s.event_categories_list(),
                "Enabled": s.enabled(), "SnsTopicArn": s.sns_topic_arn(),
            })
        })
        .collect();
    out.resources.push(ctx.region_settings(
        TYPE,
        "rds",
        "event-subscriptions",
        json!({"event_subscriptions": list}),
    ));
}

#[cfg(test)]
mod tests {
    use super::cluster_type;

    #[test]
    fn neptune_and_documentdb_clusters_get_types_of_their_own() {
        // DocumentDB is not emulated by moto, so its mapping is pinned here.
        assert_eq!(
            cluster_type(Some("docdb"), "DBCluster"),
            "AWS::DocDB::DBCluster"
        );
        assert_eq!(
            cluster_type(Some("neptune"), "DBClusterSnapshot"),
            "AWS::Neptune::DBClusterSnapshot"
        );
        assert_eq!(
            cluster_type(Some("aurora-postgresql"), "DBCluster"),
            "AWS::RDS::DBCluster"
        );
        assert_eq!(cluster_type(None, "DBCluster"), "AWS::RDS::DBCluster");
    }
}

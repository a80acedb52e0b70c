//! RDS database instances and clusters (regional).

use super::{Collected, Context};
use crate::aws::describe;
use serde_json::json;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let rds = ctx.clients.rds(ctx.region);
    let _permit = ctx.permit("rds", ctx.region).await;
    clusters(ctx, &rds, out).await;
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
                format!("DescribeDBInstances failed: {}", describe(&e)),
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
        let attrs = json!({
            "DBInstanceIdentifier": id, "DBInstanceArn": arn, "Engine": db.engine(), "EngineVersion": db.engine_version(),
            "StorageEncrypted": db.storage_encrypted(), "AutoMinorVersionUpgrade": db.auto_minor_version_upgrade(),
            "PubliclyAccessible": db.publicly_accessible(), "MultiAZ": db.multi_az(),
            "BackupRetentionPeriod": db.backup_retention_period(), "DeletionProtection": db.deletion_protection(),
            "DBClusterIdentifier": db.db_cluster_identifier(), "CopyTagsToSnapshot": db.copy_tags_to_snapshot(),
            "IAMDatabaseAuthenticationEnabled": db.iam_database_authentication_enabled(),
            "MonitoringInterval": db.monitoring_interval(),
            "EnabledCloudwatchLogsExports": db.enabled_cloudwatch_logs_exports(),
        });
        out.resources
            .push(ctx.resource(arn, "AWS::RDS::DBInstance", ctx.region, id, tags, attrs));
    }
}

/// Aurora and Multi-AZ DB clusters. DescribeDBClusters also lists Neptune and DocumentDB
/// clusters (same API); they are kept, with their `Engine`, and controls skip them.
async fn clusters(ctx: &Context<'_>, rds: &aws_sdk_rds::Client, out: &mut Collected) {
    const TYPE: &str = "AWS::RDS::DBCluster";
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
            return out.fail(
                TYPE,
                ctx.region,
                format!("DescribeDBClusters failed: {}", describe(&e)),
            )
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
        let attrs = json!({
            "DBClusterIdentifier": id, "DBClusterArn": arn, "Engine": c.engine(), "EngineMode": c.engine_mode(),
            "StorageEncrypted": c.storage_encrypted(), "MultiAZ": c.multi_az(),
            "IAMDatabaseAuthenticationEnabled": c.iam_database_authentication_enabled(),
            "EnabledCloudwatchLogsExports": c.enabled_cloudwatch_logs_exports(),
            "BackupRetentionPeriod": c.backup_retention_period(), "DeletionProtection": c.deletion_protection(),
            "CopyTagsToSnapshot": c.copy_tags_to_snapshot(), "PubliclyAccessible": c.publicly_accessible(),
        });
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, id, tags, attrs));
    }
}

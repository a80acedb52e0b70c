//! EFS file systems (regional).

use super::support::{policy_document, Errors};
use super::{Collected, Context};
use crate::aws::{failure, is_code};
use serde_json::{json, Value};

const FILE_SYSTEM: &str = "AWS::EFS::FileSystem";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let efs = ctx.clients.efs(ctx.region);
    let _permit = ctx.permit("efs", ctx.region).await;
    access_points(ctx, &efs, out).await;
    let systems = match efs
        .describe_file_systems()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(s) => s,
        Err(e) => {
            return out.fail(
                "AWS::EFS::FileSystem",
                ctx.region,
                failure("DescribeFileSystems", &e),
            )
        }
    };
    for fs in systems {
        let id = fs.file_system_id().to_string();
        let arn = fs.file_system_arn().map(str::to_string).unwrap_or_else(|| {
            format!(
                "arn:aws:elasticfilesystem:{}:{}:file-system/{id}",
                ctx.region, ctx.account_id
            )
        });
        let tags = fs
            .tags()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect();
        let name = fs.name().map(str::to_string).unwrap_or_else(|| id.clone());
        // One call per file system; PolicyNotFound is AWS's answer for "backups never on".
        let mut errors = Errors::default();
        let backup = if !ctx.needs(FILE_SYSTEM, "backup_policy") {
            Value::Null
        } else {
            match efs
                .describe_backup_policy()
                .file_system_id(&id)
                .send()
                .await
            {
                Ok(o) => json!(o.backup_policy().map(|b| b.status().as_str())),
                Err(e) if is_code(&e, "PolicyNotFound") => json!("DISABLED"),
                Err(e) => {
                    errors.record("backup_policy", "DescribeBackupPolicy", &e);
                    Value::Null
                }
            }
        };
        // PolicyNotFound: no file system policy, so EFS's default (every client) applies.
        let policy = if !ctx.needs(FILE_SYSTEM, "policy") {
            Value::Null
        } else {
            match efs
                .describe_file_system_policy()
                .file_system_id(&id)
                .send()
                .await
            {
                Ok(o) => o.policy().map(policy_document).unwrap_or(Value::Null),
                Err(e) if is_code(&e, "PolicyNotFound") => Value::Null,
                Err(e) => {
                    errors.record("policy", "DescribeFileSystemPolicy", &e);
                    Value::Null
                }
            }
        };
        let mut attrs = json!({
            "FileSystemId": id, "FileSystemArn": arn, "Encrypted": fs.encrypted(), "KmsKeyId": fs.kms_key_id(),
            "backup_policy": backup, "policy": policy,
        });
        ctx.keep_planned(FILE_SYSTEM, &mut attrs, &["backup_policy", "policy"]);
        let attrs = errors.attach(attrs);
        out.resources.push(ctx.resource(
            arn,
            "AWS::EFS::FileSystem",
            ctx.region,
            name,
            tags,
            attrs,
        ));
    }
}

/// Every access point of the region (DescribeAccessPoints without a file system id).
async fn access_points(ctx: &Context<'_>, efs: &aws_sdk_efs::Client, out: &mut Collected) {
    const TYPE: &str = "AWS::EFS::AccessPoint";
    let points = match efs
        .describe_access_points()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(p) => p,
        Err(e) => return out.fail(TYPE, ctx.region, failure("DescribeAccessPoints", &e)),
    };
    for p in points {
        let id = p.access_point_id().unwrap_or_default().to_string();
        let arn = p.access_point_arn().map(str::to_string).unwrap_or_else(|| {
            format!(
                "arn:aws:elasticfilesystem:{}:{}:access-point/{id}",
                ctx.region, ctx.account_id
            )
        });
        let tags = p
            .tags()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect();
        let attrs = json!({
            "AccessPointId": id, "FileSystemId": p.file_system_id(),
            "PosixUser": p.posix_user().map(|u| json!({"Uid": u.uid(), "Gid": u.gid()})),
            "RootDirectory": p.root_directory().map(|r| json!({"Path": r.path()})),
        });
        let name = p.name().map(str::to_string).unwrap_or_else(|| id.clone());
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, tags, attrs));
    }
}

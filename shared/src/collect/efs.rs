//! EFS file systems (regional).

use super::{Collected, Context};
use crate::aws::describe;
use serde_json::json;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let efs = ctx.clients.efs(ctx.region);
    let _permit = ctx.permit("efs", ctx.region).await;
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
                format!("DescribeFileSystems failed: {}", describe(&e)),
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
        let attrs = json!({"FileSystemId": id, "FileSystemArn": arn, "Encrypted": fs.encrypted(), "KmsKeyId": fs.kms_key_id()});
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

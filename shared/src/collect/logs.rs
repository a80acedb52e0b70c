//! CloudWatch Logs log groups (regional): encryption and retention.

use super::support::Errors;
use super::{Collected, Context};
use crate::aws::failure;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "AWS::Logs::LogGroup";
    let logs = ctx.clients.logs(ctx.region);
    let _permit = ctx.permit("logs", ctx.region).await;
    let groups = match logs
        .describe_log_groups()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(g) => g,
        Err(e) => return out.fail(TYPE, ctx.region, failure("DescribeLogGroups", &e)),
    };
    // Resource policies are per account and region (at most ten); each log group carries
    // them all and the control matches their Resource patterns against the group.
    let policies: Result<Vec<Value>, String> = logs
        .describe_resource_policies()
        .send()
        .await
        .map(|o| {
            o.resource_policies()
                .iter()
                .map(|p| {
                    let doc = p
                        .policy_document()
                        .map(|d| {
                            serde_json::from_str(d).unwrap_or_else(|_| Value::String(d.to_string()))
                        })
                        .unwrap_or(Value::Null);
                    json!({"PolicyName": p.policy_name(), "PolicyDocument": doc})
                })
                .collect()
        })
        .map_err(|e| failure("DescribeResourcePolicies", &e));
    for g in groups {
        let name = g.log_group_name().unwrap_or_default().to_string();
        // `arn` ends in `:*`; `logGroupArn` is the plain form (absent in older answers).
        let arn = g
            .log_group_arn()
            .map(str::to_string)
            .or_else(|| g.arn().map(|a| a.trim_end_matches(":*").to_string()))
            .unwrap_or_else(|| {
                format!(
                    "arn:aws:logs:{}:{}:log-group:{name}",
                    ctx.region, ctx.account_id
                )
            });
        let mut errors = Errors::default();
        let resource_policies = match &policies {
            Ok(p) => json!(p),
            Err(reason) => {
                errors.note("resource_policies", reason.clone());
                Value::Null
            }
        };
        let attrs = errors.attach(json!({
            "logGroupName": name, "arn": arn,
            "kmsKeyId": g.kms_key_id(), "retentionInDays": g.retention_in_days(),
            "resource_policies": resource_policies,
        }));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

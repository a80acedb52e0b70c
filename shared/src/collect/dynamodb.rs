//! DynamoDB tables and DAX clusters (regional), read through `aws::api` (JSON protocol).
//! The workspace's aws-sdk-dynamodb serves the store; answers here are kept as the API's
//! JSON, which is what controls read.

use super::backup::{backup_plans_attribute, selections};
use super::support::{policy_document, tag_map, Errors};
use super::{Collected, Context};
use crate::aws::{api::Protocol, describe, Api, Service};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

pub const DYNAMODB: Service = Service {
    signing_name: "dynamodb",
    endpoint_prefix: "dynamodb",
    protocol: Protocol::Json {
        version: "1.0",
        target_prefix: "DynamoDB_20120810",
    },
    global: None,
};

pub const DAX: Service = Service {
    signing_name: "dax",
    endpoint_prefix: "dax",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AmazonDAXV3",
    },
    global: None,
};

const TABLE: &str = "AWS::DynamoDB::Table";
const DAX_CLUSTER: &str = "AWS::DAX::Cluster";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    dax_clusters(ctx, out).await;
    let api = ctx.clients.api(&DYNAMODB, ctx.region);
    let _permit = ctx.permit(DYNAMODB.signing_name, ctx.region).await;
    let names = match api
        .list(
            "ListTables",
            json!({"Limit": 100}),
            "ExclusiveStartTableName",
            "LastEvaluatedTableName",
            "TableNames",
        )
        .await
    {
        Ok(n) => n,
        Err(e) => return out.fail(TABLE, ctx.region, e.to_string()),
    };
    if names.is_empty() {
        return;
    }
    let plans = selections(ctx).await;
    // KMS key managers, looked up once per key.
    let mut key_managers: HashMap<String, Result<String, String>> = HashMap::new();
    for name in names.iter().filter_map(Value::as_str) {
        let mut errors = Errors::default();
        let mut table = match api.call("DescribeTable", &json!({"TableName": name})).await {
            Ok(mut v) => v["Table"].take(),
            // Deleted between the listing and now: nothing to judge.
            Err(e) if e.code == "ResourceNotFoundException" => continue,
            Err(e) => {
                // The attributes controls read from the description stay unknown.
                for attribute in ["SSEDescription", "LatestStreamArn"] {
                    errors.record_api(attribute, &e);
                }
                json!({"TableName": name})
            }
        };
        let arn = table["TableArn"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "arn:aws:dynamodb:{}:{}:table/{name}",
                    ctx.region, ctx.account_id
                )
            });
        let pitr = if !ctx.needs(TABLE, "point_in_time_recovery") {
            Value::Null
        } else {
            match api
                .call("DescribeContinuousBackups", &json!({"TableName": name}))
                .await
            {
                Ok(v) => v["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
                    ["PointInTimeRecoveryStatus"]
                    .clone(),
                Err(e) => {
                    errors.record_api("point_in_time_recovery", &e);
                    Value::Null
                }
            }
        };
        let key_arn = table["SSEDescription"]["KMSMasterKeyArn"].as_str();
        let key_manager = match key_arn.filter(|_| ctx.needs(TABLE, "sse_key_manager")) {
            None => Value::Null,
            Some(key) => {
                if !key_managers.contains_key(key) {
                    let found = key_manager(ctx, key).await;
                    key_managers.insert(key.to_string(), found);
                }
                match &key_managers[key] {
                    Ok(m) => json!(m),
                    Err(e) => {
                        errors.note("sse_key_manager", e.clone());
                        Value::Null
                    }
                }
            }
        };
        let tags: BTreeMap<String, String> = match api
            .list(
                "ListTagsOfResource",
                json!({"ResourceArn": arn}),
                "NextToken",
                "NextToken",
                "Tags",
            )
            .await
        {
            Ok(t) => tag_map(&Value::Array(t)),
            Err(e) => {
                errors.record_api("tags", &e);
                BTreeMap::new()
            }
        };
        let backup_plans = backup_plans_attribute(&plans, &arn, &tags, &mut errors);
        let policy = planned_policy(ctx, &api, "policy", Some(&arn), &mut errors).await;
        let stream_arn = table["LatestStreamArn"].as_str().map(str::to_string);
        let stream_policy = planned_policy(
            ctx,
            &api,
            "stream_policy",
            stream_arn.as_deref(),
            &mut errors,
        )
        .await;
        if let Some(obj) = table.as_object_mut() {
            obj.insert("point_in_time_recovery".into(), pitr);
            obj.insert("sse_key_manager".into(), key_manager);
            obj.insert("backup_plans".into(), backup_plans);
            obj.insert("policy".into(), policy);
            obj.insert("stream_policy".into(), stream_policy);
        }
        // Read by calls of their own, made only when a selected control reads them.
        ctx.keep_planned(
            TABLE,
            &mut table,
            &[
                "point_in_time_recovery",
                "sse_key_manager",
                "policy",
                "stream_policy",
            ],
        );
        out.resources.push(ctx.resource(
            arn,
            TABLE,
            ctx.region,
            name.to_string(),
            tags,
            errors.attach(table),
        ));
    }
}

/// The resource policy of the table or its stream (`arn`; none for a table without a
/// stream), read when a selected control reads `attribute`: the decoded document, null
/// when the resource has none, and on failure null with the reason recorded.
async fn planned_policy(
    ctx: &Context<'_>,
    api: &Api,
    attribute: &str,
    arn: Option<&str>,
    errors: &mut Errors,
) -> Value {
    let Some(arn) = arn.filter(|_| ctx.needs(TABLE, attribute)) else {
        return Value::Null;
    };
    match api
        .call("GetResourcePolicy", &json!({"ResourceArn": arn}))
        .await
    {
        Ok(answer) => match answer["Policy"].as_str() {
            Some(text) => policy_document(text),
            None => {
                errors.note(
                    attribute,
                    format!("GetResourcePolicy {arn}: the answer has no Policy"),
                );
                Value::Null
            }
        },
        // DynamoDB's answer for a table or stream without a resource policy.
        Err(e) if e.code == "PolicyNotFoundException" => Value::Null,
        Err(e) => {
            errors.record_api(attribute, &e);
            Value::Null
        }
    }
}

/// KMS DescribeKey's KeyManager (`AWS` for aws/dynamodb, `CUSTOMER` otherwise).
async fn key_manager(ctx: &Context<'_>, key: &str) -> Result<String, String> {
    let kms = ctx.clients.kms(ctx.region);
    let _permit = ctx.permit("kms", ctx.region).await;
    match kms.describe_key().key_id(key).send().await {
        Ok(o) => o
            .key_metadata()
            .and_then(|m| m.key_manager())
            .map(|m| m.as_str().to_string())
            .ok_or_else(|| format!("DescribeKey {key}: the answer has no KeyManager")),
        Err(e) => Err(format!("DescribeKey {key}: {}", describe(&e))),
    }
}

async fn dax_clusters(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&DAX, ctx.region);
    let _permit = ctx.permit(DAX.signing_name, ctx.region).await;
    match api
        .list(
            "DescribeClusters",
            json!({"MaxResults": 100}),
            "NextToken",
            "NextToken",
            "Clusters",
        )
        .await
    {
        Ok(clusters) => {
            for c in clusters {
                let name = c["ClusterName"].as_str().unwrap_or_default().to_string();
                let arn = c["ClusterArn"].as_str().unwrap_or_default().to_string();
                out.resources.push(ctx.resource(
                    arn,
                    DAX_CLUSTER,
                    ctx.region,
                    name,
                    BTreeMap::new(),
                    c,
                ));
            }
        }
        // DAX exists in fewer regions than DynamoDB; an unreachable endpoint is a
        // failure to list like any other, reported as ERROR for its controls.
        Err(e) => out.fail(DAX_CLUSTER, ctx.region, e.to_string()),
    }
}

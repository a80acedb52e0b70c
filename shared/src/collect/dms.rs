//! Database Migration Service replication instances, endpoints and tasks (regional),
//! read through `aws::api` (JSON protocol).

use super::support::tag_map;
use super::{Collected, Context};
use crate::aws::{api::Protocol, Api, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const DMS: Service = Service {
    signing_name: "dms",
    endpoint_prefix: "dms",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AmazonDMSv20160101",
    },
    global: None,
};

const INSTANCE: &str = "AWS::DMS::ReplicationInstance";
const ENDPOINT: &str = "AWS::DMS::Endpoint";
const TASK: &str = "AWS::DMS::ReplicationTask";

/// (resource type, list operation, list key, id field, ARN field)
const KINDS: [(&str, &str, &str, &str, &str); 3] = [
    (
        INSTANCE,
        "DescribeReplicationInstances",
        "ReplicationInstances",
        "ReplicationInstanceIdentifier",
        "ReplicationInstanceArn",
    ),
    (
        ENDPOINT,
        "DescribeEndpoints",
        "Endpoints",
        "EndpointIdentifier",
        "EndpointArn",
    ),
    (
        TASK,
        "DescribeReplicationTasks",
        "ReplicationTasks",
        "ReplicationTaskIdentifier",
        "ReplicationTaskArn",
    ),
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&DMS, ctx.region);
    let _permit = ctx.permit(DMS.signing_name, ctx.region).await;
    for (rtype, operation, key, id_field, arn_field) in KINDS {
        let items = match list(&api, operation, key).await {
            Ok(i) => i,
            Err(e) => {
                out.fail(rtype, ctx.region, e.to_string());
                continue;
            }
        };
        for item in items {
            let id = item[id_field].as_str().unwrap_or_default().to_string();
            let arn = item[arn_field].as_str().unwrap_or_default().to_string();
            let attrs = if rtype == TASK {
                with_decoded_settings(item)
            } else {
                item
            };
            let tags: BTreeMap<String, String> = tag_map(&attrs["Tags"]);
            out.resources
                .push(ctx.resource(arn, rtype, ctx.region, id, tags, attrs));
        }
    }
}

async fn list(api: &Api, operation: &str, key: &str) -> Result<Vec<Value>, crate::aws::ApiError> {
    let input = if operation == "DescribeReplicationTasks" {
        json!({"MaxRecords": 100, "WithoutSettings": false})
    } else {
        json!({"MaxRecords": 100})
    };
    api.list(operation, input, "Marker", "Marker", key).await
}

/// A task's `ReplicationTaskSettings` is a JSON document in a string; controls read it
/// decoded, as `settings` (null when the answer has none or it does not parse).
fn with_decoded_settings(mut task: Value) -> Value {
    let settings = task["ReplicationTaskSettings"]
        .as_str()
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .unwrap_or(Value::Null);
    if let Some(obj) = task.as_object_mut() {
        obj.insert("settings".into(), settings);
    }
    task
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_settings_are_decoded() {
        let task = json!({
            "ReplicationTaskIdentifier": "orders",
            "ReplicationTaskSettings": "{\"Logging\":{\"EnableLogging\":true,\"LogComponents\":[{\"Id\":\"SOURCE_CAPTURE\",\"Severity\":\"LOGGER_SEVERITY_DEFAULT\"}]}}"
        });
        let t = with_decoded_settings(task);
        assert_eq!(t["settings"]["Logging"]["EnableLogging"], true);
        assert_eq!(
            t["settings"]["Logging"]["LogComponents"][0]["Id"],
            "SOURCE_CAPTURE"
        );
        assert_eq!(
            with_decoded_settings(json!({"ReplicationTaskSettings": "not json"}))["settings"],
            Value::Null
        );
    }
}

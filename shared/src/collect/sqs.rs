//! SQS queues (regional), read through `aws::api` (JSON protocol): one GetQueueAttributes
//! a queue gives its ARN, encryption and access policy. Messages are never read.

use super::api_support::{json_service, listed};
use super::support::{policy_document, Errors};
use super::{Collected, Context};
use crate::aws::Service;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const SQS: Service = json_service("sqs", "sqs", "1.0", "AmazonSQS");

const QUEUE: &str = "AWS::SQS::Queue";

/// The attributes read: configuration only (no message counts).
const ATTRIBUTES: &[&str] = &[
    "QueueArn",
    "Policy",
    "KmsMasterKeyId",
    "SqsManagedSseEnabled",
];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SQS, ctx.region);
    let _permit = ctx.permit(SQS.signing_name, ctx.region).await;
    let Some(urls) = listed(
        api.list(
            "ListQueues",
            json!({ "MaxResults": 1000 }),
            "NextToken",
            "NextToken",
            "QueueUrls",
        )
        .await,
        out,
        QUEUE,
        ctx.region,
        "ListQueues",
    ) else {
        return;
    };
    let queues: Vec<(String, String)> = urls
        .iter()
        .filter_map(Value::as_str)
        .map(|url| (queue_name(url).to_string(), url.to_string()))
        .filter(|(name, _)| ctx.wants(name, &queue_arn(ctx, name)))
        .collect();
    ctx
        .read_in_order(
            queues,
            |(name, _)| name.clone(),
            1,
            |(name, url)| read_queue(ctx, &api, name, url),
            out,
        )
        .await;
}

/// The queue's name: the last segment of its URL.
fn queue_name(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or(url)
}

fn queue_arn(ctx: &Context<'_>, name: &str) -> String {
    format!("arn:aws:sqs:{}:{}:{name}", ctx.region, ctx.account_id)
}

async fn read_queue(
    ctx: &Context<'_>,
    api: &crate::aws::Api,
    name: String,
    url: String,
) -> crate::model::Resource {
    let mut errors = Errors::default();
    let read = ["policy", "KmsMasterKeyId", "SqsManagedSseEnabled"];
    if !read.iter().any(|attribute| ctx.needs(QUEUE, attribute)) {
        let arn = queue_arn(ctx, &name);
        let attrs = json!({ "QueueUrl": url });
        return ctx.resource(arn, QUEUE, ctx.region, name, BTreeMap::new(), attrs);
    }
    let answer = api
        .call(
            "GetQueueAttributes",
            &json!({ "QueueUrl": url, "AttributeNames": ATTRIBUTES }),
        )
        .await;
    let attributes = match answer {
        // QueueArn is always answered: an answer without the map is damaged, not empty.
        Ok(a) => a.get("Attributes").cloned().unwrap_or_else(|| {
            for attribute in read {
                errors.note(
                    attribute,
                    "GetQueueAttributes: no Attributes in the answer".into(),
                );
            }
            json!({})
        }),
        Err(e) => {
            for attribute in read {
                errors.record_api(attribute, &e);
            }
            json!({})
        }
    };
    let arn = attributes
        .get("QueueArn")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| queue_arn(ctx, &name));
    let attrs = errors.attach(queue_attributes(&url, &attributes));
    ctx.resource(arn, QUEUE, ctx.region, name, BTreeMap::new(), attrs)
}

/// The resource's attributes from GetQueueAttributes' map (every value a string): the
/// policy decoded (null when the queue has none), the SSE flag as a boolean.
fn queue_attributes(url: &str, attributes: &Value) -> Value {
    let text = |key: &str| attributes.get(key).and_then(Value::as_str);
    let mut out = Map::new();
    out.insert("QueueUrl".into(), json!(url));
    out.insert("KmsMasterKeyId".into(), json!(text("KmsMasterKeyId")));
    out.insert(
        "SqsManagedSseEnabled".into(),
        json!(text("SqsManagedSseEnabled").map(|v| v == "true")),
    );
    out.insert(
        "policy".into(),
        text("Policy").map_or(Value::Null, policy_document),
    );
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_attributes_decode_the_policy_and_flags() {
        // A GetQueueAttributes map as the API reference shows it: every value a string.
        let attrs = queue_attributes(
            "https://sqs.us-east-1.amazonaws.com/111122223333/orders",
            &json!({
                "QueueArn": "arn:aws:sqs:us-east-1:111122223333:orders",
                "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\"}]}",
                "SqsManagedSseEnabled": "true"
            }),
        );
        assert_eq!(attrs["policy"]["Statement"][0]["Principal"], "*");
        assert_eq!(attrs["SqsManagedSseEnabled"], true);
        assert_eq!(attrs["KmsMasterKeyId"], Value::Null);
        let none = queue_attributes("u", &json!({}));
        assert_eq!(none["policy"], Value::Null);
        assert_eq!(none["SqsManagedSseEnabled"], Value::Null);
        assert_eq!(
            queue_name("https://sqs.us-east-1.amazonaws.com/111122223333/orders.fifo"),
            "orders.fifo"
        );
    }
}

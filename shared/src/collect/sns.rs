//! SNS topics (regional): encryption and access policy.

use super::support::{policy_document, Errors};
use super::{Collected, Context};
use crate::aws::failure;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "AWS::SNS::Topic";
    let sns = ctx.clients.sns(ctx.region);
    let _permit = ctx.permit("sns", ctx.region).await;
    let topics = match sns
        .list_topics()
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(t) => t,
        Err(e) => return out.fail(TYPE, ctx.region, failure("ListTopics", &e)),
    };
    for t in topics {
        let arn = t.topic_arn().unwrap_or_default().to_string();
        let name = arn.rsplit(':').next().unwrap_or(&arn).to_string();
        // One GetTopicAttributes per topic; its map holds the key and the policy.
        let mut errors = Errors::default();
        let (kms, policy) = match sns.get_topic_attributes().topic_arn(&arn).send().await {
            Ok(o) => {
                let a = o.attributes();
                let kms = a.and_then(|m| m.get("KmsMasterKeyId")).cloned();
                let policy = a
                    .and_then(|m| m.get("Policy"))
                    .map(|p| policy_document(p))
                    .unwrap_or(Value::Null);
                (json!(kms), policy)
            }
            Err(e) => {
                errors.record("KmsMasterKeyId", "GetTopicAttributes", &e);
                errors.record("Policy", "GetTopicAttributes", &e);
                (Value::Null, Value::Null)
            }
        };
        let attrs =
            errors.attach(json!({"TopicArn": arn, "KmsMasterKeyId": kms, "Policy": policy}));
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

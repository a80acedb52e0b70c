//! Kinesis data streams (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{Api, Service};
use serde_json::{json, Value};

const KINESIS: Service = json_service("kinesis", "kinesis", "1.1", "Kinesis_20131202");

const STREAM: &str = "AWS::Kinesis::Stream";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&KINESIS, ctx.region);
    let _permit = ctx.permit("kinesis", ctx.region).await;
    let Some(names) = listed(
        api.list(
            "ListStreams",
            json!({}),
            "NextToken",
            "NextToken",
            "StreamNames",
        )
        .await,
        out,
        STREAM,
        ctx.region,
        "ListStreams",
    ) else {
        return;
    };
    for name in names.iter().filter_map(|n| n.as_str()) {
        let mut errors = Errors::default();
        let (arn, mut attrs) = match api
            .call("DescribeStreamSummary", &json!({ "StreamName": name }))
            .await
        {
            Ok(d) => {
                let s = d["StreamDescriptionSummary"].clone();
                (text(&s, "StreamARN").to_string(), s)
            }
            Err(e) => {
                for attribute in ["RetentionPeriodHours", "EncryptionType"] {
                    errors.record_api(attribute, &e);
                }
                let arn = format!(
                    "arn:aws:kinesis:{}:{}:stream/{name}",
                    ctx.region, ctx.account_id
                );
                (arn, json!({ "StreamName": name }))
            }
        };
        if ctx.needs(STREAM, "policy") {
            let policy = stream_policy(&api, &arn, &mut errors).await;
            if let Some(map) = attrs.as_object_mut() {
                map.insert("policy".into(), policy);
            }
        }
        out.resources.push(ctx.resource(
            arn,
            STREAM,
            ctx.region,
            name.to_string(),
            Default::default(),
            errors.attach(attrs),
        ));
    }
}

/// GetResourcePolicy of the stream: the decoded document, null when the stream has none
/// (Kinesis answers `{}` then), or null with the failure recorded.
async fn stream_policy(api: &Api, arn: &str, errors: &mut Errors) -> Value {
    match api
        .call("GetResourcePolicy", &json!({ "ResourceARN": arn }))
        .await
    {
        Ok(answer) => match answer["Policy"].as_str().map(policy_document) {
            Some(doc) if doc.as_object().is_some_and(|o| o.is_empty()) => Value::Null,
            Some(doc) => doc,
            None => {
                errors.note(
                    "policy",
                    format!("GetResourcePolicy {arn}: the answer has no Policy"),
                );
                Value::Null
            }
        },
        Err(e) => {
            errors.record_api("policy", &e);
            Value::Null
        }
    }
}

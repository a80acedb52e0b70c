//! Kinesis data streams (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text};
use super::support::epoch_fields;
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

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
        let (arn, attrs) = match api
            .call("DescribeStreamSummary", &json!({ "StreamName": name }))
            .await
        {
            Ok(d) => {
                let mut s = d["StreamDescriptionSummary"].clone();
                epoch_fields(&mut s, &["StreamCreationTimestamp"]);
                (text(&s, "StreamARN").to_string(), s)
            }
            Err(e) => {
                let mut errors = Errors::default();
                for attribute in ["RetentionPeriodHours", "EncryptionType"] {
                    errors.record_api(attribute, &e);
                }
                let arn = format!(
                    "arn:aws:kinesis:{}:{}:stream/{name}",
                    ctx.region, ctx.account_id
                );
                (arn, errors.attach(json!({ "StreamName": name })))
            }
        };
        out.resources.push(ctx.resource(
            arn,
            STREAM,
            ctx.region,
            name.to_string(),
            Default::default(),
            attrs,
        ));
    }
}

//! Kinesis data streams (regional), read through `aws::api`.

use super::api_support::text;
use super::{Collected, Context, Errors};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const KINESIS: Service = Service {
    signing_name: "kinesis",
    endpoint_prefix: "kinesis",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "Kinesis_20131202",
    },
    global: None,
    xml_lists: &[],
};

const STREAM: &str = "AWS::Kinesis::Stream";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&KINESIS, ctx.region);
    let _permit = ctx.permit("kinesis", ctx.region).await;
    let names = match api
        .list(
            "ListStreams",
            json!({}),
            "NextToken",
            "NextToken",
            "StreamNames",
        )
        .await
    {
        Ok(n) => n,
        Err(e) => return out.fail(STREAM, ctx.region, format!("ListStreams failed: {e}")),
    };
    for name in names.iter().filter_map(|n| n.as_str()) {
        let (arn, attrs) = match api
            .call("DescribeStreamSummary", &json!({ "StreamName": name }))
            .await
        {
            Ok(d) => {
                let s = d["StreamDescriptionSummary"].clone();
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

//! Amazon MQ brokers (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, tags_of, text};
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Service};

const MQ: Service = rest_json_service("mq", "mq");

const BROKER: &str = "AWS::AmazonMQ::Broker";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&MQ, ctx.region);
    let _permit = ctx.permit("mq", ctx.region).await;
    let Some(brokers) = listed(
        api.rest_list(
            "ListBrokers",
            "/v1/brokers",
            &[],
            "nextToken",
            "nextToken",
            "brokerSummaries",
        )
        .await,
        out,
        BROKER,
        ctx.region,
        "ListBrokers",
    ) else {
        return;
    };
    for summary in brokers {
        let id = text(&summary, "brokerId").to_string();
        let arn = text(&summary, "brokerArn").to_string();
        let name = text(&summary, "brokerName").to_string();
        let path = format!("/v1/brokers/{}", seg(&id));
        let (tags, attrs) = match api
            .rest("DescribeBroker", Method::GET, &path, &[], None)
            .await
        {
            Ok(d) => (tags_of(&d["tags"]), d),
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("logs", &e);
                (Default::default(), errors.attach(summary))
            }
        };
        out.resources
            .push(ctx.resource(arn, BROKER, ctx.region, name, tags, attrs));
    }
}

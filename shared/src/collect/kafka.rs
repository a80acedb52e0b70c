//! MSK clusters and MSK Connect connectors (regional), read through `aws::api`.

use super::api_support::{rest_json_service, tags_of, text};
use super::{Collected, Context};
use crate::aws::Service;

const KAFKA: Service = rest_json_service("kafka", "kafka");

const KAFKA_CONNECT: Service = rest_json_service("kafkaconnect", "kafkaconnect");

const CLUSTER: &str = "AWS::MSK::Cluster";
const CONNECTOR: &str = "AWS::KafkaConnect::Connector";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&KAFKA, ctx.region);
    let _permit = ctx.permit("kafka", ctx.region).await;
    match api
        .rest_list(
            "ListClustersV2",
            "/api/v2/clusters",
            &[],
            "nextToken",
            "nextToken",
            "clusterInfoList",
        )
        .await
    {
        Ok(clusters) => {
            for c in clusters {
                let arn = text(&c, "clusterArn").to_string();
                let name = text(&c, "clusterName").to_string();
                let tags = tags_of(&c["tags"]);
                out.resources
                    .push(ctx.resource(arn, CLUSTER, ctx.region, name, tags, c));
            }
        }
        Err(e) => out.fail(CLUSTER, ctx.region, e.to_string()),
    }
    let connect = ctx.clients.api(&KAFKA_CONNECT, ctx.region);
    match connect
        .rest_list(
            "ListConnectors",
            "/v1/connectors",
            &[],
            "nextToken",
            "nextToken",
            "connectors",
        )
        .await
    {
        Ok(connectors) => {
            for c in connectors {
                let arn = text(&c, "connectorArn").to_string();
                let name = text(&c, "connectorName").to_string();
                out.resources.push(ctx.resource(
                    arn,
                    CONNECTOR,
                    ctx.region,
                    name,
                    Default::default(),
                    c,
                ));
            }
        }
        Err(e) => out.fail(CONNECTOR, ctx.region, e.to_string()),
    }
}

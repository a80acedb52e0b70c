//! EMR clusters and the region's block public access setting, read through `aws::api`.

use super::api_support::{json_service, listed, tags_of, text};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

const EMR: Service = json_service(
    "elasticmapreduce",
    "elasticmapreduce",
    "1.1",
    "ElasticMapReduce",
);

const CLUSTER: &str = "AWS::EMR::Cluster";
const SETTINGS: &str = "Parapet::EMR::RegionSettings";

/// Clusters that exist and can still be reached; terminated ones hold nothing to fix.
const ACTIVE: &[&str] = &["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"];

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EMR, ctx.region);
    let _permit = ctx.permit("elasticmapreduce", ctx.region).await;
    match api
        .call("GetBlockPublicAccessConfiguration", &json!({}))
        .await
    {
        Ok(a) => out.resources.push(ctx.region_settings(
            SETTINGS,
            "elasticmapreduce",
            "block-public-access",
            json!({ "block_public_access": a["BlockPublicAccessConfiguration"] }),
        )),
        Err(e) => out.fail(SETTINGS, ctx.region, e.to_string()),
    }
    let Some(clusters) = listed(
        api.list(
            "ListClusters",
            json!({ "ClusterStates": ACTIVE }),
            "Marker",
            "Marker",
            "Clusters",
        )
        .await,
        out,
        CLUSTER,
        ctx.region,
        "ListClusters",
    ) else {
        return;
    };
    for summary in clusters {
        let id = text(&summary, "Id").to_string();
        let name = text(&summary, "Name").to_string();
        let (arn, tags, attrs) = match api
            .call("DescribeCluster", &json!({ "ClusterId": id }))
            .await
        {
            Ok(d) => {
                let c = d["Cluster"].clone();
                (text(&c, "ClusterArn").to_string(), tags_of(&c["Tags"]), c)
            }
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("MasterPublicDnsName", &e);
                let arn = text(&summary, "ClusterArn").to_string();
                (arn, Default::default(), errors.attach(summary))
            }
        };
        out.resources
            .push(ctx.resource(arn, CLUSTER, ctx.region, name, tags, attrs));
    }
}

//! EKS clusters (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, tags_of, text};
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Service};
use serde_json::json;

const EKS: Service = rest_json_service("eks", "eks");

const CLUSTER: &str = "AWS::EKS::Cluster";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EKS, ctx.region);
    let _permit = ctx.permit("eks", ctx.region).await;
    let Some(names) = listed(
        api.rest_list(
            "ListClusters",
            "/clusters",
            &[],
            "nextToken",
            "nextToken",
            "clusters",
        )
        .await,
        out,
        CLUSTER,
        ctx.region,
        "ListClusters",
    ) else {
        return;
    };
    for name in names.iter().filter_map(|n| n.as_str()) {
        let path = format!("/clusters/{}", seg(name));
        let (arn, tags, attrs) = match api
            .rest("DescribeCluster", Method::GET, &path, &[], None)
            .await
        {
            Ok(answer) => {
                let c = answer["cluster"].clone();
                (text(&c, "arn").to_string(), tags_of(&c["tags"]), c)
            }
            Err(e) => {
                // Listed but not described: its controls report ERROR.
                let mut errors = Errors::default();
                for attribute in [
                    "resourcesVpcConfig",
                    "logging",
                    "version",
                    "encryptionConfig",
                ] {
                    errors.record_api(attribute, &e);
                }
                let arn = format!(
                    "arn:aws:eks:{}:{}:cluster/{name}",
                    ctx.region, ctx.account_id
                );
                (
                    arn,
                    Default::default(),
                    errors.attach(json!({ "name": name })),
                )
            }
        };
        out.resources
            .push(ctx.resource(arn, CLUSTER, ctx.region, name.to_string(), tags, attrs));
    }
}

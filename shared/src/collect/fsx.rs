//! FSx file systems (regional), read through `aws::api` (JSON protocol).

use super::support::tag_map;
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

pub const FSX: Service = Service {
    signing_name: "fsx",
    endpoint_prefix: "fsx",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSSimbaAPIService_v20180301",
    },
    global: None,
};

const TYPE: &str = "AWS::FSx::FileSystem";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&FSX, ctx.region);
    let _permit = ctx.permit(FSX.signing_name, ctx.region).await;
    let systems = match api
        .list(
            "DescribeFileSystems",
            json!({"MaxResults": 100}),
            "NextToken",
            "NextToken",
            "FileSystems",
        )
        .await
    {
        Ok(s) => s,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for fs in systems {
        let id = fs["FileSystemId"].as_str().unwrap_or_default().to_string();
        let arn = fs["ResourceARN"].as_str().unwrap_or_default().to_string();
        let tags = tag_map(&fs["Tags"]);
        // File systems are known by their Name tag in the console; the id otherwise.
        let name = tags.get("Name").cloned().unwrap_or(id);
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, tags, fs));
    }
}

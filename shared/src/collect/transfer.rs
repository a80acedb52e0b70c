//! Transfer Family servers (regional), read through `aws::api`.

use super::api_support::{json_service, listed, tags_of, text};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

const TRANSFER: Service = json_service("transfer", "transfer", "1.1", "TransferService");

const SERVER: &str = "AWS::Transfer::Server";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&TRANSFER, ctx.region);
    let _permit = ctx.permit("transfer", ctx.region).await;
    let Some(servers) = listed(
        api.list(
            "ListServers",
            json!({}),
            "NextToken",
            "NextToken",
            "Servers",
        )
        .await,
        out,
        SERVER,
        ctx.region,
        "ListServers",
    ) else {
        return;
    };
    for summary in servers {
        let id = text(&summary, "ServerId").to_string();
        let arn = text(&summary, "Arn").to_string();
        let (tags, attrs) = match api.call("DescribeServer", &json!({ "ServerId": id })).await {
            Ok(d) => (tags_of(&d["Server"]["Tags"]), d["Server"].clone()),
            Err(e) => {
                let mut errors = Errors::default();
                for attribute in ["Protocols", "SecurityPolicyName"] {
                    errors.record_api(attribute, &e);
                }
                (Default::default(), errors.attach(summary))
            }
        };
        // Servers are known by id; a Name tag, as the console shows, reads better.
        let name = tags.get("Name").cloned().unwrap_or(id);
        out.resources
            .push(ctx.resource(arn, SERVER, ctx.region, name, tags, attrs));
    }
}

//! Security Hub subscription (regional).

use super::{Collected, Context};
use crate::aws::{failure, is_code};
use serde_json::json;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "Parapet::SecurityHub::RegionSettings";
    let client = ctx.clients.securityhub(ctx.region);
    let _permit = ctx.permit("securityhub", ctx.region).await;
    let attrs = match client.describe_hub().send().await {
        Ok(o) => json!({"enabled": true, "HubArn": o.hub_arn(), "SubscribedAt": o.subscribed_at()}),
        // These two codes are how Security Hub says the account is not subscribed here.
        Err(e)
            if is_code(&e, "InvalidAccessException")
                || is_code(&e, "ResourceNotFoundException") =>
        {
            json!({"enabled": false, "HubArn": null, "SubscribedAt": null})
        }
        Err(e) => return out.fail(TYPE, ctx.region, failure("DescribeHub", &e)),
    };
    out.resources
        .push(ctx.region_settings(TYPE, "securityhub", "hub/default", attrs));
}

//! Bedrock's region settings (regional), read through `aws::api`.

use super::api_support::rest_json_service;
use super::{Collected, Context};
use crate::aws::{api::Method, Service};
use serde_json::json;

const BEDROCK: Service = rest_json_service("bedrock", "bedrock");

const SETTINGS: &str = "Parapet::Bedrock::RegionSettings";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&BEDROCK, ctx.region);
    let _permit = ctx.permit("bedrock", ctx.region).await;
    match api
        .rest(
            "GetModelInvocationLoggingConfiguration",
            Method::GET,
            "/logging/modelinvocations",
            &[],
            None,
        )
        .await
    {
        Ok(answer) => {
            // No configuration answers `{}` or a null `loggingConfig`.
            let config = answer.get("loggingConfig").cloned().unwrap_or_default();
            out.resources.push(ctx.region_settings(
                SETTINGS,
                "bedrock",
                "settings",
                json!({ "invocation_logging": config }),
            ));
        }
        Err(e) => out.fail(SETTINGS, ctx.region, e.to_string()),
    }
}

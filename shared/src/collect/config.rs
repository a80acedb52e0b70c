//! AWS Config recorders (regional).

use super::{Collected, Context};
use crate::aws::describe;
use serde_json::{json, Value};

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "Parapet::Config::RegionSettings";
    let config = ctx.clients.config_service(ctx.region);
    let _permit = ctx.permit("config", ctx.region).await;
    let recorders = match config.describe_configuration_recorders().send().await {
        Ok(o) => o.configuration_recorders().to_vec(),
        Err(e) => {
            return out.fail(
                TYPE,
                ctx.region,
                format!("DescribeConfigurationRecorders failed: {}", describe(&e)),
            )
        }
    };
    let statuses = match config.describe_configuration_recorder_status().send().await {
        Ok(o) => o.configuration_recorders_status().to_vec(),
        Err(e) => {
            return out.fail(
                TYPE,
                ctx.region,
                format!(
                    "DescribeConfigurationRecorderStatus failed: {}",
                    describe(&e)
                ),
            )
        }
    };
    let recorders: Vec<Value> = recorders
        .iter()
        .map(|r| {
            let status = statuses.iter().find(|s| s.name() == r.name());
            let group = r.recording_group();
            json!({
                "name": r.name(),
                "recording": status.map(|s| s.recording()).unwrap_or(false),
                "last_status": status.and_then(|s| s.last_status()).map(|s| s.as_str()),
                "all_supported": group.map(|g| g.all_supported()).unwrap_or(false),
                "include_global_resource_types": group.map(|g| g.include_global_resource_types()).unwrap_or(false),
            })
        })
        .collect();
    out.resources.push(ctx.region_settings(
        TYPE,
        "config",
        "recorders",
        json!({"recorders": recorders}),
    ));
}

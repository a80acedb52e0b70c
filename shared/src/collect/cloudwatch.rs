//! CloudWatch metric alarms (regional): whether they notify anyone.

use super::{Collected, Context};
use crate::aws::describe;
use serde_json::json;
use std::collections::BTreeMap;

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    const TYPE: &str = "AWS::CloudWatch::Alarm";
    let cw = ctx.clients.cloudwatch(ctx.region);
    let _permit = ctx.permit("cloudwatch", ctx.region).await;
    let pages = match cw
        .describe_alarms()
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
    {
        Ok(p) => p,
        Err(e) => {
            return out.fail(
                TYPE,
                ctx.region,
                format!("DescribeAlarms failed: {}", describe(&e)),
            )
        }
    };
    for a in pages.iter().flat_map(|p| p.metric_alarms()) {
        let name = a.alarm_name().unwrap_or_default().to_string();
        let arn = a.alarm_arn().map(str::to_string).unwrap_or_else(|| {
            format!(
                "arn:aws:cloudwatch:{}:{}:alarm:{name}",
                ctx.region, ctx.account_id
            )
        });
        let attrs = json!({
            "AlarmName": name, "AlarmArn": arn, "ActionsEnabled": a.actions_enabled(),
            "AlarmActions": a.alarm_actions(), "StateValue": a.state_value().map(|s| s.as_str()),
        });
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, BTreeMap::new(), attrs));
    }
}

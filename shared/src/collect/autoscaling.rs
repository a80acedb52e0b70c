//! EC2 Auto Scaling groups (regional) with the metadata options of their launch
//! configurations, read through `aws::api` (query protocol).

use super::api_support::{listed, query_service, tags_of, text, with};
use super::{Collected, Context};
use crate::aws::Service;
use serde_json::{json, Value};
use std::collections::HashMap;

const AUTOSCALING: Service = query_service("autoscaling", "autoscaling", "2011-01-01");

const GROUP: &str = "AWS::AutoScaling::AutoScalingGroup";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&AUTOSCALING, ctx.region);
    let _permit = ctx.permit("autoscaling", ctx.region).await;
    let Some(groups) = listed(
        api.list(
            "DescribeAutoScalingGroups",
            json!({}),
            "NextToken",
            "NextToken",
            "AutoScalingGroups",
        )
        .await,
        out,
        GROUP,
        ctx.region,
        "DescribeAutoScalingGroups",
    ) else {
        return;
    };
    if groups.is_empty() {
        return;
    }
    // One listing of launch configurations serves every group.
    let configurations: HashMap<String, Value> = match api
        .list(
            "DescribeLaunchConfigurations",
            json!({}),
            "NextToken",
            "NextToken",
            "LaunchConfigurations",
        )
        .await
    {
        Ok(all) => all
            .into_iter()
            .map(|c| (text(&c, "LaunchConfigurationName").to_string(), c))
            .collect(),
        Err(e) => {
            return out.fail(
                GROUP,
                ctx.region,
                format!("DescribeLaunchConfigurations failed: {e}"),
            )
        }
    };
    for group in groups {
        let arn = text(&group, "AutoScalingGroupARN").to_string();
        let name = text(&group, "AutoScalingGroupName").to_string();
        let tags = tags_of(&group["Tags"]);
        let launch_configuration = configurations
            .get(text(&group, "LaunchConfigurationName"))
            .map(|c| json!({"LaunchConfigurationName": c["LaunchConfigurationName"], "MetadataOptions": c["MetadataOptions"]}))
            .unwrap_or(Value::Null);
        let attrs = with(
            group,
            json!({ "launch_configuration": launch_configuration }),
        );
        out.resources
            .push(ctx.resource(arn, GROUP, ctx.region, name, tags, attrs));
    }
}

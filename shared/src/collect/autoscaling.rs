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
        Err(e) => return out.fail(GROUP, ctx.region, e.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    /// A DescribeAutoScalingGroups answer in the shape of the Auto Scaling API reference
    /// (query protocol, `member` lists). Tag values are strings in the model: a `true`
    /// value must reach the resource's tags as the text "true", not be lost.
    #[test]
    fn decodes_a_describe_auto_scaling_groups_answer() {
        let xml = br#"<DescribeAutoScalingGroupsResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
  <DescribeAutoScalingGroupsResult>
    <AutoScalingGroups>
      <member>
        <AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:930d940e:autoScalingGroupName/my-asg</AutoScalingGroupARN>
        <AutoScalingGroupName>my-asg</AutoScalingGroupName>
        <LaunchConfigurationName>my-lc</LaunchConfigurationName>
        <Tags>
          <member>
            <ResourceId>my-asg</ResourceId>
            <PropagateAtLaunch>true</PropagateAtLaunch>
            <Value>true</Value>
            <Key>internet-facing</Key>
            <ResourceType>auto-scaling-group</ResourceType>
          </member>
        </Tags>
        <NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>
        <CapacityRebalance>false</CapacityRebalance>
      </member>
    </AutoScalingGroups>
  </DescribeAutoScalingGroupsResult>
  <ResponseMetadata><RequestId>08c3bedc-8421-4d42-9e14-example</RequestId></ResponseMetadata>
</DescribeAutoScalingGroupsResponse>"#;
        let answer = decode_answer(&AUTOSCALING, "DescribeAutoScalingGroups", "/", xml).unwrap();
        let groups = &answer["DescribeAutoScalingGroupsResult"]["AutoScalingGroups"];
        let group = &groups[0];
        assert_eq!(text(group, "AutoScalingGroupName"), "my-asg");
        let tags = tags_of(&group["Tags"]);
        assert_eq!(
            tags.get("internet-facing").map(String::as_str),
            Some("true")
        );
        assert_eq!(group["Tags"][0]["PropagateAtLaunch"], true);
        assert_eq!(group["CapacityRebalance"], false);
    }
}

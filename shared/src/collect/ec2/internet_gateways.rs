//! Internet gateways (`AWS::EC2::InternetGateway`): the VPC each is attached to, which
//! tells a route to the internet from a route to nowhere (the Threat Graph's
//! reachability reads them).

use super::{arn, id, items, resource, text, Lister};
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

const INTERNET_GATEWAY: &str = "AWS::EC2::InternetGateway";

pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    let page = json!({"MaxResults": 1000});
    let answer = ec2
        .needed(
            INTERNET_GATEWAY,
            "DescribeInternetGateways",
            page,
            "internetGatewaySet",
        )
        .await;
    if let Some(gateways) = answer.items_or_failure(&mut out, ec2.ctx.region, INTERNET_GATEWAY) {
        out.resources = gateways.iter().map(|g| gateway(ec2.ctx, g)).collect();
    }
    out
}

fn gateway(ctx: &Context<'_>, g: &Value) -> Resource {
    let gateway = id(g, "internetGatewayId");
    // An internet gateway attaches to one VPC at most; its attachment's state is
    // `available` while attached (not `attached`, as for other gateways).
    let attachments: Vec<Value> = items(g, "attachmentSet")
        .iter()
        .map(|a| json!({"VpcId": text(a, "vpcId"), "State": text(a, "state")}))
        .collect();
    let attrs = json!({
        "InternetGatewayId": gateway,
        "OwnerId": text(g, "ownerId"),
        "Attachments": attachments,
    });
    let gateway_arn = arn(ctx, "internet-gateway", gateway);
    resource(ctx, gateway_arn, INTERNET_GATEWAY, g, gateway, attrs)
}

#[cfg(test)]
mod tests {
    use super::super::tests::answer;
    use super::*;
    use crate::collect::call_plan::AttributePlan;
    use crate::collect::replay::{context, Replay, ACCOUNT, REGION};

    #[test]
    fn a_gateway_keeps_its_vpc_attachment_and_tags() {
        let page = answer(
            r#"<DescribeInternetGatewaysResponse><internetGatewaySet><item>
               <internetGatewayId>igw-0a1</internetGatewayId><ownerId>123456789012</ownerId>
               <attachmentSet><item><vpcId>vpc-9</vpcId><state>available</state></item></attachmentSet>
               <tagSet><item><key>Name</key><value>edge</value></item></tagSet>
               </item><item><internetGatewayId>igw-0b2</internetGatewayId><attachmentSet/></item>
               </internetGatewaySet></DescribeInternetGatewaysResponse>"#,
        );
        let listed = items(&page, "internetGatewaySet");
        // No request is made: the clients only complete the context.
        let clients = Replay::serve(&[], &[]).clients();
        let plan = AttributePlan::everything();
        let regions = vec![REGION.to_string()];
        let ctx = context(&clients, &plan, &regions, false);
        let attached = gateway(&ctx, &listed[0]);
        assert_eq!(
            attached.arn,
            format!("arn:aws:ec2:{REGION}:{ACCOUNT}:internet-gateway/igw-0a1")
        );
        assert_eq!(attached.attributes["OwnerId"], "123456789012");
        assert_eq!(
            (attached.name.as_str(), attached.tags["Name"].as_str()),
            ("edge", "edge")
        );
        assert_eq!(
            attached.attributes["Attachments"],
            json!([{"VpcId": "vpc-9", "State": "available"}])
        );
        let detached = gateway(&ctx, &listed[1]);
        assert_eq!(detached.name, "igw-0b2");
        assert_eq!(detached.attributes["Attachments"], json!([]));
        assert_eq!(detached.attributes["OwnerId"], Value::Null);
    }
}

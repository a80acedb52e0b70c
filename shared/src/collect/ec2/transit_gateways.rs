//! Transit gateways (`AWS::EC2::TransitGateway`): the options that share attachments.

use super::{arn, id, resource, text, Lister, TRANSIT_GATEWAY};
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    let page = json!({"MaxResults": 1000});
    let answer = ec2
        .needed(
            TRANSIT_GATEWAY,
            "DescribeTransitGateways",
            page,
            "transitGatewaySet",
        )
        .await;
    if let Some(gateways) = answer.items_or_failure(&mut out, ec2.ctx.region, TRANSIT_GATEWAY) {
        out.resources = gateways.iter().map(|g| gateway(ec2.ctx, g)).collect();
    }
    out
}

fn gateway(ctx: &Context<'_>, g: &Value) -> Resource {
    let gateway = id(g, "transitGatewayId");
    let o = g.get("options").filter(|o| o.is_object());
    let option = |name: &str| o.map_or(Value::Null, |o| text(o, name));
    let attrs = json!({
        "TransitGatewayId": gateway, "State": text(g, "state"),
        "Options": {
            "AutoAcceptSharedAttachments": option("autoAcceptSharedAttachments"),
            "DefaultRouteTableAssociation": option("defaultRouteTableAssociation"),
        },
    });
    // The answer carries the ARN; one is built only if it does not.
    let gateway_arn = match id(g, "transitGatewayArn") {
        "" => arn(ctx, "transit-gateway", gateway),
        given => given.to_string(),
    };
    resource(ctx, gateway_arn, TRANSIT_GATEWAY, g, gateway, attrs)
}

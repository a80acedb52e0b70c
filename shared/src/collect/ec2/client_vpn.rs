//! Client VPN endpoints (`AWS::EC2::ClientVpnEndpoint`, collector `clientvpn`): their own
//! collector so that only scans evaluating them pay for the listing.

use super::{flag, id, resource, text, Lister, EC2};
use crate::collect::{Collected, Context};
use serde_json::{json, Value};

const CLIENT_VPN_ENDPOINT: &str = "AWS::EC2::ClientVpnEndpoint";

pub async fn collect_client_vpn(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&EC2, ctx.region);
    const OPERATION: &str = "DescribeClientVpnEndpoints";
    let lister = Lister { ctx, api: &api };
    let answer = lister
        .all(OPERATION, json!({"MaxResults": 1000}), "clientVpnEndpoint")
        .await;
    let Some(endpoints) = answer.items_or_failure(out, ctx.region, CLIENT_VPN_ENDPOINT) else {
        return;
    };
    for e in endpoints {
        let endpoint = id(&e, "clientVpnEndpointId");
        // Unlike the rest of EC2, this shape's XML names are capitalised.
        let logging = e
            .get("connectionLogOptions")
            .filter(|o| o.is_object())
            .map(|o| {
                json!({
                    "Enabled": flag(o, "Enabled"),
                    "CloudwatchLogGroup": text(o, "CloudwatchLogGroup"),
                    "CloudwatchLogStream": text(o, "CloudwatchLogStream"),
                })
            });
        let status = e.get("status").filter(|s| s.is_object());
        let attrs = json!({
            "ClientVpnEndpointId": endpoint,
            "VpcId": text(&e, "vpcId"),
            "Status": status.map_or(Value::Null, |s| text(s, "code")),
            "ConnectionLogOptions": logging,
        });
        let arn = super::arn(ctx, "client-vpn-endpoint", endpoint);
        out.resources
            .push(resource(ctx, arn, CLIENT_VPN_ENDPOINT, &e, endpoint, attrs));
    }
}

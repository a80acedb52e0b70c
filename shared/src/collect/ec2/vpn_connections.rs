//! Site-to-site VPN connections (`AWS::EC2::VPNConnection`) and their tunnels' status.

use super::{arn, id, items, resource, text, Lister, VPN_CONNECTION};
use crate::collect::{Collected, Context};
use crate::model::Resource;
use serde_json::{json, Value};

/// DescribeVpnConnections has no pagination: one answer holds them all. Skipped when no
/// selected control evaluates VPN connections.
pub(super) async fn collect(ec2: &Lister<'_>) -> Collected {
    let mut out = Collected::default();
    if !ec2.ctx.needs_type(VPN_CONNECTION) {
        return out;
    }
    let answer = {
        let _permit = ec2.permit().await;
        ec2.api.call("DescribeVpnConnections", &json!({})).await
    };
    match answer {
        Ok(answer) => {
            let connections = items(&answer, "vpnConnectionSet");
            out.resources = connections.iter().map(|c| connection(ec2.ctx, c)).collect();
        }
        Err(e) => out.fail(VPN_CONNECTION, ec2.ctx.region, e.to_string()),
    }
    out
}

fn connection(ctx: &Context<'_>, c: &Value) -> Resource {
    let connection = id(c, "vpnConnectionId");
    let telemetry: Vec<Value> = items(c, "vgwTelemetry")
        .iter()
        .map(|t| json!({"OutsideIpAddress": text(t, "outsideIpAddress"), "Status": text(t, "status")}))
        .collect();
    let attrs = json!({
        "VpnConnectionId": connection, "State": text(c, "state"),
        "VgwTelemetry": telemetry,
    });
    let connection_arn = arn(ctx, "vpn-connection", connection);
    resource(ctx, connection_arn, VPN_CONNECTION, c, connection, attrs)
}

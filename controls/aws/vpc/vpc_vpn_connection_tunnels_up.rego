# METADATA
# title: Both tunnels of a Site-to-Site VPN connection are up
# description: |
#   Checks the telemetry of each available VPN connection: AWS provides two tunnels so
#   that one can fail or be under maintenance while the other carries traffic. A
#   connection with a tunnel down has no redundancy left. Connections that are pending
#   or deleted are skipped.
# custom:
#   id: vpc_vpn_connection_tunnels_up
#   severity: low
#   service: vpc
#   resource_type: AWS::EC2::VPNConnection
#   requires: [State, VgwTelemetry]
#   risk: The next tunnel endpoint maintenance or failure cuts the site off from the VPC.
#   remediation:
#     text: Configure the second tunnel on the customer gateway device (both outside IP addresses, with BGP or static routes for each) and check its logs for negotiation errors.
#     cli: aws ec2 describe-vpn-connections --vpn-connection-ids VPN_ID --query 'VpnConnections[].VgwTelemetry'
package parapet.aws.vpc.vpc_vpn_connection_tunnels_up

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

down := [t.OutsideIpAddress | some t in util.as_list(attrs.VgwTelemetry); t.Status != "UP"]

status := "SKIPPED" if attrs.State != "available"

status := "PASS" if {
	attrs.State == "available"
	count(attrs.VgwTelemetry) > 0
	count(down) == 0
}

status := "FAIL" if {
	attrs.State == "available"
	count(down) > 0
}

status := "FAIL" if {
	attrs.State == "available"
	count(attrs.VgwTelemetry) == 0
}

reason := sprintf("VPN connection %s is %v", [input.resource.name, attrs.State]) if status == "SKIPPED"

reason := sprintf("VPN connection %s has all %d tunnels up", [input.resource.name, count(attrs.VgwTelemetry)]) if status == "PASS"

reason := sprintf("VPN connection %s has tunnels down: %s", [input.resource.name, concat(", ", sort(down))]) if {
	status == "FAIL"
	count(down) > 0
}

reason := sprintf("VPN connection %s reports no tunnel status", [input.resource.name]) if {
	status == "FAIL"
	count(attrs.VgwTelemetry) == 0
}

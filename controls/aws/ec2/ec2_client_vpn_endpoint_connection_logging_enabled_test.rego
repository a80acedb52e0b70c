package parapet.aws.ec2.ec2_client_vpn_endpoint_connection_logging_enabled_test

import rego.v1

import data.parapet.aws.ec2.ec2_client_vpn_endpoint_connection_logging_enabled as control

vpn(options) := {"resource": {"name": "cvpn-endpoint-1", "attributes": {"ConnectionLogOptions": options}}}

test_logging_passes if {
	inp := vpn({"Enabled": true, "CloudwatchLogGroup": "/client-vpn/connections"})
	control.status == "PASS" with input as inp
	control.reason == "Client VPN endpoint cvpn-endpoint-1 logs connections to /client-vpn/connections" with input as inp
}

test_disabled_fails if {
	control.status == "FAIL" with input as vpn({"Enabled": false})
	control.reason == "Client VPN endpoint cvpn-endpoint-1 does not log connections" with input as vpn({"Enabled": false})
}

test_absent_options_fail if control.status == "FAIL" with input as vpn(null)

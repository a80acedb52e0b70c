package parapet.aws.vpc.vpc_vpn_connection_tunnels_up_test

import rego.v1

import data.parapet.aws.vpc.vpc_vpn_connection_tunnels_up as control

vpn(state, tunnels) := {"resource": {"name": "office", "attributes": {"State": state, "VgwTelemetry": tunnels}}}

up(ip) := {"OutsideIpAddress": ip, "Status": "UP"}

down(ip) := {"OutsideIpAddress": ip, "Status": "DOWN"}

test_both_up_passes if {
	inp := vpn("available", [up("198.51.100.1"), up("198.51.100.2")])
	control.status == "PASS" with input as inp
	control.reason == "VPN connection office has all 2 tunnels up" with input as inp
}

test_one_down_fails if {
	inp := vpn("available", [up("198.51.100.1"), down("198.51.100.2")])
	control.status == "FAIL" with input as inp
	control.reason == "VPN connection office has tunnels down: 198.51.100.2" with input as inp
}

test_no_telemetry_fails if control.status == "FAIL" with input as vpn("available", [])

test_deleted_is_skipped if control.status == "SKIPPED" with input as vpn("deleted", [down("198.51.100.1")])

package parapet.aws.ecs.ecs_service_fargate_latest_platform_version_test

import rego.v1

import data.parapet.aws.ecs.ecs_service_fargate_latest_platform_version as control

svc(attrs) := {"resource": {"name": "api", "attributes": attrs}}

test_latest_passes if {
	control.status == "PASS" with input as svc({"uses_fargate": true, "platformVersion": "LATEST"})
	control.status == "PASS" with input as svc({"uses_fargate": true, "platformVersion": "1.4.0"})
	control.reason == "Fargate service api runs platform version 1.4.0" with input as svc({"uses_fargate": true, "platformVersion": "1.4.0"})
}

test_old_version_fails if {
	inp := svc({"uses_fargate": true, "platformVersion": "1.3.0", "platformFamily": "Linux"})
	control.status == "FAIL" with input as inp
	control.reason == "Fargate service api runs platform version 1.3.0, not the latest (1.4.0)" with input as inp
}

test_windows_family_has_its_own_latest if {
	control.status == "PASS" with input as svc({"uses_fargate": true, "platformVersion": "1.0.0", "platformFamily": "WINDOWS_SERVER_2019_CORE"})
}

test_ec2_service_is_skipped if control.status == "SKIPPED" with input as svc({"uses_fargate": false, "launchType": "EC2"})

package parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_managed_updates_enabled_test

import rego.v1

import data.parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_managed_updates_enabled as control

env(options) := {"resource": {"name": "shop-prod", "attributes": {"options": options}}}

test_enabled_passes if {
	control.status == "PASS" with input as env({"aws:elasticbeanstalk:managedactions:ManagedActionsEnabled": true})
	control.status == "PASS" with input as env({"aws:elasticbeanstalk:managedactions:ManagedActionsEnabled": "true"})
	control.reason == "environment shop-prod applies managed platform updates" with input as env({"aws:elasticbeanstalk:managedactions:ManagedActionsEnabled": true})
}

test_disabled_or_unset_fails if {
	control.status == "FAIL" with input as env({"aws:elasticbeanstalk:managedactions:ManagedActionsEnabled": false})
	control.status == "FAIL" with input as env({})
	control.reason == "environment shop-prod does not apply managed platform updates" with input as env({})
}

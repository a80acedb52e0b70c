package parapet.aws.rds.rds_instance_enhanced_monitoring_enabled_test

import rego.v1

import data.parapet.aws.rds.rds_instance_enhanced_monitoring_enabled as control

db(attrs) := {"resource": {"name": "db1", "attributes": object.union({"Engine": "postgres", "DBClusterIdentifier": null}, attrs)}}

test_good_passes if {
	control.status == "PASS" with input as db({"MonitoringInterval": 60})
	control.reason == "DB instance db1 has Enhanced Monitoring on" with input as db({"MonitoringInterval": 60})
}

test_bad_fails if {
	control.status == "FAIL" with input as db({"MonitoringInterval": 0})
	control.reason == "DB instance db1 has Enhanced Monitoring off" with input as db({"MonitoringInterval": 0})
}

test_cluster_member_is_judged_too if control.status == "FAIL" with input as db({"Engine": "aurora-postgresql", "DBClusterIdentifier": "prod", "MonitoringInterval": 0})

package parapet.aws.emr.emr_cluster_master_nodes_no_public_ip_test

import rego.v1

import data.parapet.aws.emr.emr_cluster_master_nodes_no_public_ip as control

cluster(dns) := {"resource": {"name": "analytics", "attributes": {"MasterPublicDnsName": dns}}}

test_private_name_passes if {
	control.status == "PASS" with input as cluster("ip-10-0-1-5.ec2.internal")
	control.status == "PASS" with input as cluster(null)
}

test_public_name_fails if {
	inp := cluster("ec2-203-0-113-25.compute-1.amazonaws.com")
	control.status == "FAIL" with input as inp
	control.reason == "EMR cluster analytics primary node is public at ec2-203-0-113-25.compute-1.amazonaws.com" with input as inp
}

package parapet.aws.kafka.kafka_cluster_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.kafka.kafka_cluster_in_transit_encryption_enabled as control

cluster(transit) := {"resource": {"name": "events", "attributes": {"clusterType": "PROVISIONED", "provisioned": {"encryptionInfo": {"encryptionInTransit": transit}}}}}

test_tls_only_passes if {
	control.status == "PASS" with input as cluster({"clientBroker": "TLS", "inCluster": true})
	control.reason == "MSK cluster events requires TLS and encrypts traffic between brokers" with input as cluster({"clientBroker": "TLS", "inCluster": true})
}

test_plaintext_allowed_fails if {
	inp := cluster({"clientBroker": "TLS_PLAINTEXT", "inCluster": true})
	control.status == "FAIL" with input as inp
	control.reason == "MSK cluster events allows unencrypted traffic (client-broker TLS_PLAINTEXT, between brokers true)" with input as inp
	control.status == "FAIL" with input as cluster({"clientBroker": "TLS", "inCluster": false})
}

test_serverless_passes if control.status == "PASS" with input as {"resource": {"name": "s", "attributes": {"clusterType": "SERVERLESS", "serverless": {}}}}

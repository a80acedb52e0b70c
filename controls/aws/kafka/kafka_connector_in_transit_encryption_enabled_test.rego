package parapet.aws.kafka.kafka_connector_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.kafka.kafka_connector_in_transit_encryption_enabled as control

connector(t) := {"resource": {"name": "s3-sink", "attributes": {"kafkaClusterEncryptionInTransit": {"encryptionType": t}}}}

test_tls_passes if control.status == "PASS" with input as connector("TLS")

test_plaintext_fails if {
	control.status == "FAIL" with input as connector("PLAINTEXT")
	control.reason == "connector s3-sink reaches Kafka in plain text" with input as connector("PLAINTEXT")
}

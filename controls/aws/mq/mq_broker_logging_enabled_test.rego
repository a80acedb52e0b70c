package parapet.aws.mq.mq_broker_logging_enabled_test

import rego.v1

import data.parapet.aws.mq.mq_broker_logging_enabled as control

broker(engine, logs) := {"resource": {"name": "orders", "attributes": {"engineType": engine, "logs": logs}}}

test_activemq_with_both_passes if {
	control.status == "PASS" with input as broker("ACTIVEMQ", {"general": true, "audit": true})
	control.reason == "broker orders logs general and audit to CloudWatch Logs" with input as broker("ACTIVEMQ", {"general": true, "audit": true})
}

test_activemq_without_audit_fails if {
	control.status == "FAIL" with input as broker("ACTIVEMQ", {"general": true, "audit": false})
	control.reason == "broker orders does not log: audit" with input as broker("ACTIVEMQ", {"general": true})
}

test_rabbitmq_needs_general_only if {
	control.status == "PASS" with input as broker("RABBITMQ", {"general": true})
	control.status == "FAIL" with input as broker("RABBITMQ", {"general": false})
}

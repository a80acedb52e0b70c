# METADATA
# title: Amazon MQ broker sends its logs to CloudWatch Logs
# description: |
#   Checks the broker's logs settings: general logging for every engine, and audit
#   logging too for ActiveMQ (RabbitMQ brokers have no audit log).
# custom:
#   id: mq_broker_logging_enabled
#   severity: medium
#   service: mq
#   resource_type: AWS::AmazonMQ::Broker
#   requires: [logs, engineType]
#   risk: Connections, configuration changes and administrative actions on the broker leave no record.
#   remediation:
#     text: Turn on general (and for ActiveMQ, audit) logging for the broker.
#     cli: aws mq update-broker --broker-id BROKER --logs General=true,Audit=true
#     terraform: |
#       resource "aws_mq_broker" "this" {
#         logs {
#           general = true
#           audit   = true
#         }
#       }
package parapet.aws.mq.mq_broker_logging_enabled

import rego.v1

attrs := input.resource.attributes

logs := attrs.logs

wanted := ["general", "audit"] if attrs.engineType == "ACTIVEMQ"

default wanted := ["general"]

missing := [kind | some kind in wanted; object.get(logs, kind, false) != true]

status := "PASS" if {
	is_object(logs)
	count(missing) == 0
}

status := "FAIL" if count(missing) > 0

reason := sprintf("broker %s logs %s to CloudWatch Logs", [input.resource.name, concat(" and ", wanted)]) if status == "PASS"

reason := sprintf("broker %s does not log: %s", [input.resource.name, concat(", ", missing)]) if status == "FAIL"

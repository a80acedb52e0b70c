# METADATA
# title: MSK Connect connector talks to its Kafka cluster over TLS
# description: |
#   Checks that the connector's kafkaClusterEncryptionInTransit encryptionType is TLS.
# custom:
#   id: kafka_connector_in_transit_encryption_enabled
#   severity: medium
#   service: kafka
#   resource_type: AWS::KafkaConnect::Connector
#   requires: [kafkaClusterEncryptionInTransit]
#   risk: Records the connector moves, and its credentials, cross the network in plain text.
#   remediation:
#     text: Recreate the connector with encryption in transit set to TLS (the setting cannot be changed on an existing connector).
#     cli: aws kafkaconnect create-connector --connector-name NAME --kafka-cluster-encryption-in-transit encryptionType=TLS ...
#     terraform: |
#       resource "aws_mskconnect_connector" "this" {
#         kafka_cluster_encryption_in_transit {
#           encryption_type = "TLS"
#         }
#       }
package parapet.aws.kafka.kafka_connector_in_transit_encryption_enabled

import rego.v1

encryption := object.get(input.resource.attributes, ["kafkaClusterEncryptionInTransit", "encryptionType"], "PLAINTEXT")

status := "PASS" if encryption == "TLS"

status := "FAIL" if encryption != "TLS"

reason := sprintf("connector %s reaches Kafka over TLS", [input.resource.name]) if status == "PASS"

reason := sprintf("connector %s reaches Kafka in plain text", [input.resource.name]) if status == "FAIL"

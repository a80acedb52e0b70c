# METADATA
# title: MSK cluster encrypts data in transit
# description: |
#   For provisioned clusters, checks that clients must use TLS (ClientBroker TLS) and
#   that traffic between brokers is encrypted (InCluster true). Serverless clusters
#   always use TLS and pass.
# custom:
#   id: kafka_cluster_in_transit_encryption_enabled
#   severity: medium
#   service: kafka
#   resource_type: AWS::MSK::Cluster
#   requires: [clusterType, provisioned]
#   risk: Messages and credentials cross the network in plain text between clients and brokers, or between brokers.
#   remediation:
#     text: Update the cluster's encryption in transit to TLS only between clients and brokers, with encryption inside the cluster.
#     cli: aws kafka update-security --cluster-arn CLUSTER_ARN --current-version VERSION --encryption-info file://tls-only.json
#     terraform: |
#       resource "aws_msk_cluster" "this" {
#         encryption_info {
#           encryption_in_transit {
#             client_broker = "TLS"
#             in_cluster    = true
#           }
#         }
#       }
package parapet.aws.kafka.kafka_cluster_in_transit_encryption_enabled

import rego.v1

attrs := input.resource.attributes

transit := object.get(attrs, ["provisioned", "encryptionInfo", "encryptionInTransit"], {})

# AWS's defaults when a field is absent: TLS to clients, encryption between brokers.
client_broker := object.get(transit, "clientBroker", "TLS")

in_cluster := object.get(transit, "inCluster", true)

serverless if attrs.clusterType == "SERVERLESS"

encrypted if serverless

encrypted if {
	not serverless
	client_broker == "TLS"
	in_cluster == true
}

status := "PASS" if encrypted

status := "FAIL" if not encrypted

reason := sprintf("MSK cluster %s is serverless and always uses TLS", [input.resource.name]) if serverless

reason := sprintf("MSK cluster %s requires TLS and encrypts traffic between brokers", [input.resource.name]) if {
	status == "PASS"
	not serverless
}

reason := sprintf("MSK cluster %s allows unencrypted traffic (client-broker %s, between brokers %v)", [input.resource.name, client_broker, in_cluster]) if status == "FAIL"

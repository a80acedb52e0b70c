# METADATA
# title: Redshift cluster requires TLS connections
# description: |
#   Checks that a parameter group of the cluster sets require_ssl to true, so the cluster
#   refuses client connections that are not encrypted with TLS.
# custom:
#   id: redshift_cluster_in_transit_encryption_enabled
#   severity: high
#   service: redshift
#   resource_type: AWS::Redshift::Cluster
#   requires: [require_ssl]
#   risk: Credentials and query results can cross the network in clear text and be read or altered in transit.
#   remediation:
#     text: Set require_ssl=true in a custom parameter group attached to the cluster (the default group cannot be changed) and reboot it.
#     cli: aws redshift modify-cluster-parameter-group --parameter-group-name GROUP --parameters ParameterName=require_ssl,ParameterValue=true
#     cloudformation: |
#       ParameterGroup:
#         Type: AWS::Redshift::ClusterParameterGroup
#         Properties:
#           ParameterGroupFamily: redshift-1.0
#           Description: TLS only
#           Parameters:
#             - ParameterName: require_ssl
#               ParameterValue: 'true'
#     terraform: |
#       resource "aws_redshift_parameter_group" "tls" {
#         family = "redshift-1.0"
#         parameter {
#           name  = "require_ssl"
#           value = "true"
#         }
#       }
package parapet.aws.redshift.redshift_cluster_in_transit_encryption_enabled

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.require_ssl == true

status := "FAIL" if attrs.require_ssl == false

reason := sprintf("Redshift cluster %s requires TLS for client connections (require_ssl)", [input.resource.name]) if status == "PASS"

reason := sprintf("Redshift cluster %s accepts unencrypted connections: no parameter group of it sets require_ssl", [input.resource.name]) if status == "FAIL"

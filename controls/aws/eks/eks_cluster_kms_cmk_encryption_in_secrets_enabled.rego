# METADATA
# title: EKS cluster encrypts Kubernetes secrets with a KMS key
# description: |
#   Checks that the cluster's encryptionConfig envelope-encrypts the "secrets" resource
#   with a KMS key of the account.
# custom:
#   id: eks_cluster_kms_cmk_encryption_in_secrets_enabled
#   severity: medium
#   service: eks
#   resource_type: AWS::EKS::Cluster
#   requires: [encryptionConfig]
#   risk: Kubernetes secrets sit in etcd protected only by the default storage encryption; whoever reads etcd or its backups reads them.
#   remediation:
#     text: Associate a KMS key with the cluster for secrets encryption (this cannot be undone).
#     cli: aws eks associate-encryption-config --cluster-name CLUSTER --encryption-config '[{"resources":["secrets"],"provider":{"keyArn":"KEY_ARN"}}]'
#     terraform: |
#       resource "aws_eks_cluster" "this" {
#         encryption_config {
#           resources = ["secrets"]
#           provider {
#             key_arn = aws_kms_key.eks.arn
#           }
#         }
#       }
package parapet.aws.eks.eks_cluster_kms_cmk_encryption_in_secrets_enabled

import rego.v1

configs := object.get(input.resource.attributes, "encryptionConfig", [])

encrypts_secrets if {
	some c in configs
	"secrets" in c.resources
	is_string(c.provider.keyArn)
}

status := "PASS" if encrypts_secrets

status := "FAIL" if not encrypts_secrets

reason := sprintf("EKS cluster %s encrypts secrets with a KMS key", [input.resource.name]) if status == "PASS"

reason := sprintf("EKS cluster %s does not encrypt secrets with a KMS key", [input.resource.name]) if status == "FAIL"

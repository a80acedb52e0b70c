# METADATA
# title: RDS instance storage is encrypted
# description: |
#   Checks that the DB instance's storage is encrypted at rest, which also covers its
#   automated backups, snapshots and read replicas.
# custom:
#   id: rds_instance_storage_encrypted
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBInstance
#   requires: [StorageEncrypted]
#   risk: The database's data, backups and snapshots are readable by anyone who obtains the underlying storage or a shared snapshot copy.
#   remediation:
#     text: Encryption cannot be turned on for an existing instance; take a snapshot, copy it with a KMS key, restore a new instance from the encrypted copy and switch clients over.
#     cli: aws rds copy-db-snapshot --source-db-snapshot-identifier SNAPSHOT --target-db-snapshot-identifier SNAPSHOT-encrypted --kms-key-id alias/aws/rds
#     cloudformation: |
#       Database:
#         Type: AWS::RDS::DBInstance
#         Properties:
#           StorageEncrypted: true
#     terraform: |
#       resource "aws_db_instance" "this" {
#         storage_encrypted = true
#       }
package parapet.aws.rds.rds_instance_storage_encrypted

import rego.v1

default status := "FAIL"

status := "PASS" if input.resource.attributes.StorageEncrypted == true

reason := sprintf("DB instance %s has encrypted storage", [input.resource.name]) if status == "PASS"

reason := sprintf("DB instance %s does not have encrypted storage", [input.resource.name]) if status == "FAIL"

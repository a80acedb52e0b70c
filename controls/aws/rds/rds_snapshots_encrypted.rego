# METADATA
# title: RDS DB snapshot is encrypted
# description: |
#   Checks that the DB snapshot is encrypted. A snapshot is encrypted when its instance
#   was; an unencrypted one can be copied with a KMS key to make an encrypted copy.
# custom:
#   id: rds_snapshots_encrypted
#   severity: medium
#   service: rds
#   resource_type: AWS::RDS::DBSnapshot
#   requires: [Encrypted]
#   risk: A copy of the whole database is readable by anyone who obtains or is given the snapshot, with no key permission in the way.
#   remediation:
#     text: Copy the snapshot with a KMS key, delete the unencrypted original, and encrypt the source instance (restore from an encrypted copy).
#     cli: aws rds copy-db-snapshot --source-db-snapshot-identifier SNAPSHOT --target-db-snapshot-identifier SNAPSHOT-encrypted --kms-key-id KEY_ARN
package parapet.aws.rds.rds_snapshots_encrypted

import rego.v1

encrypted := input.resource.attributes.Encrypted

status := "PASS" if encrypted == true

status := "FAIL" if encrypted == false

reason := sprintf("DB snapshot %s is encrypted", [input.resource.name]) if status == "PASS"

reason := sprintf("DB snapshot %s is not encrypted", [input.resource.name]) if status == "FAIL"

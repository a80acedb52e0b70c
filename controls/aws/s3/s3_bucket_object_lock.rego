# METADATA
# title: S3 bucket has Object Lock enabled
# description: |
#   Checks that Object Lock is enabled on the bucket, so object versions can be made
#   immutable for a retention period (WORM). The reason names the default retention when
#   one is set. Object Lock suits backups, audit logs and records under retention rules;
#   mute it for buckets that do not need it.
# custom:
#   id: s3_bucket_object_lock
#   severity: low
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [object_lock]
#   risk: Anyone with delete rights (including ransomware using stolen credentials) can destroy backups and logs that should be immutable.
#   remediation:
#     text: Enable Object Lock (possible on existing versioned buckets) and set a default retention in governance or compliance mode.
#     cli: aws s3api put-object-lock-configuration --bucket NAME --object-lock-configuration 'ObjectLockEnabled=Enabled,Rule={DefaultRetention={Mode=GOVERNANCE,Days=30}}'
#     cloudformation: |
#       ObjectLockEnabled: true
#       ObjectLockConfiguration:
#         ObjectLockEnabled: Enabled
#         Rule:
#           DefaultRetention:
#             Mode: GOVERNANCE
#             Days: 30
#     terraform: |
#       resource "aws_s3_bucket_object_lock_configuration" "this" {
#         bucket = aws_s3_bucket.this.id
#         rule {
#           default_retention {
#             mode = "GOVERNANCE"
#             days = 30
#           }
#         }
#       }
package parapet.aws.s3.s3_bucket_object_lock

import rego.v1

lock := input.resource.attributes.object_lock

default status := "FAIL"

status := "PASS" if lock.ObjectLockEnabled == "Enabled"

retention := lock.DefaultRetention

reason := sprintf("bucket %s has Object Lock enabled with default %s retention of %v days %v years", [
	input.resource.name, retention.Mode, object.get(retention, "Days", null), object.get(retention, "Years", null),
]) if {
	status == "PASS"
	is_object(retention)
}

reason := sprintf("bucket %s has Object Lock enabled without a default retention", [input.resource.name]) if {
	status == "PASS"
	not is_object(retention)
}

reason := sprintf("bucket %s does not have Object Lock enabled", [input.resource.name]) if status == "FAIL"

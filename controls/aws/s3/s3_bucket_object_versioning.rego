# METADATA
# title: S3 bucket keeps object versions
# description: |
#   Checks that versioning is Enabled on the bucket. A Suspended bucket keeps the versions
#   it already has but overwrites and deletes new writes for good, so it fails.
# custom:
#   id: s3_bucket_object_versioning
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [versioning]
#   risk: An overwrite or delete (a bug, a mistake, ransomware with write access) destroys the only copy of the object.
#   remediation:
#     text: Enable versioning on the bucket and add a lifecycle rule that expires noncurrent versions after the retention you need.
#     cli: aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled
#     cloudformation: |
#       VersioningConfiguration:
#         Status: Enabled
#     terraform: |
#       resource "aws_s3_bucket_versioning" "this" {
#         bucket = aws_s3_bucket.this.id
#         versioning_configuration {
#           status = "Enabled"
#         }
#       }
package parapet.aws.s3.s3_bucket_object_versioning

import rego.v1

versioning := input.resource.attributes.versioning

state := object.get(versioning, "Status", null) if is_object(versioning)

status := "PASS" if state == "Enabled"

status := "FAIL" if {
	is_object(versioning)
	state != "Enabled"
}

reason := sprintf("bucket %s has versioning enabled", [input.resource.name]) if status == "PASS"

reason := sprintf("bucket %s has versioning suspended", [input.resource.name]) if state == "Suspended"

reason := sprintf("bucket %s has never had versioning enabled", [input.resource.name]) if {
	status == "FAIL"
	state == null
}

# METADATA
# title: The CloudTrail log bucket is not public
# description: |
#   Checks the bucket a trail delivers to with the same rules as s3_bucket_public_access:
#   a bucket policy open to everyone (unless RestrictPublicBuckets neutralises it) or an
#   ACL granting AllUsers or AuthenticatedUsers (unless ACLs are disabled or ignored).
#   Buckets in another account (a log archive account) cannot be read from here and
#   report ERROR rather than a guess.
# custom:
#   id: cloudtrail_logs_s3_bucket_is_not_publicly_accessible
#   severity: critical
#   service: cloudtrail
#   resource_type: AWS::CloudTrail::Trail
#   requires: [bucket_exposure]
#   risk: The account's full activity history (who did what, from where, with which resources) is readable by anyone, a map for an attacker; if writable, it can be tampered with.
#   remediation:
#     text: Remove public statements and grants from the log bucket, disable ACLs, and turn on Block Public Access for the bucket and the account.
#     cli: aws s3api put-public-access-block --bucket LOG_BUCKET --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     terraform: |
#       resource "aws_s3_bucket_public_access_block" "trail_logs" {
#         bucket                  = aws_s3_bucket.trail_logs.id
#         block_public_acls       = true
#         ignore_public_acls      = true
#         block_public_policy     = true
#         restrict_public_buckets = true
#       }
package parapet.aws.cloudtrail.cloudtrail_logs_s3_bucket_is_not_publicly_accessible

import rego.v1

import data.parapet.lib.s3

exposure := input.resource.attributes.bucket_exposure

policy_public if {
	count(s3.public_statements(exposure)) > 0
	not s3.public_policy_restricted(exposure)
}

acl_public if {
	count(s3.public_acl_grants(exposure)) > 0
	not s3.acls_ignored(exposure)
}

public if policy_public

public if acl_public

status := "FAIL" if {
	is_object(exposure)
	public
}

status := "PASS" if {
	is_object(exposure)
	not public
}

how := concat(" and ", array.concat(["its bucket policy" | policy_public], ["its ACL" | acl_public]))

reason := sprintf("trail %s delivers to bucket %s, which is public through %s", [input.resource.name, exposure.bucket, how]) if status == "FAIL"

reason := sprintf("trail %s delivers to bucket %s, which is not public", [input.resource.name, exposure.bucket]) if status == "PASS"

# METADATA
# title: S3 bucket policy grants no access to other AWS accounts
# description: |
#   Lists the AWS accounts other than the bucket owner's that the bucket policy's Allow
#   statements name (by account id or ARN). Cross-account sharing can be intended, but
#   each grant should be known and reviewed; conditions do not change that an outside
#   account is named. Public ("*") statements are judged by s3_bucket_public_access.
# custom:
#   id: s3_bucket_cross_account_access
#   severity: medium
#   service: s3
#   resource_type: AWS::S3::Bucket
#   requires: [policy]
#   risk: Principals outside your control can reach the data; a forgotten grant to a former partner or a mistyped account id leaks it.
#   remediation:
#     text: Remove grants to accounts that should not have access; for accounts of your organisation, prefer a condition on aws:PrincipalOrgID to naming accounts one by one. Mute this control for buckets whose sharing is reviewed and intended.
#     cli: aws s3api put-bucket-policy --bucket NAME --policy file://without-external-accounts.json
package parapet.aws.s3.s3_bucket_cross_account_access

import rego.v1

import data.parapet.lib.iam

policy := input.resource.attributes.policy

foreign := iam.foreign_accounts(policy, input.resource.account_id) if is_object(policy)

foreign := set() if not is_object(policy)

status := "PASS" if count(foreign) == 0

status := "FAIL" if count(foreign) > 0

reason := sprintf("bucket %s grants no access to other AWS accounts", [input.resource.name]) if status == "PASS"

# "*" stands for every account (an unrestricted public statement).
shown := sort({label | some a in foreign; label := account_label(a)})

account_label(a) := "every account (Principal \"*\")" if a == "*"

account_label(a) := a if a != "*"

reason := sprintf("bucket %s grants access to other AWS accounts: %s", [input.resource.name, concat(", ", shown)]) if status == "FAIL"

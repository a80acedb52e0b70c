# METADATA
# title: IAM users have at most one active access key
# description: |
#   A second active key is meant only for the short overlap of a rotation. Users who
#   keep two active keys double the long-lived secrets to protect and usually lose
#   track of one of them. Reads the user's row of the credential report.
# custom:
#   id: fuzz_control
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::User
#   requires: [credential]
#   risk: A forgotten second key stays valid after the other is rotated and can be used by whoever holds it.
#   remediation:
#     text: Find which key is still in use (its last-used date), deactivate the other, then delete it.
#     cli: aws iam update-access-key --user-name USER --access-key-id AKIA... --status Inactive
package parapet.aws.iam.fuzz_control

# METADATA
# title: Secrets Manager secret rotates automatically
# description: |
#   Checks that automatic rotation is turned on for the secret, so its value is replaced
#   on a schedule by a rotation function (or managed rotation) rather than living as long
#   as nobody touches it.
# custom:
#   id: fuzz_control
#   severity: medium
#   service: secretsmanager
#   resource_type: AWS::SecretsManager::Secret
#   requires: [RotationEnabled]
#   risk: A leaked secret (in logs, a laptop, an old container image) keeps working indefinitely.
#   remediation:
#     text: Turn on rotation with a schedule (managed rotation for RDS and other supported services, or a rotation Lambda function).
#     cli: aws secretsmanager rotate-secret --secret-id SECRET --rotation-lambda-arn FUNCTION_ARN --rotation-rules AutomaticallyAfterDays=30
#     terraform: |
#       resource "aws_secretsmanager_secret_rotation" "this" {
#         secret_id           = aws_secretsmanager_secret.this.id
#         rotation_lambda_arn = aws_lambda_function.rotate.arn
#         rotation_rules {
#           automatically_after_days = 30
#         }
#       }
package parapet.aws.secretsmanager.fuzz_control

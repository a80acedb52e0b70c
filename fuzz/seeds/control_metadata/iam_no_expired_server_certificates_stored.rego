# METADATA
# title: No expired server certificates are stored in IAM
# description: |
#   IAM can store TLS server certificates for load balancers and CloudFront. Expired
#   ones serve no purpose and can be deployed by mistake, breaking TLS or
#   presenting an invalid certificate to clients.
# custom:
#   id: fuzz_control
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::ServerCertificate
#   requires: [Expiration]
#   risk: An expired certificate attached by mistake causes outages or trains users to click through certificate warnings.
#   remediation:
#     text: Delete expired server certificates from IAM after confirming nothing uses them; prefer ACM, which renews certificates itself.
#     cli: aws iam delete-server-certificate --server-certificate-name NAME
package parapet.aws.iam.fuzz_control

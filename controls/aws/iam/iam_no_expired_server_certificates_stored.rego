# METADATA
# title: No expired server certificates are stored in IAM
# description: |
#   IAM can store TLS server certificates for load balancers and CloudFront. Expired
#   ones serve no purpose and can be deployed by mistake, breaking TLS or
#   presenting an invalid certificate to clients.
# custom:
#   id: iam_no_expired_server_certificates_stored
#   severity: medium
#   service: iam
#   resource_type: AWS::IAM::ServerCertificate
#   requires: [Expiration]
#   risk: An expired certificate attached by mistake causes outages or trains users to click through certificate warnings.
#   remediation:
#     text: Delete expired server certificates from IAM after confirming nothing uses them; prefer ACM, which renews certificates itself.
#     cli: aws iam delete-server-certificate --server-certificate-name NAME
package parapet.aws.iam.iam_no_expired_server_certificates_stored

import rego.v1

expiration := input.resource.attributes.Expiration

expired if {
	is_string(expiration)
	time.parse_rfc3339_ns(expiration) <= time.parse_rfc3339_ns(input.now)
}

status := "FAIL" if expired

status := "PASS" if {
	is_string(expiration)
	not expired
}

reason := sprintf("server certificate %s expired on %s", [input.resource.name, expiration]) if status == "FAIL"

reason := sprintf("server certificate %s is valid until %s", [input.resource.name, expiration]) if status == "PASS"

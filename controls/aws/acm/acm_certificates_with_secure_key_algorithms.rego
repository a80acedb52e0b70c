# METADATA
# title: ACM certificate uses a secure key and signature algorithm
# description: |
#   Checks the certificate's KeyAlgorithm and SignatureAlgorithm: RSA keys shorter than
#   2048 bits, and signatures with SHA-1 or MD5, fail. RSA 2048 or longer and the ECDSA
#   curves P-256, P-384 and P-521 with SHA-2 signatures pass.
# custom:
#   id: acm_certificates_with_secure_key_algorithms
#   severity: high
#   service: acm
#   resource_type: AWS::CertificateManager::Certificate
#   requires: [KeyAlgorithm, SignatureAlgorithm]
#   risk: Weak keys or signatures let an attacker forge or break the certificate and impersonate the service.
#   remediation:
#     text: Request or import a replacement certificate with RSA 2048+ or an ECDSA key and a SHA-256 or stronger signature, and attach it where the old one is used.
#     cli: aws acm request-certificate --domain-name example.com --validation-method DNS --key-algorithm EC_prime256v1
#     cloudformation: |
#       Certificate:
#         Type: AWS::CertificateManager::Certificate
#         Properties:
#           DomainName: example.com
#           ValidationMethod: DNS
#           KeyAlgorithm: EC_prime256v1
#     terraform: |
#       resource "aws_acm_certificate" "this" {
#         domain_name       = "example.com"
#         validation_method = "DNS"
#         key_algorithm     = "EC_prime256v1"
#       }
package parapet.aws.acm.acm_certificates_with_secure_key_algorithms

import rego.v1

attrs := input.resource.attributes

weak_keys := {"RSA_1024"}

weak_signature if {
	is_string(attrs.SignatureAlgorithm)
	regex.match(`(?i)(sha1|md5|md2)`, attrs.SignatureAlgorithm)
}

weaknesses := array.concat(
	[sprintf("key %s", [attrs.KeyAlgorithm]) | attrs.KeyAlgorithm in weak_keys],
	[sprintf("signature %s", [attrs.SignatureAlgorithm]) | weak_signature],
)

known if {
	is_string(attrs.KeyAlgorithm)
	is_string(attrs.SignatureAlgorithm)
}

status := "PASS" if {
	known
	count(weaknesses) == 0
}

status := "FAIL" if count(weaknesses) > 0

reason := sprintf("certificate %s uses key %s and signature %s", [input.resource.name, attrs.KeyAlgorithm, attrs.SignatureAlgorithm]) if status == "PASS"

reason := sprintf("certificate %s uses a weak %s", [input.resource.name, concat(" and ", weaknesses)]) if status == "FAIL"

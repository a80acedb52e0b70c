# METADATA
# title: ACM certificate in use does not expire within 30 days
# description: |
#   Checks certificates that are attached to something (InUseBy not empty) for an
#   expiry date less than 30 days after the scan, or already past. ACM renews the
#   certificates it issued when it can validate them; imported certificates, and issued
#   ones whose validation fails, must be replaced by hand. Unused certificates are skipped.
# custom:
#   id: acm_certificates_expiration_check
#   severity: high
#   service: acm
#   resource_type: AWS::CertificateManager::Certificate
#   requires: [NotAfter, InUseBy]
#   risk: The service behind the certificate fails TLS handshakes and goes down for its users, or people learn to click through warnings.
#   remediation:
#     text: Renew or re-import the certificate (for ACM-issued ones, fix DNS or email validation so automatic renewal succeeds).
#     cli: aws acm describe-certificate --certificate-arn CERT_ARN --query 'Certificate.RenewalSummary'
package parapet.aws.acm.acm_certificates_expiration_check

import rego.v1

import data.parapet.lib.util

min_days := 30

attrs := input.resource.attributes

in_use if count(util.as_list(attrs.InUseBy)) > 0

days_left := 0 - util.days_since(attrs.NotAfter)

status := "SKIPPED" if not in_use

status := "PASS" if {
	in_use
	days_left >= min_days
}

status := "FAIL" if {
	in_use
	days_left < min_days
}

reason := sprintf("certificate %s is not in use", [input.resource.name]) if status == "SKIPPED"

reason := sprintf("certificate %s expires in %d days", [input.resource.name, days_left]) if {
	status in {"PASS", "FAIL"}
	days_left >= 0
}

reason := sprintf("certificate %s expired %d days ago and is still in use", [input.resource.name, 0 - days_left]) if {
	status == "FAIL"
	days_left < 0
}

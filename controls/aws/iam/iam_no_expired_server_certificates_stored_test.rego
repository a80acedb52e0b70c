package parapet.aws.iam.iam_no_expired_server_certificates_stored_test

import rego.v1

import data.parapet.aws.iam.iam_no_expired_server_certificates_stored as control

cert(expiration) := {"now": "2026-03-01T00:00:00Z", "resource": {"name": "www-2025", "attributes": {
	"ServerCertificateName": "www-2025", "Expiration": expiration, "UploadDate": "2025-01-01T00:00:00Z",
}}}

test_valid_passes if {
	control.status == "PASS" with input as cert("2026-09-01T00:00:00Z")
	contains(control.reason, "www-2025") with input as cert("2026-09-01T00:00:00Z")
}

test_expired_fails if {
	control.status == "FAIL" with input as cert("2026-01-01T00:00:00Z")
	contains(control.reason, "expired") with input as cert("2026-01-01T00:00:00Z")
}

test_expiring_at_scan_time_fails if control.status == "FAIL" with input as cert("2026-03-01T00:00:00Z")

test_missing_expiration_does_not_pass if not control.status with input as cert(null)

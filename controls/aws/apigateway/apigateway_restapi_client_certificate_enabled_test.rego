package parapet.aws.apigateway.apigateway_restapi_client_certificate_enabled_test

import rego.v1

import data.parapet.aws.apigateway.apigateway_restapi_client_certificate_enabled as control

stage(attrs) := {"resource": {"name": "shop/prod", "attributes": attrs}}

test_certificate_passes if {
	control.status == "PASS" with input as stage({"clientCertificateId": "abc123"})
	control.reason == "API stage shop/prod presents client certificate abc123 to its backend" with input as stage({"clientCertificateId": "abc123"})
}

test_no_certificate_fails if {
	# The API leaves the field out when no certificate is set.
	control.status == "FAIL" with input as stage({"stageName": "prod"})
	control.status == "FAIL" with input as stage({"clientCertificateId": null})
}

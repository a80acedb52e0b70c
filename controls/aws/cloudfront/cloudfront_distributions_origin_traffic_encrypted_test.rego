package parapet.aws.cloudfront.cloudfront_distributions_origin_traffic_encrypted_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_origin_traffic_encrypted as control

custom(id, policy) := {"Id": id, "CustomOriginConfig": {"OriginProtocolPolicy": policy}}

s3(id) := {"Id": id, "S3OriginConfig": {"OriginAccessIdentity": null}}

dist(origins, viewer) := {"resource": {"name": "E1", "attributes": {"Origins": {"Quantity": "1", "Items": origins}, "viewer_protocol_policies": viewer}}}

test_https_only_passes if {
	inp := dist([custom("api", "https-only"), s3("assets")], ["redirect-to-https"])
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 reaches all its origins over HTTPS" with input as inp
}

test_http_only_fails if {
	inp := dist([custom("api", "http-only"), s3("assets")], ["https-only"])
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 may reach origins over plain HTTP: api" with input as inp
}

test_match_viewer_with_http_viewers_fails if control.status == "FAIL" with input as dist([custom("api", "match-viewer")], ["redirect-to-https", "allow-all"])

test_match_viewer_with_https_viewers_passes if control.status == "PASS" with input as dist([custom("api", "match-viewer")], ["redirect-to-https"])

test_s3_origin_with_http_viewers_fails if {
	inp := dist([s3("assets")], ["allow-all"])
	control.reason == "distribution E1 may reach origins over plain HTTP: assets" with input as inp
}

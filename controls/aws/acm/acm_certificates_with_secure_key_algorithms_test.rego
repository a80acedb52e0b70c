package parapet.aws.acm.acm_certificates_with_secure_key_algorithms_test

import rego.v1

import data.parapet.aws.acm.acm_certificates_with_secure_key_algorithms as control

res(key, sig) := {"resource": {"name": "example.com", "attributes": {"KeyAlgorithm": key, "SignatureAlgorithm": sig}}}

test_rsa_2048_sha256_passes if {
	control.status == "PASS" with input as res("RSA_2048", "SHA256WITHRSA")
	control.reason == "certificate example.com uses key RSA_2048 and signature SHA256WITHRSA" with input as res("RSA_2048", "SHA256WITHRSA")
}

test_ecdsa_passes if control.status == "PASS" with input as res("EC_prime256v1", "SHA256WITHECDSA")

test_rsa_1024_fails if {
	control.status == "FAIL" with input as res("RSA_1024", "SHA256WITHRSA")
	control.reason == "certificate example.com uses a weak key RSA_1024" with input as res("RSA_1024", "SHA256WITHRSA")
}

test_sha1_signature_fails if {
	control.reason == "certificate example.com uses a weak signature SHA1WITHRSA" with input as res("RSA_2048", "SHA1WITHRSA")
}

test_both_weak_are_named if {
	control.reason == "certificate example.com uses a weak key RSA_1024 and signature MD5WITHRSA" with input as res("RSA_1024", "MD5WITHRSA")
}

test_unknown_decides_nothing if not control.status with input as res("RSA_2048", null)

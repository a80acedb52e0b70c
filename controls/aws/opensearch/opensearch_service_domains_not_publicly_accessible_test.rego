package parapet.aws.opensearch.opensearch_service_domains_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_not_publicly_accessible as control

res(in_vpc, policy) := {"resource": {"name": "search", "attributes": {"in_vpc": in_vpc, "AccessPolicies": policy}}}

doc(st) := {"Version": "2012-10-17", "Statement": [st]}

open_st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "arn:aws:es:us-east-1:111122223333:domain/search/*"}

test_vpc_domain_passes_whatever_the_policy if {
	control.status == "PASS" with input as res(true, doc(open_st))
	control.reason == "OpenSearch domain search is in a VPC and has no public endpoint" with input as res(true, doc(open_st))
}

test_public_open_policy_fails if {
	control.status == "FAIL" with input as res(false, doc(open_st))
	control.reason == "OpenSearch domain search has a public endpoint and its access policy allows any principal without a restricting condition" with input as res(false, doc(open_st))
}

test_star_principal_fails if control.status == "FAIL" with input as res(false, doc(object.union(open_st, {"Principal": "*"})))

test_not_principal_fails if control.status == "FAIL" with input as res(false, doc({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "es:*", "Resource": "*"}))

test_ip_condition_passes if {
	st := object.union(open_st, {"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}})
	control.status == "PASS" with input as res(false, doc(st))
	control.reason == "OpenSearch domain search has a public endpoint but its access policy admits no anonymous caller" with input as res(false, doc(st))
}

test_named_account_passes if control.status == "PASS" with input as res(false, doc(object.union(open_st, {"Principal": {"AWS": "arn:aws:iam::111122223333:role/app"}})))

test_public_deny_passes if control.status == "PASS" with input as res(false, doc(object.union(open_st, {"Effect": "Deny"})))

test_no_policy_passes if control.status == "PASS" with input as res(false, null)

# CIDRs whose union is the whole IPv4 space restrict nothing.
test_ip_halves_covering_everything_fail if {
	st := object.union(open_st, {"Condition": {"IpAddress": {"aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"]}}})
	control.status == "FAIL" with input as res(false, doc(st))
}

test_every_ipv6_address_fails if {
	st := object.union(open_st, {"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "::/0"]}}})
	control.status == "FAIL" with input as res(false, doc(st))
}

test_negated_ip_fails if {
	st := object.union(open_st, {"Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}})
	control.status == "FAIL" with input as res(false, doc(st))
}

test_user_name_condition_fails if {
	st := object.union(open_st, {"Condition": {"StringEquals": {"aws:username": "admin"}}})
	control.status == "FAIL" with input as res(false, doc(st))
}

package parapet.aws.servicecatalog.servicecatalog_portfolio_shared_within_organization_only_test

import rego.v1

import data.parapet.aws.servicecatalog.servicecatalog_portfolio_shared_within_organization_only as control

res(shares) := {"resource": {"name": "platform", "attributes": {"shares": shares}}}

test_unshared_passes if {
	control.status == "PASS" with input as res([])
	control.reason == "portfolio platform is not shared outside AWS Organizations (0 organization share(s))" with input as res([])
}

test_organization_share_passes if control.status == "PASS" with input as res([{"Type": "ORGANIZATION", "PrincipalId": "o-abc123"}, {"Type": "ORGANIZATIONAL_UNIT", "PrincipalId": "ou-ab12-cdef3456"}])

test_account_share_fails if {
	inp := res([{"Type": "ORGANIZATION", "PrincipalId": "o-abc123"}, {"Type": "ACCOUNT", "PrincipalId": "444455556666"}])
	control.status == "FAIL" with input as inp
	control.reason == "portfolio platform is shared directly with account(s) 444455556666" with input as inp
}

test_unreadable_decides_nothing if not control.status with input as res(null)

# METADATA
# title: Service Catalog portfolio is shared only through AWS Organizations
# description: |
#   Checks the portfolio's shares (DescribePortfolioShares): sharing with the
#   organization, an organizational unit or a member account found through the
#   organization passes; a share with an account by plain account id (type ACCOUNT) fails,
#   because such accounts need not belong to the organization.
# custom:
#   id: servicecatalog_portfolio_shared_within_organization_only
#   severity: medium
#   service: servicecatalog
#   resource_type: AWS::ServiceCatalog::Portfolio
#   requires: [shares]
#   risk: Products, and the launch roles and templates behind them, are offered to accounts outside the organization's control.
#   remediation:
#     text: Remove account-id shares and share the portfolio with the organization or an organizational unit instead.
#     cli: aws servicecatalog delete-portfolio-share --portfolio-id PORTFOLIO_ID --account-id ACCOUNT_ID
package parapet.aws.servicecatalog.servicecatalog_portfolio_shared_within_organization_only

import rego.v1

shares := input.resource.attributes.shares

outside := sort([s.PrincipalId | some s in shares; s.Type == "ACCOUNT"]) if is_array(shares)

status := "PASS" if {
	is_array(shares)
	count(outside) == 0
}

status := "FAIL" if count(outside) > 0

reason := sprintf("portfolio %s is not shared outside AWS Organizations (%d organization share(s))", [input.resource.name, count(shares)]) if status == "PASS"

reason := sprintf("portfolio %s is shared directly with account(s) %s", [input.resource.name, concat(", ", outside)]) if status == "FAIL"

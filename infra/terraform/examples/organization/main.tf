# A scanner in a security account that accepts every account of an Organization, and
# one member account onboarded with the target-account module. To onboard every account,
# including new ones, without running Terraform in each, use the CloudFormation StackSet
# (infra/cloudformation/organization-stackset.yml) from the management account; Terraform
# can create it too (aws_cloudformation_stack_set with auto_deployment), as below.
#   terraform init && terraform apply -var code_bucket=... -var organization_id=o-... \
#     -var root_ou_id=r-... -var templates_bucket=...
# No ExternalId is passed: each account's stack asks the onboard function for its own.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40"
    }
  }
}

variable "code_bucket" {
  type = string
}

variable "organization_id" {
  type = string
}

variable "root_ou_id" {
  description = "The Organization's root id (r-...), or an OU id."
  type        = string
}

variable "templates_bucket" {
  description = "Bucket holding parapet/target-account.yml and parapet/target-account-region.yml."
  type        = string
}

variable "forwarded_regions" {
  type    = list(string)
  default = ["us-east-1", "eu-west-1"]
}

# The security account, where the scanner runs.
provider "aws" {
  region = "us-east-1"
}

# The management account (or a delegated StackSets administrator).
provider "aws" {
  alias  = "management"
  region = "us-east-1"
}

data "aws_caller_identity" "scanner" {}

module "scanner" {
  source          = "../../modules/scanner"
  code_bucket     = var.code_bucket
  organization_id = var.organization_id
}

resource "aws_cloudformation_stack_set" "target" {
  provider         = aws.management
  name             = "parapet-target"
  permission_model = "SERVICE_MANAGED"
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_url     = "https://${var.templates_bucket}.s3.amazonaws.com/parapet/target-account.yml"
  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }
  parameters = {
    ScannerAccountId          = data.aws_caller_identity.scanner.account_id
    ScannerEventBusArn        = module.scanner.event_bus_arn
    OnboardFunctionArn        = module.scanner.onboard_function_arn
    ForwardEventsInThisRegion = "false"
  }
  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

resource "aws_cloudformation_stack_set_instance" "target" {
  provider       = aws.management
  stack_set_name = aws_cloudformation_stack_set.target.name
  region         = "us-east-1"
  deployment_targets {
    organizational_unit_ids = [var.root_ou_id]
  }
}

resource "aws_cloudformation_stack_set" "regions" {
  provider         = aws.management
  name             = "parapet-target-regions"
  permission_model = "SERVICE_MANAGED"
  template_url     = "https://${var.templates_bucket}.s3.amazonaws.com/parapet/target-account-region.yml"
  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }
  parameters = {
    ScannerEventBusArn = module.scanner.event_bus_arn
  }
  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

resource "aws_cloudformation_stack_set_instance" "regions" {
  for_each       = toset(var.forwarded_regions)
  provider       = aws.management
  stack_set_name = aws_cloudformation_stack_set.regions.name
  region         = each.value
  deployment_targets {
    organizational_unit_ids = [var.root_ou_id]
  }
  depends_on = [aws_cloudformation_stack_set_instance.target]
}

output "event_bus_arn" {
  value = module.scanner.event_bus_arn
}

output "onboard_function_arn" {
  value = module.scanner.onboard_function_arn
}

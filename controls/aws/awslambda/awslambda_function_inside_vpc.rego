# METADATA
# title: Lambda function runs inside a VPC
# description: |
#   Checks that the function is attached to a VPC (VpcConfig names a VPC), so its network
#   traffic goes through the VPC's security groups, routes and flow logs.
# custom:
#   id: awslambda_function_inside_vpc
#   severity: low
#   service: awslambda
#   resource_type: AWS::Lambda::Function
#   requires: [VpcConfig, in_vpc]
#   risk: A function outside a VPC reaches the internet directly, out of reach of the network controls and monitoring the rest of the workload has.
#   remediation:
#     text: Attach the function to private subnets with a security group, and give it VPC endpoints or a NAT gateway for what it must reach.
#     cli: aws lambda update-function-configuration --function-name FUNCTION --vpc-config SubnetIds=subnet-1,subnet-2,SecurityGroupIds=sg-1
#     terraform: |
#       resource "aws_lambda_function" "this" {
#         vpc_config {
#           subnet_ids         = aws_subnet.private[*].id
#           security_group_ids = [aws_security_group.lambda.id]
#         }
#       }
package parapet.aws.awslambda.awslambda_function_inside_vpc

import rego.v1

attrs := input.resource.attributes

status := "PASS" if attrs.in_vpc == true

status := "FAIL" if attrs.in_vpc == false

reason := sprintf("function %s runs in VPC %s", [input.resource.name, attrs.VpcConfig.VpcId]) if status == "PASS"

reason := sprintf("function %s is not attached to a VPC", [input.resource.name]) if status == "FAIL"

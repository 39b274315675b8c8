// Package terraform reads a Terraform root module directory into an
// appmodel.App without running Terraform: no init, no plan, no providers,
// no credentials.
//
// The files are parsed with hcl (native syntax and JSON), override files are
// merged as Terraform merges them, and every expression is evaluated with
// go-cty on demand: a reference to a local, a resource, a data source or a
// module output evaluates that object first, so declarations may come in
// any order and a cycle is reported with its path.
//
// Attributes that only exist after apply (ARNs, invoke ARNs, API ids, URLs)
// get the deterministic values the rest of ldk uses for the same things
// (see appmodel.Env), so an integration's `integration_uri` still names the
// function it points at. An attribute ldk cannot know becomes the readable
// placeholder "(known after apply: ADDRESS.ATTR)" and one warning.
//
// # Use
//
//	app, err := terraform.Load("./infra", terraform.Options{
//		Vars:     []string{"stage=dev"},
//		VarFiles: []string{"dev.tfvars"},
//	})
//	if err != nil {
//		_ = terraform.WriteDiagnostics(os.Stderr, err) // every finding, with source
//		return err
//	}
//
// Warnings (placeholders, layers not on disk, ignored values) come back in
// app.Diagnostics; errors come back as an *Error.
//
// # What is read
//
// Functions (aws_lambda_function, with code from an archive_file's sources,
// a zip extracted into the cache, or listed as not runnable for S3 and
// image packages), layers, aliases, function URLs, event source mappings,
// EventBridge rules and targets, S3 bucket notifications, state machines,
// HTTP APIs (routes, integrations, stages, authorizers, quick create) and
// REST APIs (resources, methods, AWS_PROXY integrations, OpenAPI bodies,
// stages, deployments, authorizers). Every other resource is evaluated so
// references to it work, and otherwise ignored. The data sources
// aws_caller_identity, aws_region, aws_partition and aws_lambda_function
// are answered from appmodel.Env; other data sources give placeholders.
//
// Object addresses are Terraform's (`module.api.aws_lambda_function.this["get"]`)
// and path.module, path.root and path.cwd are absolute paths.
//
// # Variable precedence
//
// Lowest first: a variable's default, TF_VAR_name, terraform.tfvars(.json),
// *.auto.tfvars(.json) in name order, `variables:` from ldk.yaml, then the
// -var-file files in order, then -var values in order. ldk.yaml sits above
// the files Terraform reads by itself because it is the local override a
// developer keeps for ldk, and below the command line, like every ldk
// setting.
package terraform

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
// # Variable precedence
//
// Lowest first: a variable's default, TF_VAR_name, terraform.tfvars(.json),
// *.auto.tfvars(.json) in name order, `variables:` from ldk.yaml, then the
// -var-file files in order, then -var values in order. ldk.yaml sits above
// the files Terraform reads by itself because it is the local override a
// developer keeps for ldk, and below the command line, like every ldk
// setting.
package terraform

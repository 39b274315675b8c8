package terraform

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/ldkdev/ldk/appmodel"
)

// builder turns evaluated instances into the app model.
type builder struct {
	l   *loader
	app *appmodel.App
	// fns maps every string that names a function (its name, ARNs, invoke
	// ARNs, alias ARNs) to the function's name.
	fns map[string]string
	// layers maps layer version ARNs to their content directories.
	layers map[string]string
}

// build assembles the model from every evaluated instance.
func (l *loader) build() *appmodel.App {
	b := &builder{
		l:      l,
		app:    &appmodel.App{Source: "terraform", Root: l.root},
		fns:    map[string]string{},
		layers: map[string]string{},
	}
	b.each("aws_lambda_layer_version", b.layer)
	b.each("aws_lambda_function", b.function)
	b.checkNames()
	b.each("aws_lambda_alias", b.alias)
	b.each("aws_lambda_function_url", b.functionURL)
	b.httpAPIs()
	b.restAPIs()
	b.each("aws_lambda_event_source_mapping", b.eventSourceMapping)
	b.eventRules()
	b.each("aws_s3_bucket_notification", b.bucketNotification)
	b.each("aws_sfn_state_machine", b.stateMachine)

	sortDiags(l.diags)
	for _, d := range l.diags {
		b.app.Diagnostics = append(b.app.Diagnostics, toModelDiag(d))
	}
	return b.app
}

// each calls f for every instance of a managed resource type, in
// evaluation order.
func (b *builder) each(typ string, f func(*instance)) {
	for _, in := range b.l.instances {
		if !in.decl.data && in.decl.typ == typ {
			f(in)
		}
	}
}

// function records an aws_lambda_function and the names it goes by.
func (b *builder) function(in *instance) {
	v := in.val
	name := str(v, "function_name")
	f := appmodel.Function{
		Name:               name,
		LogicalID:          in.addr,
		Stack:              in.mod.addr,
		ARN:                b.l.env.FunctionARN(name),
		Runtime:            str(v, "runtime"),
		Handler:            str(v, "handler"),
		MemoryMB:           intOr(v, "memory_size", 128),
		TimeoutSeconds:     intOr(v, "timeout", 3),
		Architecture:       appmodel.ArchX86,
		PackageType:        appmodel.PackageZip,
		EphemeralStorageMB: intOr(block(v, "ephemeral_storage"), "size", 512),
		Environment:        strMap(block(v, "environment"), "variables"),
		Runnable:           true,
	}
	if archs := strList(v, "architectures"); len(archs) > 0 {
		f.Architecture = archs[0]
	}
	b.checkLimits(in, &f)
	if n, ok := num(v, "reserved_concurrent_executions"); ok && n >= 0 {
		f.ReservedConcurrency = &n
	}

	if pt := str(v, "package_type"); pt == appmodel.PackageImage || str(v, "image_uri") != "" {
		f.PackageType = appmodel.PackageImage
		f.ImageURI = str(v, "image_uri")
		f.Runnable = false
		// TODO: image functions are listed but not run: ldk does not pull
		// registry images; the user sees this reason in `ldk ls`.
		f.Reason = fmt.Sprintf("%s runs the container image %s, which ldk does not pull", in.addr, f.ImageURI)
	} else {
		c := b.l.resolveCode(v, in.addr)
		f.CodeDir = c.dir
		if c.reason != "" {
			f.Runnable, f.Reason = false, c.reason
		}
	}

	if !f.Runnable {
		b.warnAt(in, "Function not runnable", fmt.Sprintf(
			"%s. ldk serves the rest of the app; invoking this function answers ResourceNotReadyException.",
			strings.TrimSuffix(f.Reason, ".")))
	}

	for _, arn := range strList(v, "layers") {
		if dir, ok := b.layers[arn]; ok && dir != "" {
			f.Layers = append(f.Layers, dir)
			continue
		}
		b.warnAt(in, "Layer content not available", fmt.Sprintf(
			"%s uses layer %s, which this configuration does not build from local files; the function runs without it.",
			in.addr, arn))
	}

	b.app.Functions = append(b.app.Functions, f)
	for _, k := range []string{"function_name", "arn", "invoke_arn", "qualified_arn", "qualified_invoke_arn"} {
		if s := str(v, k); s != "" {
			b.fns[s] = name
		}
	}
}

// checkNames warns about two functions with one name: only the first
// answers to that name in `ldk invoke` and in routes.
func (b *builder) checkNames() {
	first := map[string]string{}
	for _, f := range b.app.Functions {
		prev, dup := first[f.Name]
		if !dup {
			first[f.Name] = f.LogicalID
			continue
		}
		b.l.warn("Duplicate function name", fmt.Sprintf(
			"%s and %s are both named %q; AWS would refuse the second. Give each function its own function_name.",
			prev, f.LogicalID, f.Name))
	}
}

// layer records a layer version and where its content is.
func (b *builder) layer(in *instance) {
	v := in.val
	c := b.l.resolveCode(v, in.addr)
	if c.reason != "" {
		b.warnAt(in, "Layer content not available", c.reason)
	}
	arn := str(v, "arn")
	b.layers[arn] = c.dir
	b.app.Layers = append(b.app.Layers, appmodel.Layer{
		Name: str(v, "layer_name"), LogicalID: in.addr, Stack: in.mod.addr,
		ARN: arn, Dir: c.dir, CompatibleRuntimes: strList(v, "compatible_runtimes"),
	})
}

// alias lets references to an alias reach its function.
func (b *builder) alias(in *instance) {
	fn := b.findFunction(str(in.val, "function_name"))
	if fn == "" {
		return
	}
	for _, k := range []string{"arn", "invoke_arn"} {
		if s := str(in.val, k); s != "" {
			b.fns[s] = fn
		}
	}
	name := str(in.val, "name")
	for i := range b.app.Functions {
		f := &b.app.Functions[i]
		if f.Name == fn && name != "" && !slices.Contains(f.Aliases, name) {
			f.Aliases = append(f.Aliases, name)
		}
	}
}

// functionURL records a function URL.
func (b *builder) functionURL(in *instance) {
	fn := b.findFunction(str(in.val, "function_name"))
	if fn == "" {
		b.warnAt(in, "Function URL target not found", fmt.Sprintf(
			"%s points at %q, which is not a function of this configuration.", in.addr, str(in.val, "function_name")))
		return
	}
	b.app.FunctionURLs = append(b.app.FunctionURLs, appmodel.FunctionURL{
		Function: fn, AuthType: strOr(in.val, "authorization_type", "NONE"),
		LogicalID: in.addr, Qualifier: str(in.val, "qualifier"),
	})
}

// findFunction resolves a function name, ARN (with or without qualifier),
// or invoke ARN to a function name; "" when it is not one of ours.
func (b *builder) findFunction(ref string) string {
	if n, ok := b.fns[ref]; ok {
		return n
	}
	if i := strings.Index(ref, "/functions/"); i >= 0 {
		return b.findFunction(strings.TrimSuffix(ref[i+len("/functions/"):], "/invocations"))
	}
	if parts := strings.Split(ref, ":"); len(parts) >= 7 && parts[5] == "function" {
		if n, ok := b.fns[parts[6]]; ok {
			return n
		}
	}
	return ""
}

// warnAt adds a warning about an instance to the model.
func (b *builder) warnAt(in *instance, summary, detail string) {
	b.l.diags = append(b.l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning, Summary: summary, Detail: detail, Subject: in.decl.rng.Ptr(),
	})
}

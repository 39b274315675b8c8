package cdk

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// AWS defaults for function properties a template leaves out.
const (
	defaultMemoryMB  = 128
	defaultTimeout   = 3
	defaultEphemeral = 512
)

// fnInfo locates a function of the model and the stack it came from.
type fnInfo struct {
	index int // into app.Functions
	stack *stack
	id    string
}

// readFunctions adds every AWS::Lambda::Function of a stack.
func (ld *loader) readFunctions(st *stack) {
	for _, id := range st.ofType("AWS::Lambda::Function") {
		f := ld.readFunction(st, id)
		if prev, dup := ld.funcs[f.Name]; dup {
			ld.errorf(st.file, "Resources."+id+".Properties.FunctionName", "give each function its own FunctionName",
				"function name %q is used by %s/%s too", f.Name, prev.stack.name, prev.id)
			continue
		}
		ld.funcs[f.Name] = &fnInfo{index: len(ld.app.Functions), stack: st, id: id}
		ld.app.Functions = append(ld.app.Functions, f)
	}
}

// readFunction reads one function's properties with AWS's defaults.
func (ld *loader) readFunction(st *stack, id string) appmodel.Function {
	p := st.props(id)
	base := "Resources." + id + ".Properties"
	name := st.physicalName(id)
	f := appmodel.Function{
		Name:               name,
		LogicalID:          id,
		Stack:              st.name,
		ConstructPath:      st.constructPath(id),
		ARN:                st.env.FunctionARN(name),
		Runtime:            st.str(p["Runtime"], base+".Runtime"),
		Handler:            st.str(p["Handler"], base+".Handler"),
		MemoryMB:           st.intProp(p["MemorySize"], base+".MemorySize", defaultMemoryMB),
		TimeoutSeconds:     st.intProp(p["Timeout"], base+".Timeout", defaultTimeout),
		Architecture:       appmodel.ArchX86,
		PackageType:        appmodel.PackageZip,
		EphemeralStorageMB: defaultEphemeral,
		Environment:        map[string]string{},
	}
	if pt := st.str(p["PackageType"], base+".PackageType"); pt != "" {
		f.PackageType = pt
	}
	if archs, ok := st.list(p["Architectures"], base+".Architectures"); ok && len(archs) > 0 {
		f.Architecture = st.toString(archs[0], base+".Architectures[0]")
	}
	if eph, ok := p["EphemeralStorage"].(map[string]any); ok {
		f.EphemeralStorageMB = st.intProp(eph["Size"], base+".EphemeralStorage.Size", defaultEphemeral)
	}
	if rc, ok := p["ReservedConcurrentExecutions"]; ok {
		n := st.intProp(rc, base+".ReservedConcurrentExecutions", 0)
		f.ReservedConcurrency = &n
	}
	if env, ok := p["Environment"].(map[string]any); ok {
		vars, _ := st.resolve(env["Variables"], base+".Environment.Variables").(map[string]any)
		for _, k := range sortedKeys(vars) {
			f.Environment[k] = st.toString(vars[k], base+".Environment.Variables."+k)
		}
	}
	st.checkLimits(&f, base)
	f.Layers = ld.functionLayers(st, id)
	ld.functionCode(st, id, &f)
	f.Internal = isInternal(id, f.ConstructPath)
	return f
}

// checkLimits warns about a memory size, timeout or /tmp size Lambda
// would refuse, and keeps the nearest value it accepts.
func (st *stack) checkLimits(f *appmodel.Function, base string) {
	checks := []struct {
		value *int
		path  string
		limit appmodel.Limit
	}{
		{&f.MemoryMB, base + ".MemorySize", appmodel.MemoryLimit},
		{&f.TimeoutSeconds, base + ".Timeout", appmodel.TimeoutLimit},
		{&f.EphemeralStorageMB, base + ".EphemeralStorage.Size", appmodel.EphemeralStorageLimit},
	}
	for _, c := range checks {
		use, msg := c.limit.Check(*c.value)
		if msg == "" {
			continue
		}
		st.ld.warnf(st.file, c.path, fmt.Sprintf("give a value from %d to %d; AWS refuses to deploy this one", c.limit.Min, c.limit.Max),
			"function %q: %s", f.Name, msg)
		*c.value = use
	}
}

// intProp resolves an integer property, def when it is absent.
func (st *stack) intProp(v any, path string, def int) int {
	if v == nil {
		return def
	}
	r := st.resolve(v, path)
	if _, ok := r.(noValue); ok {
		return def
	}
	if n, ok := intOf(r); ok {
		return n
	}
	st.ld.errorf(st.file, path, "give a whole number", "expected a whole number, found %v", r)
	return def
}

// functionByRef finds the function a resolved reference names: a name, a
// function, alias or version ARN, or an API Gateway invoke ARN.
func (ld *loader) functionByRef(ref string) (*appmodel.Function, string) {
	name, qualifier := functionFromURI(ref)
	if info, ok := ld.funcs[name]; ok {
		return &ld.app.Functions[info.index], qualifier
	}
	return nil, ""
}

// targetFunction resolves a property that points at a function and
// returns it, reporting a warning when it is not part of the app.
func (ld *loader) targetFunction(st *stack, v any, path, what string) (*appmodel.Function, string) {
	ref := st.str(v, path)
	f, q := ld.functionByRef(ref)
	if f == nil {
		ld.warnf(st.file, path, "only functions defined in the selected stacks are run",
			"%s targets %q, which is not a function of this app; skipped", what, ref)
	}
	return f, q
}

// markServiceTokens marks the functions that back custom resources as
// internal: they run at deploy time, not in the app.
func (ld *loader) markServiceTokens(stacks []*stack) {
	for _, st := range stacks {
		for _, id := range sortedKeys(st.resources) {
			t := st.typeOf(id)
			if !strings.HasPrefix(t, "Custom::") && t != "AWS::CloudFormation::CustomResource" {
				continue
			}
			token, ok := st.props(id)["ServiceToken"]
			if !ok {
				continue
			}
			if f, _ := ld.functionByRef(st.str(token, "Resources."+id+".Properties.ServiceToken")); f != nil {
				f.Internal = true
			}
		}
	}
}

// singletonID matches the 32 hex digits CDK puts in the logical IDs of
// the singleton functions it adds (log retention, bucket notifications,
// AwsCustomResource); the app's own functions end in 8 upper-case digits.
var singletonID = regexp.MustCompile(`[0-9a-f]{32}`)

// isInternal reports whether a function is one CDK adds for itself:
// custom-resource providers (Custom::* constructs and the provider
// framework), bucket-notification handlers, log retention, auto-delete
// objects.
func isInternal(logicalID, constructPath string) bool {
	if singletonID.MatchString(logicalID) {
		return true
	}
	for _, seg := range strings.Split(constructPath, "/") {
		if strings.HasPrefix(seg, "Custom::") || strings.HasPrefix(seg, "framework-") {
			return true
		}
	}
	return false
}

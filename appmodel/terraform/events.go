package terraform

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// eventSourceMapping records a queue or stream feeding a function.
func (b *builder) eventSourceMapping(in *instance) {
	fn := b.findFunction(str(in.val, "function_name"))
	if fn == "" {
		b.warnAt(in, "Event source target not found", fmt.Sprintf(
			"%s feeds %q, which is not a function of this configuration.", in.addr, str(in.val, "function_name")))
		return
	}
	src := str(in.val, "event_source_arn")
	typ := "kafka"
	if parts := strings.Split(src, ":"); len(parts) > 2 {
		switch parts[2] {
		case "sqs", "kinesis", "dynamodb", "mq":
			typ = parts[2]
		}
	}
	es := appmodel.EventSource{Function: fn, Type: typ, Source: src, LogicalID: in.addr}
	if n, ok := num(in.val, "batch_size"); ok {
		es.BatchSize = n
	}
	if p := str(in.val, "starting_position"); p != "" {
		es.Detail = map[string]any{"startingPosition": p}
	}
	b.app.EventSources = append(b.app.EventSources, es)
}

// eventRules records EventBridge rules (schedules and patterns) whose
// targets are functions.
func (b *builder) eventRules() {
	rules := map[string]*instance{}
	b.each("aws_cloudwatch_event_rule", func(in *instance) {
		rules[str(in.val, "name")] = in
		rules[str(in.val, "arn")] = in
	})
	b.each("aws_cloudwatch_event_target", func(in *instance) {
		fn := b.findFunction(str(in.val, "arn"))
		if fn == "" {
			return
		}
		rule, ok := rules[str(in.val, "rule")]
		if !ok {
			b.warnAt(in, "Event rule not found", fmt.Sprintf(
				"%s targets rule %q, which this configuration does not declare.", in.addr, str(in.val, "rule")))
			return
		}

		es := appmodel.EventSource{Function: fn, LogicalID: in.addr}
		if s := str(rule.val, "schedule_expression"); s != "" {
			es.Type, es.Source = "schedule", s
		} else {
			es.Type, es.Source = "eventbridge", strOr(rule.val, "event_bus_name", "default")
			var pattern any
			if err := json.Unmarshal([]byte(str(rule.val, "event_pattern")), &pattern); err == nil {
				es.Detail = map[string]any{"eventPattern": pattern}
			}
		}
		if input := str(in.val, "input"); input != "" {
			if es.Detail == nil {
				es.Detail = map[string]any{}
			}
			es.Detail["input"] = input
		}
		b.app.EventSources = append(b.app.EventSources, es)
	})
}

// bucketNotification records S3 notifications that invoke functions.
func (b *builder) bucketNotification(in *instance) {
	bucket := str(in.val, "bucket")
	for _, lf := range blocks(in.val, "lambda_function") {
		fn := b.findFunction(str(lf, "lambda_function_arn"))
		if fn == "" {
			continue
		}
		detail := map[string]any{"events": strList(lf, "events")}
		if p := str(lf, "filter_prefix"); p != "" {
			detail["filterPrefix"] = p
		}
		if s := str(lf, "filter_suffix"); s != "" {
			detail["filterSuffix"] = s
		}
		b.app.EventSources = append(b.app.EventSources, appmodel.EventSource{
			Function: fn, Type: "s3", Source: bucket, LogicalID: in.addr, Detail: detail,
		})
	}
}

// stateMachine records a state machine and the functions its definition
// invokes.
func (b *builder) stateMachine(in *instance) {
	sm := appmodel.StateMachine{Name: str(in.val, "name"), LogicalID: in.addr, Stack: in.mod.addr}
	if err := json.Unmarshal([]byte(str(in.val, "definition")), &sm.Definition); err != nil {
		b.warnAt(in, "Unreadable state machine definition", fmt.Sprintf(
			"The definition of %s is not valid JSON: %v.", in.addr, err))
	}

	seen := map[string]bool{}
	walkStrings(sm.Definition, func(s string) {
		if fn := b.findFunction(s); fn != "" && !seen[fn] {
			seen[fn] = true
			sm.Functions = append(sm.Functions, fn)
		}
	})
	sort.Strings(sm.Functions)
	b.app.StateMachines = append(b.app.StateMachines, sm)
}

// walkStrings calls f for every string in a decoded JSON document.
func walkStrings(v any, f func(string)) {
	switch t := v.(type) {
	case string:
		f(t)
	case []any:
		for _, e := range t {
			walkStrings(e, f)
		}
	case map[string]any:
		for _, e := range t {
			walkStrings(e, f)
		}
	}
}

package cdk

import (
	"slices"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// readAliases records the alias names of each function, so the Invoke API
// accepts "name:alias" and qualifiers as Lambda does.
func (ld *loader) readAliases(st *stack) {
	for _, id := range st.ofType("AWS::Lambda::Alias") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		f, _ := ld.targetFunction(st, p["FunctionName"], base+".FunctionName", "alias "+id)
		if f == nil {
			continue
		}
		if name := st.str(p["Name"], base+".Name"); name != "" && !slices.Contains(f.Aliases, name) {
			f.Aliases = append(f.Aliases, name)
		}
	}
}

// readFunctionURLs adds every AWS::Lambda::Url of a stack.
func (ld *loader) readFunctionURLs(st *stack) {
	for _, id := range st.ofType("AWS::Lambda::Url") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		f, q := ld.targetFunction(st, p["TargetFunctionArn"], base+".TargetFunctionArn", "function URL "+id)
		if f == nil {
			continue
		}
		if qp := st.str(p["Qualifier"], base+".Qualifier"); qp != "" {
			q = qp
		}
		ld.app.FunctionURLs = append(ld.app.FunctionURLs, appmodel.FunctionURL{
			Function:  f.Name,
			AuthType:  st.str(p["AuthType"], base+".AuthType"),
			LogicalID: id,
			Qualifier: q,
		})
	}
}

// readEventSources adds event source mappings, EventBridge rule targets,
// S3 bucket notifications and SNS subscriptions that invoke functions.
func (ld *loader) readEventSources(st *stack) {
	for _, id := range st.ofType("AWS::Lambda::EventSourceMapping") {
		ld.readMapping(st, id)
	}
	for _, id := range st.ofType("AWS::Events::Rule") {
		ld.readRule(st, id)
	}
	for _, id := range st.ofType("AWS::S3::Bucket") {
		ld.readBucketNotifications(st, id)
	}
	for _, id := range st.ofType("Custom::S3BucketNotifications") {
		ld.readCDKBucketNotifications(st, id)
	}
	for _, id := range st.ofType("AWS::SNS::Subscription") {
		ld.readSubscription(st, id)
	}
}

// readMapping adds one AWS::Lambda::EventSourceMapping.
func (ld *loader) readMapping(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	f, _ := ld.targetFunction(st, p["FunctionName"], base+".FunctionName", "event source mapping "+id)
	if f == nil {
		return
	}
	src := st.str(p["EventSourceArn"], base+".EventSourceArn")
	typ := "unknown"
	switch {
	case strings.Contains(src, ":sqs:"):
		typ = "sqs"
	case strings.Contains(src, ":kinesis:"):
		typ = "kinesis"
	case strings.Contains(src, ":dynamodb:"):
		typ = "dynamodb"
	case strings.Contains(src, ":kafka:"):
		typ = "kafka"
	case strings.Contains(src, ":mq:"):
		typ = "mq"
	case src == "" && p["SelfManagedEventSource"] != nil:
		typ = "kafka"
	}
	es := appmodel.EventSource{Function: f.Name, Type: typ, Source: src, LogicalID: id}
	if _, ok := p["BatchSize"]; ok {
		es.BatchSize = st.intProp(p["BatchSize"], base+".BatchSize", 0)
	}
	detail := map[string]any{}
	for _, k := range []string{"StartingPosition", "FilterCriteria", "MaximumBatchingWindowInSeconds", "Enabled"} {
		if v, ok := p[k]; ok {
			detail[k] = st.resolve(v, base+"."+k)
		}
	}
	if len(detail) > 0 {
		es.Detail = detail
	}
	ld.app.EventSources = append(ld.app.EventSources, es)
}

// readRule adds the function targets of one AWS::Events::Rule.
func (ld *loader) readRule(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	targets, _ := st.resolve(p["Targets"], base+".Targets").([]any)
	schedule := st.str(p["ScheduleExpression"], base+".ScheduleExpression")
	for i, t := range targets {
		tm, _ := t.(map[string]any)
		arn := st.toString(tm["Arn"], base+".Targets["+itoa(i)+"].Arn")
		f, _ := ld.functionByRef(arn)
		if f == nil {
			continue // targets other than functions (queues, topics) run nothing locally
		}
		es := appmodel.EventSource{Function: f.Name, LogicalID: id, Detail: map[string]any{}}
		if schedule != "" {
			es.Type, es.Source = "schedule", schedule
		} else {
			es.Type = "eventbridge"
			es.Source = st.str(p["EventBusName"], base+".EventBusName")
			if es.Source == "" {
				es.Source = "default"
			}
			es.Detail["eventPattern"] = st.resolve(p["EventPattern"], base+".EventPattern")
		}
		if in, ok := tm["Input"]; ok {
			es.Detail["input"] = in
		}
		if len(es.Detail) == 0 {
			es.Detail = nil
		}
		ld.app.EventSources = append(ld.app.EventSources, es)
	}
}

// readBucketNotifications adds the LambdaConfigurations of a bucket's
// NotificationConfiguration.
func (ld *loader) readBucketNotifications(st *stack, id string) {
	base := "Resources." + id + ".Properties.NotificationConfiguration"
	nc, _ := st.resolve(st.props(id)["NotificationConfiguration"], base).(map[string]any)
	cfgs, _ := nc["LambdaConfigurations"].([]any)
	bucket := st.physicalName(id)
	for i, c := range cfgs {
		cm, _ := c.(map[string]any)
		path := base + ".LambdaConfigurations[" + itoa(i) + "]"
		f, _ := ld.functionByRef(st.toString(cm["Function"], path+".Function"))
		if f == nil {
			continue
		}
		ld.addS3Source(f, id, bucket, []any{cm["Event"]}, cm["Filter"])
	}
}

// readCDKBucketNotifications adds the notifications CDK configures through
// its Custom::S3BucketNotifications resource.
func (ld *loader) readCDKBucketNotifications(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	bucket := st.str(p["BucketName"], base+".BucketName")
	nc, _ := st.resolve(p["NotificationConfiguration"], base+".NotificationConfiguration").(map[string]any)
	cfgs, _ := nc["LambdaFunctionConfigurations"].([]any)
	for i, c := range cfgs {
		cm, _ := c.(map[string]any)
		path := base + ".NotificationConfiguration.LambdaFunctionConfigurations[" + itoa(i) + "]"
		f, _ := ld.functionByRef(st.toString(cm["LambdaFunctionArn"], path+".LambdaFunctionArn"))
		if f == nil {
			continue
		}
		events, _ := cm["Events"].([]any)
		ld.addS3Source(f, id, bucket, events, cm["Filter"])
	}
}

// addS3Source records one S3 notification.
func (ld *loader) addS3Source(f *appmodel.Function, id, bucket string, events []any, filter any) {
	detail := map[string]any{"events": events}
	if filter != nil {
		detail["filter"] = filter
	}
	ld.app.EventSources = append(ld.app.EventSources, appmodel.EventSource{
		Function: f.Name, Type: "s3", Source: bucket, LogicalID: id, Detail: detail,
	})
}

// readSubscription adds an SNS subscription with the lambda protocol.
func (ld *loader) readSubscription(st *stack, id string) {
	base := "Resources." + id + ".Properties"
	p := st.props(id)
	if st.str(p["Protocol"], base+".Protocol") != "lambda" {
		return
	}
	f, _ := ld.targetFunction(st, p["Endpoint"], base+".Endpoint", "SNS subscription "+id)
	if f == nil {
		return
	}
	es := appmodel.EventSource{
		Function: f.Name, Type: "sns", Source: st.str(p["TopicArn"], base+".TopicArn"), LogicalID: id,
	}
	if fp, ok := p["FilterPolicy"]; ok {
		es.Detail = map[string]any{"filterPolicy": st.resolve(fp, base+".FilterPolicy")}
	}
	ld.app.EventSources = append(ld.app.EventSources, es)
}

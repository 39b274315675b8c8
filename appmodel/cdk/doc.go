// Package cdk reads a CDK cloud assembly (the cdk.out directory that
// `cdk synth` writes) into ldk's app model.
//
// Load walks the assembly manifest (schema versions 30 to 55, with stack
// metadata either inline or in <artifact>.metadata.json), follows nested
// assemblies made by Stages and nested stacks, and reads every
// CloudFormation template it finds. Values are resolved the way
// CloudFormation would at deploy time: Ref, Fn::GetAtt, Fn::Join, Fn::Sub,
// Fn::Select, Fn::Split, Fn::If and the condition functions, Fn::FindInMap,
// Fn::Base64, Fn::ImportValue against the exports of the other stacks of the
// assembly, pseudo parameters and template parameters. A Ref or GetAtt
// resolves to what the real service would return (a table's name, a queue's
// URL, a function's ARN), with a deterministic name where the template sets
// none. What cannot be known without a deployed account becomes a readable
// placeholder such as "${Unresolved:Ref:Foo}" plus one diagnostic.
//
// Function code is found through the aws:asset:path metadata, else through
// the asset manifests by S3 key; inline code and zip assets are written to a
// per-app cache directory (Options.CacheDir). Zip entries that would land
// outside the target directory are refused.
//
// Problems come back as appmodel.Diagnostics naming the file, the JSON path
// and, for templates, the line and column. When any is an error, Load
// returns the partial model and an *appmodel.LoadError.
package cdk

// Package reload keeps a running ldk dev in step with the files it was
// started from. It watches every function's code and layer directories and
// the inputs the app model is read from (a cloud assembly, a Terraform
// module and its variable files).
//
// A change inside a code or layer directory recycles the workers of the
// functions that use it, and only those: their idle workers stop at once,
// busy ones after their current invocation, and the next invocation loads
// the new code. A change to the model's inputs re-reads the model, diffs
// it against the one serving and applies the difference: routes are
// swapped in place, listeners opened and closed for APIs and function URLs
// that came or went, changed functions restarted, removed ones stopped
// once idle; everything else keeps its warm workers. A model that fails to
// load leaves the last good one serving; the next change that loads
// applies as usual.
//
// ldk.yaml is watched under each name it may have, whether it exists or
// not: creating, editing, renaming over or deleting it reads the model
// again through Config.Load, and Config.Apply makes the model serve with
// the settings read (ldk dev applies ldk.yaml's live settings with it).
//
// Each reload logs one line: which functions, why, and the time from the
// first file event to the moment the change is in place.
//
// Synth is the optional companion for CDK apps (ldk dev --synth): it runs
// the app's synth command from cdk.json when the sources its watch
// settings name change, and the Reloader applies the new assembly. One
// synth runs at a time: a change during one stops it and starts the next,
// one running past SynthConfig.Timeout is stopped, and on Linux the
// synth's process group dies with ldk however ldk ends.
package reload

// Package sandbox holds what a compute backend prints and answers around an
// invocation the way Lambda's sandbox does, so every backend, built in or
// third party, words them alike:
//
//   - the START, END and REPORT lines (Report, StartLine, EndLine) and the
//     line after a timeout (TimedOutLine);
//   - the error documents of sandbox failures, Sandbox.Timedout and
//     Runtime.ExitError (TimedOutDocument, ExitDocument), and the error
//     types of results;
//   - Tail, the last 4 KB of an invocation's log for the Invoke API;
//   - LineReader, which turns a worker's stdout or stderr pipe into log
//     lines and can wait until everything written so far has been read,
//     so that an invocation's output is complete before its END line.
package sandbox

package apigw

import "strings"

// sigV4Algorithm opens the Authorization header of a SigV4-signed request.
const sigV4Algorithm = "AWS4-HMAC-SHA256"

// iamGrant lets an AWS_IAM route or function URL be called by a
// SigV4-signed request: an Authorization header "AWS4-HMAC-SHA256
// Credential=<key>/..." or a presigned query (X-Amz-Credential and
// X-Amz-Signature). A request without either is refused as AWS refuses
// it.
//
// TODO: the signature itself is not verified and the caller's policies
// are not evaluated: any signed request passes, whatever its key or
// secret; the event's identity carries the access key and the app's
// account, but no caller, user or user ARN.
func iamGrant(in *incoming, fl flavor, opts Options) (*grant, *answer) {
	key := sigV4AccessKey(in)
	if key == "" {
		return nil, gatewayError(fl, failUnsigned, opts.BodyLimit)
	}
	return &grant{
		accessKey: key,
		v2:        &v2Authorizer{IAM: &v2IAM{AccessKey: key, AccountID: opts.AccountID}},
	}, nil
}

// sigV4AccessKey is the access key id of a SigV4-signed request, "" when
// the request is not signed.
func sigV4AccessKey(in *incoming) string {
	if auth := in.header.Get("Authorization"); strings.HasPrefix(auth, sigV4Algorithm+" ") {
		for _, part := range strings.Split(strings.TrimPrefix(auth, sigV4Algorithm+" "), ",") {
			if cred, ok := strings.CutPrefix(strings.TrimSpace(part), "Credential="); ok {
				key, _, _ := strings.Cut(cred, "/")
				return key
			}
		}
		return ""
	}
	_, q := parseQuery(in.rawQuery)
	if len(q["X-Amz-Signature"]) == 0 || len(q["X-Amz-Credential"]) == 0 {
		return ""
	}
	key, _, _ := strings.Cut(q["X-Amz-Credential"][0], "/")
	return key
}

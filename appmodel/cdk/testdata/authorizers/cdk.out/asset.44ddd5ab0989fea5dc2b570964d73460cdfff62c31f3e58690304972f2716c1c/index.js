// A REST TOKEN authorizer: the token names what to answer. The context
// carries what the authorizer's event held, so the echo shows it.
const statement = (effect, resource) => ({ Action: 'execute-api:Invoke', Effect: effect, Resource: resource });

const answer = (statements, context) => ({
  principalId: 'user-ann',
  policyDocument: { Version: '2012-10-17', Statement: statements },
  context,
  usageIdentifierKey: 'usage-key',
});

exports.handler = async (event) => {
  const arn = event.methodArn;
  const context = { type: event.type, methodArn: arn, token: event.authorizationToken, level: 3, admin: true };
  switch (event.authorizationToken) {
    case 'tok-allow':
      return answer([statement('Allow', arn)], context);
    case 'tok-wild':
      // "?" is one character: /items/7 matches, /items/77 does not.
      return answer([statement('Allow', 'arn:aws:execute-api:us-east-1:*:*/dev/GET/items/?')], context);
    case 'tok-deny':
      return answer([statement('Deny', '*')], context);
    case 'tok-mixed':
      return answer([statement('Allow', '*'), statement('Deny', arn)], context);
    case 'tok-elsewhere':
      return answer([statement('Allow', arn.replace(/\/GET\/.*$/, '/POST/elsewhere'))], context);
    case 'tok-unauthorized':
      throw new Error('Unauthorized');
    case 'tok-crash':
      throw new Error('the user store is down');
    case 'tok-malformed':
      return { hello: 'world' };
    case 'tok-bad-context':
      return answer([statement('Allow', arn)], { nested: { a: 1 } });
    default:
      throw new Error('Unauthorized');
  }
};

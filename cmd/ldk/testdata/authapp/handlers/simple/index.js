// An HTTP API authorizer with simple responses: the Authorization header
// says what to answer. The context carries what the event held.
exports.handler = async (event) => {
  const token = (event.headers || {}).authorization;
  switch (token) {
    case 'crash':
      throw new Error('the session store is down');
    case 'unauthorized':
      throw new Error('Unauthorized');
    case 'garbage':
      return { allowed: 'yes' };
  }
  return {
    isAuthorized: token === 'yes',
    context: {
      user: 'bo',
      n: 1,
      nested: { a: 1 },
      version: event.version,
      type: event.type,
      routeArn: event.routeArn,
      routeKey: event.routeKey,
      identitySource: event.identitySource,
    },
  };
};

// Always fails: the APIs answer REST 502 and HTTP API 500.
exports.handler = async () => {
  throw new TypeError('broken on purpose');
};

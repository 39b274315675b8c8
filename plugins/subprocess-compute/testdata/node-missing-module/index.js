const missing = require('ldk-no-such-package');

exports.handler = async () => missing();

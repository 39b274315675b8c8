module.exports.main = (event, context, callback) => callback(null, { cjs: true });

exports.handler = async () => "inside";

exports.handler = async () => "json";

exports.handler = async () => "h";

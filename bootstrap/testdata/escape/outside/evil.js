exports.handler = async () => "outside";

exports.handler = async () => "w";

// Holds event.mb MB, every page touched, while the memory ceiling test
// watches; a plain call answers at once.
exports.grow = async (event) => {
  const chunks = [];
  for (let i = 0; i < (event.mb || 0); i += 1) chunks.push(Buffer.alloc(1 << 20, 1));
  if (event.mb) await new Promise((resolve) => setTimeout(resolve, 10000));
  return { held: chunks.length };
};
